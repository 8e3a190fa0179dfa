/// A reporter's own words blaming a patch: "this patch should be the cause",
/// "bisected to …", "first bad commit", "reverting this patch fixes it".
enum CauseClaim {
    private static let phrases: [[UInt8]] = [
        "should be the cause", "is the cause", "be the culprit", "is the culprit", "caused by this", "caused by commit",
        "caused by the patch", "this patch causes", "this patch breaks", "this patch broke", "this commit causes",
        "this commit breaks", "this commit broke", "bisected to", "bisected it to", "bisected this to", "bisected the",
        "first bad commit", "reverting this", "reverting the patch", "reverting the commit", "reverting it fixes",
        "introduced by this", "introduced by commit", "regressed by", "triggered by this patch", "after applying this patch",
    ].map { Array($0.utf8) }

    /// Looks at the prose at the report's depth shortly before and after it.
    static func find(in analysis: QuoteAnalysis, around range: Range<Int>, depth: Int) -> String? {
        let lines = analysis.lines
        let lower = max(0, range.lowerBound - 25), upper = min(lines.count, range.upperBound + 15)
        guard lower < upper else { return nil }
        for i in lower..<upper where !range.contains(i) && lines[i].depth == depth {
            let b = Array(lines[i].content.utf8)
            guard b.count < 400 else { continue }
            for p in phrases where ByteScan.findFolded(b, p) != nil {
                return ByteScan.string(ByteScan.trimmed(b))
            }
        }
        return nil
    }
}
