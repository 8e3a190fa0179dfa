/// Per-line quote depth, attributions and the embedded-message tree of a text.
///
/// Passes, each linear in the text: quote markers per line (`>`, blanks between
/// markers, a leading blank); attribution candidates (short lines ending in ':');
/// `|` blocks introduced by an attribution; Outlook/forward blocks, which put the
/// rest of the text one level deeper without markers; validation of the
/// candidates (quoted text must follow); the embedded-message tree.
public enum QuoteAnalyzer {
    public static func analyse(_ text: String) -> QuoteAnalysis {
        var text = text
        return text.withUTF8 { analyse(bytes: $0) }
    }

    private struct Candidate {
        var first: Int
        var last: Int
        var text: AttributionText
    }

    private static func analyse(bytes: UnsafeBufferPointer<UInt8>) -> QuoteAnalysis {
        // Line bounds; a final "\n" ends the last line rather than starting an empty one.
        var starts: [Int] = [], ends: [Int] = []
        var s = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            starts.append(s); ends.append(i)
            s = i + 1
        }
        if s < bytes.count { starts.append(s); ends.append(bytes.count) }
        let n = starts.count

        var markers = scanMarkers(bytes, starts, ends)
        var contentStarts = (0..<n).map { LineText.contentStart(bytes, starts[$0], ends[$0], prefixLength: markers[$0].prefixLength) }

        var candidates = attributionCandidates(bytes, starts, ends, markers, contentStarts)
        if applyPipeBlocks(bytes, starts, ends, candidates, &markers, &contentStarts) {
            candidates = attributionCandidates(bytes, starts, ends, markers, contentStarts)
        }

        var lines: [QuoteLine] = []
        lines.reserveCapacity(n)
        for i in 0..<n {
            let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]]), as: UTF8.self)
            lines.append(QuoteLine(raw: raw, depth: markers[i].depth, prefixLength: markers[i].prefixLength))
        }

        // Outlook blocks: a stack of the marker depths they were found at; a line
        // with fewer markers than a block's ends that block (the quoting replier's
        // own text resumes).
        var attributions: [Attribution] = []
        var outlookLine = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var i = 0
        while i < n {
            let m = markers[i].depth
            while let top = stack.last, top > m { stack.removeLast() }
            let d = m + stack.count
            lines[i].depth = d
            if OutlookBlock.mayStart(bytes, contentStarts[i]..<ends[i]),
               let block = OutlookBlock.detect(at: i, in: OutlookBlock.Lines(bytes: bytes, count: n, content: { k in
                   markers[k].depth == m ? contentStarts[k]..<ends[k] : nil
               })) {
                let end = i + block.lineCount
                for k in i..<end { lines[k].depth = d; outlookLine[k] = true }
                attributions.append(Attribution(lineIndex: i, depth: d, name: block.name, address: block.address, date: block.date,
                                                style: block.style, lineCount: block.lineCount))
                stack.append(m)
                i = end
                continue
            }
            i += 1
        }

        // A candidate counts when quoted text follows: the next non-blank line
        // (within a few) is deeper.
        for c in candidates {
            let d = lines[c.last].depth
            guard lines[c.first].depth == d, !(c.first...c.last).contains(where: { outlookLine[$0] }) else { continue }
            var k = c.last + 1
            var introduces = false
            while k < n, k <= c.last + 4 {
                if lines[k].depth > d { introduces = true; break }
                if !LineText.isBlank(bytes, contentStarts[k], ends[k]) { break }
                k += 1
            }
            guard introduces else { continue }
            attributions.append(Attribution(lineIndex: c.first, depth: d, name: c.text.name, address: c.text.address, date: c.text.date,
                                            style: c.text.style, lineCount: c.last - c.first + 1))
        }
        attributions.sort { $0.lineIndex < $1.lineIndex }

        let embedded = EmbeddedTree.build(depths: lines.map(\.depth), attributions: attributions)
        return QuoteAnalysis(lines: lines, attributions: attributions, embedded: embedded)
    }

    /// `>` markers of every line. A leading blank before `>` counts as quoting
    /// except inside an unquoted diff hunk, where ` >x` is a context line.
    private static func scanMarkers(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ ends: [Int]) -> [QuoteMarkers] {
        var result: [QuoteMarkers] = []
        result.reserveCapacity(starts.count)
        var inHunk = false
        for i in 0..<starts.count {
            let s = starts[i], e = ends[i]
            let m = QuoteMarkers.scan(bytes, s, e, pipes: false, leadingBlanks: !inHunk)
            result.append(m)
            if m.depth > 0 {
                inHunk = false
            } else if LineText.isHunkHeader(bytes, s, e) {
                inHunk = true
            } else if inHunk, s < e, ![0x20, 0x2B, 0x2D, 0x5C, 0x0D].contains(bytes[s]) {
                inHunk = false
            }
        }
        return result
    }

    /// Lines (or wrapped pairs) that read as attributions. Only short lines ending
    /// in ':' are looked at as text.
    private static func attributionCandidates(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ ends: [Int],
                                              _ markers: [QuoteMarkers], _ contentStarts: [Int]) -> [Candidate] {
        var result: [Candidate] = []
        func text(_ i: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStarts[i]..<ends[i]]), as: UTF8.self)
        }
        // Quoted text (or a `|` block) must follow within a few lines, or the line
        // cannot introduce anything: checked first, it keeps the text matching off
        // ordinary lines that end in ':'.
        func quoteFollows(_ i: Int) -> Bool {
            var k = i + 1
            while k < starts.count, k <= i + 4 {
                if markers[k].depth > markers[i].depth { return true }
                if !LineText.isBlank(bytes, contentStarts[k], ends[k]) {
                    return markers[k].depth == markers[i].depth && bytes[contentStarts[k]] == 0x7C
                }
                k += 1
            }
            return false
        }
        for i in 0..<starts.count {
            let cs = contentStarts[i], e = ends[i]
            guard e - cs <= AttributionText.maxLength, endsWithColon(bytes, cs, e), quoteFollows(i) else { continue }
            // A wrapped attribution: the previous line (same markers) starts with an
            // opener and does not end a sentence with ':' itself.
            if i > 0, markers[i - 1].depth == markers[i].depth, ends[i - 1] - contentStarts[i - 1] <= AttributionText.maxLength,
               !endsWithColon(bytes, contentStarts[i - 1], ends[i - 1]), !LineText.isBlank(bytes, contentStarts[i - 1], ends[i - 1]) {
                let previous = text(i - 1)
                if AttributionText.openers.contains(where: { previous.hasPrefix($0) }) || previous.hasPrefix("* ") {
                    // Gmail breaks inside "<addr>": "… Name <" / "addr> wrote:".
                    var head = Substring(previous)
                    while let l = head.last, l == " " || l == "\t" { head = head.dropLast() }
                    let joined = String(head) + (head.hasSuffix("<") ? "" : " ") + text(i)
                    if let t = AttributionText.match(joined) {
                        if result.last?.last == i - 1 { result.removeLast() }
                        result.append(Candidate(first: i - 1, last: i, text: t))
                        continue
                    }
                }
            }
            if let t = AttributionText.match(text(i)) {
                result.append(Candidate(first: i, last: i, text: t))
            }
        }
        return result
    }

    /// `|` as a quote marker, only in a block that directly follows an attribution
    /// and does not look like a table (rows ending in `|`). Returns true if any.
    private static func applyPipeBlocks(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ ends: [Int], _ candidates: [Candidate],
                                        _ markers: inout [QuoteMarkers], _ contentStarts: inout [Int]) -> Bool {
        let n = starts.count
        var changed = false
        var scannedUpTo = 0
        for c in candidates where c.last + 1 > scannedUpTo {
            let d = markers[c.last].depth
            var j = c.last + 1
            while j < n, j <= c.last + 2, markers[j].depth == d, LineText.isBlank(bytes, contentStarts[j], ends[j]) { j += 1 }
            func startsWithPipe(_ k: Int) -> Bool {
                markers[k].depth == d && contentStarts[k] < ends[k] && bytes[contentStarts[k]] == 0x7C
            }
            guard j < n, startsWithPipe(j) else { continue }
            var end = j, tableRows = 0
            while end < n, startsWithPipe(end) {
                var e = ends[end]
                while e > contentStarts[end] + 1, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
                if e > contentStarts[end] + 1, bytes[e - 1] == 0x7C { tableRows += 1 }
                end += 1
            }
            scannedUpTo = end
            guard tableRows * 2 < end - j else { continue }
            for k in j..<end {
                markers[k] = QuoteMarkers.scan(bytes, starts[k], ends[k], pipes: true, leadingBlanks: true)
                contentStarts[k] = LineText.contentStart(bytes, starts[k], ends[k], prefixLength: markers[k].prefixLength)
            }
            changed = true
        }
        return changed
    }

    private static func endsWithColon(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var e = end
        while e > start, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
        guard e > start else { return false }
        if bytes[e - 1] == 0x3A { return true }
        // U+FF1A FULLWIDTH COLON
        return e - start >= 3 && bytes[e - 3] == 0xEF && bytes[e - 2] == 0xBC && bytes[e - 1] == 0x9A
    }
}
