/// Finds kernel crash reports (BUG, WARNING, KASAN, KFENCE, UBSAN, oopses, page
/// faults) at any quote depth of a text part and reads their title, FILE:LINE,
/// kernel version and backtrace (x86-64, arm, arm64, decoded traces).
///
/// Each quote depth has its own scanner, so a report quoted three levels deep is
/// read from the lines at that depth with the quote prefix stripped, and replies
/// interleaved at other depths do not cut it. One pass, linear in the text.
/// Lines at a depth with no report open are first given a cheap byte test
/// (`ReportPrescan`); only those that may start a report are parsed.
public enum ReportParser {
    public static func reports(in analysis: QuoteAnalysis, partIndex: Int) -> [CrashReport] {
        reports(in: analysis, partIndex: partIndex, prescan: true)
    }

    /// `prescan: false` parses every line (the tests compare both ways).
    static func reports(in analysis: QuoteAnalysis, partIndex: Int, prescan: Bool) -> [CrashReport] {
        var open: [Int: ReportScanner] = [:]
        var found: [(report: CrashReport, start: Int)] = []
        for (index, line) in analysis.lines.enumerated() {
            let depth = line.depth
            var raw = line.raw
            let read: (text: [UInt8], logged: Bool)? = raw.withUTF8 { all in
                // `line.content`, read in place.
                var start = min(line.prefixLength, all.count)
                if line.prefixLength > 0, start < all.count, all[start] == 0x20 { start += 1 }
                let b = UnsafeBufferPointer(rebasing: all[start...])
                let (range, logged) = LogPrefix.textRange(b)
                if prescan, open.isEmpty || open[depth] == nil, !ReportPrescan.mayStart(b, range) { return nil }
                return (Array(b[range]), logged)
            }
            guard let (text, logged) = read else { continue }
            if var scanner = open[depth] {
                switch scanner.feed(text, logged: logged, index: index) {
                case .continues:
                    open[depth] = scanner
                    continue
                case .ended:
                    open[depth] = nil
                    if let r = scanner.finish(partIndex: partIndex) { found.append((r, scanner.start)) }
                    // The ending line may start the next report.
                }
            }
            if let scanner = ReportScanner.start(text, depth: depth, index: index) { open[depth] = scanner }
        }
        for scanner in open.values {
            if let r = scanner.finish(partIndex: partIndex) { found.append((r, scanner.start)) }
        }
        found.sort { ($0.start, $0.report.depth) < ($1.start, $1.report.depth) }
        return found.map { entry in
            var r = entry.report
            r.causeClaim = CauseClaim.find(in: analysis, around: r.lineRange, depth: r.depth)
            return r
        }
    }
}
