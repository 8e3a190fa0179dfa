/// Reads one report at one quote depth, line by line.
struct ReportScanner {
    enum Step { case continues, ended }
    private enum Trace { case none, frames, arm }

    let depth: Int
    let start: Int
    private var end: Int
    private var kind: CrashReport.Kind = .other
    private var title: String?
    private var file: String?
    private var line: Int?
    private var titleSymbol: FrameSyntax.Symbol?
    private var version: String?
    private var versionOnNextLine = false
    private var pc: Frame?
    private var lr: Frame?
    private var trace: [Frame] = []
    private var traceState: Trace = .none
    private var traceDone = false
    private var oddLinesInTrace = 0
    private var proseRun = 0
    private var blankRun = 0

    private static func p(_ s: String) -> [UInt8] { Array(s.utf8) }
    private static let rip = p("RIP: ")
    private static let pcIsAt = p("PC is at ")
    private static let lrIsAt = p("LR is at ")
    private static let pcColon = p("pc : ")
    private static let lrColon = p("lr : ")
    private static let nip = p("NIP ")
    private static let epc = p("epc")
    private static let callTraceX86 = p("Call Trace:")
    private static let callTraceArm64 = p("Call trace:")
    private static let backtrace = p("Backtrace:")
    private static let from = p(" from ")
    private static let endTrace = p("---[ end")
    private static let code = p("Code:")
    private static let kfenceObject = p("(in kfence-#")
    private static let traceEnders = ["</TASK>", "Allocated by task", "Freed by task", "Last potentially related", "Second to last",
                                      "The buggy address", "Memory state around", "Modules linked in", "Kernel panic",
                                      "allocated by task", "freed by task"].map(p)
    private static let markers = ["<TASK>", "<IRQ>", "</IRQ>", "<NMI>", "</NMI>", "<EOI>", "<SOFTIRQ>", "</SOFTIRQ>"].map(p)

    private init(depth: Int, start: Int) {
        self.depth = depth
        self.start = start
        self.end = start + 1
    }

    /// A scanner if this line starts a report: a title, `cut here`, or a bare
    /// register/backtrace header someone pasted without the title. (`ReportPrescan`
    /// must accept every line this accepts.)
    static func start(_ b: [UInt8], depth: Int, index: Int) -> ReportScanner? {
        guard let c = b.first else { return nil }
        if let t = ReportTitle.classify(b) {
            var s = ReportScanner(depth: depth, start: index)
            if t.role != .opener { s.take(t, text: b) }
            return s
        }
        guard c == 0x52 || c == 0x50 || c == 0x70 || c == 0x43 || c == 0x42 || c == 0x4E || c == 0x65 else { return nil }
        let headed = ByteScan.has(b, callTraceX86, at: 0) || ByteScan.has(b, callTraceArm64, at: 0) || ByteScan.has(b, backtrace, at: 0)
        let pcLine = pcFrame(b) != nil
        guard headed || pcLine else { return nil }
        var s = ReportScanner(depth: depth, start: index)
        s.title = ByteScan.string(b)
        _ = s.feed(b, logged: true, index: index)
        return s
    }

    private mutating func take(_ t: ReportTitle, text: [UInt8]) {
        if title == nil {
            title = ByteScan.string(text)
            kind = t.kind
        }
        if file == nil, let f = t.file { file = f; line = t.line }
        if titleSymbol == nil { titleSymbol = t.symbol }
    }

    private var hasFrames: Bool { pc != nil || !trace.isEmpty }

    mutating func feed(_ b: [UInt8], logged: Bool, index: Int) -> Step {
        if b.isEmpty {
            blankRun += 1
            if traceState != .none && blankRun >= 2 { endTrace() }
            return blankRun >= 3 ? .ended : .continues
        }
        blankRun = 0
        if versionOnNextLine {
            versionOnNextLine = false
            if version == nil, let v = KernelVersion.leading(b) { version = v; return mark(index) }
        }
        if let t = ReportTitle.classify(b) {
            switch t.role {
            case .opener:
                if title != nil || hasFrames { return .ended }
            case .primary:
                if title != nil && hasFrames { return .ended }
                take(t, text: b)
            case .continuation:
                take(t, text: b)
            }
            return mark(index)
        }
        if ByteScan.has(b, ReportScanner.endTrace, at: 0) {
            endTrace()
            mark(index)
            return .ended
        }
        if version == nil, let v = KernelVersion.find(in: b) {
            switch v {
            case .version(let s): version = s
            case .onNextLine: versionOnNextLine = true
            }
            return mark(index)
        }
        if let f = ReportScanner.pcFrame(b) {
            // Later RIP lines are the user-mode or interrupted registers inside the trace.
            if pc == nil && traceState == .none && !traceDone { pc = f }
            return mark(index)
        }
        if lr == nil, ByteScan.has(b, ReportScanner.lrIsAt, at: 0) || ByteScan.has(b, ReportScanner.lrColon, at: 0) {
            let skip = ByteScan.has(b, ReportScanner.lrIsAt, at: 0) ? ReportScanner.lrIsAt.count : ReportScanner.lrColon.count
            lr = FrameSyntax.frame(ByteScan.trimmed(Array(b[skip...])))
            lr?.reliable = false
            return mark(index)
        }
        if ByteScan.has(b, ReportScanner.callTraceX86, at: 0) || ByteScan.has(b, ReportScanner.callTraceArm64, at: 0) {
            if !traceDone && traceState == .none { traceState = .frames; oddLinesInTrace = 0 }
            return mark(index)
        }
        if ByteScan.has(b, ReportScanner.backtrace, at: 0) {
            if !traceDone && traceState == .none { traceState = .arm; oddLinesInTrace = 0 }
            return mark(index)
        }
        // KFENCE prints its stack right under "Use-after-free read at 0x… (in kfence-#24):".
        if kind == .kfence, traceState == .none, !traceDone, b.last == 0x3A, ByteScan.find(b, ReportScanner.kfenceObject) != nil {
            traceState = .frames
            return mark(index)
        }
        if traceState != .none {
            if ReportScanner.traceEnders.contains(where: { ByteScan.has(b, $0, at: 0) }) || ByteScan.has(b, ReportScanner.code, at: 0) {
                endTrace()
                return mark(index)
            }
            if ReportScanner.markers.contains(b) { return mark(index) }
            if traceState == .arm ? armFrames(b) : traceFrame(b) {
                oddLinesInTrace = 0
                return mark(index)
            }
            oddLinesInTrace += 1
            if oddLinesInTrace > 12 { endTrace() }
        }
        // After the trace a report has only register, memory and code dumps: a
        // line with no digit at all is the reporter writing again.
        let prose = Prose.isProse(b) || (traceDone && !b.contains(where: ByteScan.isDigit))
        if logged || !prose {
            return mark(index)
        }
        proseRun += 1
        return proseRun >= 3 ? .ended : .continues
    }

    @discardableResult
    private mutating func mark(_ index: Int) -> Step {
        proseRun = 0
        end = index + 1
        return .continues
    }

    private mutating func endTrace() {
        if traceState != .none && !trace.isEmpty { traceDone = true }
        traceState = .none
    }

    private mutating func traceFrame(_ b: [UInt8]) -> Bool {
        guard let f = FrameSyntax.frame(b) else { return false }
        trace.append(f)
        return true
    }

    /// arm `CALLEE from CALLER+0xOFF/0xSIZE`; register dump lines in between are skipped.
    private mutating func armFrames(_ b: [UInt8]) -> Bool {
        guard let k = ByteScan.find(b, ReportScanner.from) else { return false }
        let calleeBytes = Array(b[..<k]), callerBytes = Array(b[(k + ReportScanner.from.count)...])
        guard let caller = FrameSyntax.frame(callerBytes), let callee = FrameSyntax.frame(calleeBytes) ?? ReportScanner.bareName(calleeBytes) else { return false }
        let previous = trace.last ?? pc
        if previous?.function != callee.function { trace.append(callee) }
        trace.append(caller)
        return true
    }

    /// `mas_update_gap` or `(mas_update_gap)` with optional `[<address>]`.
    private static func bareName(_ b: [UInt8]) -> Frame? {
        var i = FrameSyntax.skipAddresses(b, 0)
        if i < b.count, b[i] == 0x28 { i += 1 }
        var e = i
        while e < b.count && ByteScan.isSymbol(b[e]) { e += 1 }
        guard e > i, FrameSyntax.startsName(b[i]) else { return nil }
        let rest = ByteScan.trimmed(Array(b[e...]))
        guard rest.isEmpty || rest == [0x29] else { return nil }
        return Frame(function: ByteScan.string(b, i..<e))
    }

    /// `RIP: 0010:FUNC+…`, `PC is at FUNC+…`, `pc : FUNC+…`.
    static func pcFrame(_ b: [UInt8]) -> Frame? {
        var rest: [UInt8]
        if ByteScan.has(b, rip, at: 0) {
            var i = rip.count
            // Segment selector "0010:".
            if let (_, e) = ByteScan.hex(b, at: i), e < b.count, b[e] == 0x3A, e - i == 4 { i = e + 1 }
            rest = Array(b[i...])
        } else if ByteScan.has(b, pcIsAt, at: 0) {
            rest = Array(b[pcIsAt.count...])
        } else if ByteScan.has(b, pcColon, at: 0) {
            rest = Array(b[pcColon.count...])
        } else if ByteScan.has(b, nip, at: 0) || ByteScan.has(b, epc, at: 0) {
            // powerpc "NIP [c0000000001234] foo+0x1/0x2", riscv "epc : foo+0x1/0x2",
            // mips "epc   : 80123456 foo+0x1/0x2".
            var i = ByteScan.skipSpaces(b, 3)
            if i < b.count, b[i] == 0x3A { i = ByteScan.skipSpaces(b, i + 1) }
            if case let e = ByteScan.hexRunEnd(b, at: i), e < b.count, b[e] == 0x20, e - i >= 8 { i = e }
            rest = Array(b[i...])
        } else {
            return nil
        }
        return FrameSyntax.frame(ByteScan.trimmed(rest))
    }

    func finish(partIndex: Int) -> CrashReport? {
        var frames: [Frame] = []
        if let pc { frames.append(pc) }
        var rest = trace[...]
        if let pc, let first = rest.first, first.function == pc.function, first.offset == nil || pc.offset == nil || first.offset == pc.offset {
            rest = rest.dropFirst()
        }
        frames += rest
        if pc == nil, kind == .warning, let s = titleSymbol, !frames.prefix(3).contains(where: { $0.function == s.name }) {
            frames.insert(Frame(function: s.name, offset: s.offset, size: s.size), at: 0)
        }
        if frames.count == 1, let lr, lr.function != frames[0].function { frames.append(lr) }
        guard title != nil || !frames.isEmpty else { return nil }
        return CrashReport(kind: kind, title: title ?? "", file: file, line: line, frames: frames, kernelVersion: version,
                           depth: depth, partIndex: partIndex, lineRange: start..<end, function: titleSymbol?.name)
    }
}
