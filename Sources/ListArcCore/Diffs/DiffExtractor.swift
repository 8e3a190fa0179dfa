/// Finds every diff at every quote depth of an analysed text part.
///
/// Each depth (and each embedded message at that depth) is read on its own: its
/// quote prefix is stripped, quoting damage is repaired, and hunks are read by their
/// `@@` counts. Lines of other depths inside a hunk mean a reply cut it: the hunk
/// and the diff are then marked incomplete, never passed off as whole.
public enum DiffExtractor {
    public static func extract(from analysis: QuoteAnalysis, partIndex: Int) -> [ExtractedDiff] {
        extract(from: analysis, partIndex: partIndex, wasFlowed: false)
    }

    /// `wasFlowed`: the part was format=flowed (`TextPart.wasFlowed`), so quoted
    /// context lines may carry a stuffed space even where no line proves it.
    public static func extract(from analysis: QuoteAnalysis, partIndex: Int, wasFlowed: Bool) -> [ExtractedDiff] {
        let lines = analysis.lines
        guard !lines.isEmpty else { return [] }

        // Which embedded message holds each line (diffs never span two messages).
        var owner = [Int32](repeating: -1, count: lines.count)
        for (m, message) in analysis.embedded.enumerated() {
            for i in message.lineIndices where i >= 0 && i < lines.count { owner[i] = Int32(truncatingIfNeeded: m) }
        }

        // Group line numbers by (depth, message); keep only groups that may hold a diff.
        // Neighbouring lines mostly share a group: remember the last one to skip hashing.
        struct Key: Hashable { var depth: Int; var owner: Int32 }
        var slot: [Key: Int] = [:]
        var keys: [Key] = []
        var groups: [[Int]] = []
        var promising: [Bool] = []
        var lastKey = Key(depth: -1, owner: -2), lastSlot = -1
        for (i, line) in lines.enumerated() {
            let key = Key(depth: line.depth, owner: owner[i])
            if key != lastKey {
                if let s = slot[key] { lastSlot = s } else {
                    lastSlot = keys.count
                    slot[key] = lastSlot
                    keys.append(key)
                    groups.append([])
                    promising.append(false)
                }
                lastKey = key
            }
            groups[lastSlot].append(i)
            if !promising[lastSlot], mayStartDiff(line.afterMarkers) { promising[lastSlot] = true }
        }

        var result: [ExtractedDiff] = []
        for (n, key) in keys.enumerated() where promising[n] {
            let indices = groups[n]
            let text = DepthText(lines: lines, indices: indices, depth: key.depth)
            let message = key.owner >= 0 && Int(key.owner) < analysis.embedded.count ? analysis.embedded[Int(key.owner)] : nil
            var previousEnd = 0
            for found in DiffScanner(text: text).scan() {
                defer { previousEnd = found.next }
                var files = found.files
                var repairs = found.repairs
                if key.depth > 0, SpaceStuffing.remove(from: &files, knownFlowed: wasFlowed) { repairs.append(.spaceStuffingRemoved) }
                var complete = found.complete && files.allSatisfy { $0.hunks.allSatisfy(\.complete) }
                // A quoted patch mail whose diffstat promises more than the quote holds
                // lost files or hunks at its end.
                if complete, key.depth > 0, let stat = diffstat(in: text, before: found.first, after: previousEnd, found.separator),
                   stat != DiffstatSummary(files) {
                    complete = false
                }
                let lastEntry = max(found.first, found.next - 1)
                result.append(ExtractedDiff(
                    depth: key.depth, files: files, complete: complete, repairs: repairs, partIndex: partIndex,
                    lineRange: indices[found.first]..<(indices[min(lastEntry, indices.count - 1)] + 1),
                    author: message?.author, date: message?.date))
            }
        }
        result.sort { ($0.depth, $0.lineRange.lowerBound) < ($1.depth, $1.lineRange.lowerBound) }
        return result
    }

    /// The diffstat summary line among the lines just above a diff (same depth and
    /// message, after the previous diff), if any.
    private static func diffstat(in text: DepthText, before first: Int, after previousEnd: Int, _ separator: QuoteSeparator) -> DiffstatSummary? {
        var k = first - 1
        let stop = max(previousEnd, first - 400)
        while k >= stop {
            let c = text.content(k, separator, crlf: true)
            if c.utf8.contains(UInt8(ascii: "c")), let stat = DiffstatSummary(c) { return stat }
            k -= 1
        }
        return nil
    }

    /// Cheap test on a line's text after its markers: could a file section start here?
    private static func mayStartDiff(_ after: Substring) -> Bool {
        var s = after
        if s.utf8.first == UInt8(ascii: " ") { s = s[s.utf8.index(after: s.utf8.startIndex)...] }
        return s.startsWith("diff ") || s.startsWith("Index: ") || s.startsWith("--- ")
    }
}
