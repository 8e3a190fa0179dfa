/// Tells a human sentence from kernel log output, so a report ends where the
/// reporter starts writing again.
enum Prose {
    /// At least four all-lowercase words making up half the tokens, and nothing
    /// machine-like (a long hex run or a `FUNC+0x…/0x…` symbol).
    static func isProse(_ b: [UInt8]) -> Bool {
        var tokens = 0, words = 0, hexRun = 0, i = 0
        while i < b.count {
            let c = b[i]
            if ByteScan.isHex(c) { hexRun += 1; if hexRun >= 8 { return false } } else { hexRun = 0 }
            if c == 0x2B, i + 2 < b.count, b[i + 1] == 0x30, b[i + 2] == 0x78 { return false }   // "+0x"
            i += 1
        }
        i = 0
        while i < b.count {
            i = ByteScan.skipSpaces(b, i)
            guard i < b.count else { break }
            var e = i
            while e < b.count && !ByteScan.isSpace(b[e]) { e += 1 }
            tokens += 1
            if isWord(b, i, e) { words += 1 }
            i = e
        }
        return words >= 4 && words * 2 >= tokens
    }

    private static func isWord(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        var end = e
        while end > s, [0x2C, 0x2E, 0x3B, 0x3F, 0x21, 0x29].contains(b[end - 1]) { end -= 1 }
        var start = s
        if start < end, b[start] == 0x28 { start += 1 }
        guard end > start else { return false }
        var k = start
        while k < end {
            let c = b[k]
            if !((c >= 0x61 && c <= 0x7A) || c == 0x27 || (k == start && ByteScan.isUpper(c))) { return false }
            k += 1
        }
        return true
    }
}
