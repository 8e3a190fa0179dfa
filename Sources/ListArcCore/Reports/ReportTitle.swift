/// The first line(s) of a kernel report: what kind it is and the FILE:LINE or
/// function it names.
struct ReportTitle {
    enum Role {
        /// Starts a report (`kernel BUG at`, `WARNING:`, `BUG: KASAN:`…).
        case primary
        /// Belongs to a report already open (`Oops: 0000 [#1]`, `Internal error: Oops`),
        /// or starts one when none is.
        case continuation
        /// `------------[ cut here ]------------`: a report follows.
        case opener
    }
    var kind: CrashReport.Kind
    var role: Role
    var file: String?
    var line: Int?
    var symbol: FrameSyntax.Symbol?

    private static func p(_ s: String) -> [UInt8] { Array(s.utf8) }
    private static let kernelBUG = p("kernel BUG at ")
    private static let warning = p("WARNING: ")
    private static let bugColon = p("BUG: ")
    private static let kasan = p("BUG: KASAN: ")
    private static let kfence = p("BUG: KFENCE: ")
    private static let unableBUG = p("BUG: unable to handle ")
    private static let nullBUG = p("BUG: kernel NULL pointer dereference")
    private static let ubsan = p("UBSAN: ")
    private static let unable = p("Unable to handle kernel ")
    private static let gpf = p("general protection fault")
    private static let internalError = p("Internal error: ")
    private static let oops = p("Oops")
    private static let panic = p("Kernel panic - not syncing")
    private static let infoTask = p("INFO: task ")
    private static let infoRCU = p("INFO: rcu")
    private static let rcuInfo = p("rcu: INFO: ")
    private static let watchdog = p("watchdog: BUG: ")
    private static let cutWords = p(" cut here ")
    private static let at = p(" at ")
    private static let inWord = p(" in ")

    /// (`ReportPrescan` must accept every line this accepts: add new titles there too.)
    static func classify(_ b: [UInt8]) -> ReportTitle? {
        guard let c = b.first, c == 0x6B || c == 0x57 || c == 0x42 || c == 0x55 || c == 0x67 || c == 0x49 || c == 0x4F
                || c == 0x4B || c == 0x72 || c == 0x77 || c == 0x2D || c == 0x38 else { return nil }
        if ByteScan.has(b, kernelBUG, at: 0) {
            let loc = FrameSyntax.location(b, at: kernelBUG.count)
            return ReportTitle(kind: .bug, role: .primary, file: loc?.0, line: loc?.1)
        }
        if ByteScan.has(b, warning, at: 0) { return located(b, kind: .warning) }
        if ByteScan.has(b, kasan, at: 0) { return named(b, kind: .kasan) }
        if ByteScan.has(b, kfence, at: 0) { return named(b, kind: .kfence) }
        if ByteScan.has(b, unableBUG, at: 0) || ByteScan.hasFolded(b, nullBUG, at: 0) { return ReportTitle(kind: .pagingFault, role: .primary) }
        if ByteScan.has(b, bugColon, at: 0) || ByteScan.has(b, watchdog, at: 0) {
            // KCSAN/KMSAN/"sleeping function called … at FILE:LINE", soft lockups…
            var t = located(b, kind: .other)
            if t.symbol == nil { t.symbol = named(b, kind: .other).symbol }
            return t
        }
        if ByteScan.has(b, ubsan, at: 0) {
            var t = ReportTitle(kind: .ubsan, role: .primary)
            if let k = ByteScan.find(b, inWord), let loc = FrameSyntax.location(b, at: k + inWord.count) { t.file = loc.0; t.line = loc.1 }
            return t
        }
        if ByteScan.has(b, unable, at: 0) { return ReportTitle(kind: .pagingFault, role: .primary) }
        if ByteScan.has(b, gpf, at: 0) { return ReportTitle(kind: .oops, role: .primary) }
        if ByteScan.has(b, infoTask, at: 0) || ByteScan.has(b, infoRCU, at: 0) || ByteScan.has(b, rcuInfo, at: 0) {
            return ReportTitle(kind: .other, role: .primary)
        }
        if ByteScan.has(b, internalError, at: 0) || isOopsLine(b) || ByteScan.has(b, panic, at: 0) {
            return ReportTitle(kind: .oops, role: .continuation)
        }
        // "------------[ cut here ]------------" (WARN/BUG) and arm's "8<--- cut here ---".
        if b.count < 80, b.first == 0x2D || b.first == 0x38, ByteScan.find(b, cutWords) != nil {
            return ReportTitle(kind: .other, role: .opener)
        }
        return nil
    }

    /// `Oops: 0000 [#1]`, `Oops[#1]`, `Oops - BUG: 0 [#1]`, `Oops#1` — not prose "Oops, I …".
    private static func isOopsLine(_ b: [UInt8]) -> Bool {
        guard ByteScan.has(b, oops, at: 0), b.count > 4 else { return false }
        let c = b[4]
        return (c == 0x3A || c == 0x5B || c == 0x23 || c == 0x20) && ByteScan.find(b, p("[#")) != nil
    }

    /// `… at FILE:LINE [FUNC+0xOFF/0xSIZE]`.
    private static func located(_ b: [UInt8], kind: CrashReport.Kind) -> ReportTitle {
        var t = ReportTitle(kind: kind, role: .primary)
        var from = 0
        while let k = ByteScan.find(b, at, from: from) {
            if let (file, line, end) = FrameSyntax.location(b, at: k + at.count) {
                t.file = file; t.line = line
                t.symbol = FrameSyntax.firstSymbol(b, from: end)
                break
            }
            from = k + 1
        }
        return t
    }

    /// `… in FUNC+0xOFF/0xSIZE`.
    private static func named(_ b: [UInt8], kind: CrashReport.Kind) -> ReportTitle {
        var t = ReportTitle(kind: kind, role: .primary)
        if let k = ByteScan.find(b, inWord) { t.symbol = FrameSyntax.firstSymbol(b, from: k + inWord.count) }
        return t
    }
}
