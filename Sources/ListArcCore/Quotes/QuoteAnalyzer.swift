/// Per-line quote depth, attributions and the embedded-message tree of a text.
/// (First cut: `>` markers only; the Quotes work replaces this.)
public enum QuoteAnalyzer {
    public static func analyse(_ text: String) -> QuoteAnalysis {
        var lines: [QuoteLine] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var depth = 0, end = 0, i = 0
            let u = Array(raw.utf8)
            while i < u.count {
                if u[i] == UInt8(ascii: ">") { depth += 1; i += 1; end = i }
                else if u[i] == UInt8(ascii: " "), i + 1 < u.count, u[i + 1] == UInt8(ascii: ">") { i += 1 }
                else { break }
            }
            lines.append(QuoteLine(raw: String(raw), depth: depth, prefixLength: end))
        }
        if text.hasSuffix("\n") { lines.removeLast() }
        return QuoteAnalysis(lines: lines, attributions: [], embedded: [])
    }
}
