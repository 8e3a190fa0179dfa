import ListArcCore

/// What `show` prints, in both forms, derived from an analysed message.
enum ShowModel {
    /// Each part's quote analysis, with the reply's own text (depth 0) credited to
    /// the message's sender.
    static func quotes(of m: AnalysedMessage) -> [QuoteAnalysis] {
        m.quotes.map { $0.attributingOwnText(from: m.message.from, date: m.message.date) }
    }

    /// A file section's path for display: the new path (the old one for a
    /// deletion), without git's a/ b/ prefix.
    static func path(_ f: FileDiff) -> String {
        let p = f.newPath ?? f.oldPath ?? "?"
        if p.hasPrefix("a/") || p.hasPrefix("b/") { return String(p.dropFirst(2)) }
        return p
    }

    /// Per line of one part: 'A' attribution, 'D' diff, 'R' crash report, ' ' else.
    static func marks(part: Int, quote: QuoteAnalysis, diffs: [ExtractedDiff], reports: [CrashReport]) -> [Character] {
        let n = quote.lines.count
        var marks = [Character](repeating: " ", count: n)
        func mark(_ r: Range<Int>, _ c: Character) {
            let lower = max(0, r.lowerBound), upper = min(n, r.upperBound)
            guard lower < upper else { return }
            for i in lower..<upper { marks[i] = c }
        }
        for r in reports where r.partIndex == part { mark(r.lineRange, "R") }
        for d in diffs where d.partIndex == part { mark(d.lineRange, "D") }
        for a in quote.attributions { mark(a.lineRange, "A") }
        return marks
    }
}
