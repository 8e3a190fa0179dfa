/// A cheap byte test run on every line before the report scanner: can this line
/// start a report? It must say yes to every line `ReportScanner.start` accepts, so it
/// looks for the words those lines begin with anywhere in the line (log prefixes,
/// timestamps and quote text may come first): `BUG`/`Bug` (`kernel BUG at`, `BUG:`,
/// `watchdog: BUG:`, KASAN/KFENCE/KCSAN titles, `BUG: kernel NULL pointer…`),
/// `WARNING: `, `UBSAN: `, `Unable to handle kernel `, `general protection fault`,
/// `INFO: ` (`INFO: task`, `INFO: rcu`, `rcu: INFO:`), `Internal error: `, `Oops`,
/// `Kernel panic`, `cut here`, `Call Trace:`/`Call trace:`, `Backtrace:`, and the
/// program-counter lines `RIP: `, `PC is at `, `pc : `, `NIP `, `epc`.
/// A false yes costs only the full check; a false no would lose a report.
enum ReportPrescan {
    static func mayStart(_ line: Substring) -> Bool {
        var line = line
        return line.withUTF8 { mayStart($0) }
    }

    static func mayStart(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        @inline(__always) func at(_ k: Int, _ s: StaticString) -> Bool {
            let count = s.utf8CodeUnitCount
            guard k >= 0, k + count <= n else { return false }
            let p = s.utf8Start
            var j = 0
            while j < count {
                if b[k + j] != p[j] { return false }
                j += 1
            }
            return true
        }
        while i < n {
            switch b[i] {
            case 0x42:   // B
                if i + 2 < n, b[i + 1] | 0x20 == 0x75, b[i + 2] | 0x20 == 0x67 { return true }   // BUG, Bug, BuG…
                if at(i, "Backtrace:") { return true }
            case 0x57: if at(i, "WARNING: ") { return true }                                        // W
            case 0x55: if at(i, "UBSAN: ") || at(i, "Unable to handle kernel ") { return true }    // U
            case 0x67: if at(i, "general protection fault") { return true }                         // g
            case 0x49: if at(i, "INFO: ") || at(i, "Internal error: ") { return true }             // I
            case 0x4F: if at(i, "Oops") { return true }                                             // O
            case 0x4B: if at(i, "Kernel panic") { return true }                                     // K
            case 0x63: if at(i, "cut here") { return true }                                         // c
            case 0x43: if at(i, "Call Trace:") || at(i, "Call trace:") { return true }             // C
            case 0x52: if at(i, "RIP: ") { return true }                                            // R
            case 0x50: if at(i, "PC is at ") { return true }                                        // P
            case 0x70: if at(i, "pc : ") || at(i - 1, "epc") { return true }                       // p
            case 0x4E: if at(i, "NIP ") { return true }                                             // N
            default: break
            }
            i += 1
        }
        return false
    }
}
