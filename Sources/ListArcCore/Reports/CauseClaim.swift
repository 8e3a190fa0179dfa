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

    /// Looks at the prose at the report's depth shortly before and after it and
    /// returns the whole sentence holding the claim.
    static func find(in analysis: QuoteAnalysis, around range: Range<Int>, depth: Int) -> String? {
        let lines = analysis.lines
        let lower = max(0, range.lowerBound - 25), upper = min(lines.count, range.upperBound + 15)
        guard lower < upper else { return nil }
        func prose(_ i: Int) -> [UInt8]? {
            guard i >= lower, i < upper, !range.contains(i), lines[i].depth == depth else { return nil }
            let b = ByteScan.trimmed(Array(lines[i].content.utf8))
            return b.isEmpty || b.count > 400 ? nil : b
        }
        for i in lower..<upper {
            guard let b = prose(i), phrases.contains(where: { ByteScan.findFolded(b, $0) != nil }) else { continue }
            // The paragraph around the line (a few lines each way), then the sentence.
            var first = i, last = i
            while first > i - 4, prose(first - 1) != nil { first -= 1 }
            while last < i + 4, prose(last + 1) != nil { last += 1 }
            var text: [UInt8] = []
            var hit = 0
            for k in first...last {
                if k == i { hit = text.count }
                if !text.isEmpty { text.append(0x20) }
                if k == i { hit = text.count }
                text += prose(k) ?? []
            }
            return sentence(text, around: hit + (phrases.compactMap { ByteScan.findFolded(b, $0) }.min() ?? 0))
        }
        return nil
    }

    private static func sentence(_ t: [UInt8], around at: Int) -> String {
        func ends(_ k: Int) -> Bool { (t[k] == 0x2E || t[k] == 0x21 || t[k] == 0x3F) && (k + 1 == t.count || t[k + 1] == 0x20) }
        var s = min(at, t.count)
        while s > 0 && !ends(s - 1) { s -= 1 }
        var e = min(at, t.count)
        while e < t.count && !ends(e) { e += 1 }
        return ByteScan.string(ByteScan.trimmed(Array(t[s..<min(t.count, e + 1)])))
    }
}
