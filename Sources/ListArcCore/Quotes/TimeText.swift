/// Finds clock times ("10:00", "21:49:05", "10:00 AM", "10:00 -0400", "10:00 Uhr",
/// "10:00 (UTC)") in the short text of an attribution, where they separate the
/// date from the name ("On Mon, Jul 25, 2022 at 10:00 AM Liam Howlett <…> wrote:").
enum TimeText {
    /// Index just after the last clock time (with its suffixes), if any.
    static func endOfLastTime(in s: Substring) -> String.Index? {
        let u = Array(s.utf8)
        var best: Int?
        var i = 0
        while i < u.count {
            guard isDigit(u[i]), i == 0 || !isDigit(u[i - 1]) else { i += 1; continue }
            var j = i
            while j < u.count, isDigit(u[j]), j - i < 3 { j += 1 }
            let n = j - i
            guard n <= 2, j + 2 < u.count,
                  u[j] == 0x3A, isDigit(u[j + 1]), isDigit(u[j + 2]), j + 3 == u.count || !isDigit(u[j + 3]) else {
                i = max(j, i + 1)
                continue
            }
            var k = j + 3
            if k + 2 < u.count, u[k] == 0x3A, isDigit(u[k + 1]), isDigit(u[k + 2]) { k += 3 }
            k = suffixes(u, k)
            best = k
            i = k
        }
        guard let best else { return nil }
        return s.utf8.index(s.utf8.startIndex, offsetBy: best)
    }

    private static let meridiems: [[UInt8]] = ["AM", "PM", "am", "pm", "a.m.", "p.m.", "Uhr", "h", "ч"].map { Array($0.utf8) }
    private static let zones: [[UInt8]] = ["UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST",
                                           "BST", "IST", "JST", "KST", "MSK", "EET", "EEST", "WET", "WEST", "AEST", "AEDT"].map { Array($0.utf8) }

    /// Skips " AM", " -0400", " UTC", " (UTC)" after a time, in that order.
    private static func suffixes(_ u: [UInt8], _ start: Int) -> Int {
        var k = start
        if let e = word(u, k, meridiems) { k = e }
        // Numeric zone: [+-]dddd.
        let z = (k < u.count && u[k] == 0x20) ? k + 1 : k
        if z + 4 < u.count, u[z] == 0x2B || u[z] == 0x2D, isDigit(u[z + 1]), isDigit(u[z + 2]), isDigit(u[z + 3]), isDigit(u[z + 4]) {
            k = z + 5
        }
        if let e = word(u, k, zones) { k = e }
        // "(UTC)", "(GMT+03:00)": a short parenthesis without an address.
        let p = (k < u.count && u[k] == 0x20) ? k + 1 : k
        if p < u.count, u[p] == 0x28 {
            var q = p + 1
            while q < u.count, q - p < 12, u[q] != 0x29, u[q] != 0x40 { q += 1 }
            if q < u.count, u[q] == 0x29 { k = q + 1 }
        }
        return k
    }

    /// One of `words` at `k` (after at most one blank), followed by a non-letter.
    private static func word(_ u: [UInt8], _ k: Int, _ words: [[UInt8]]) -> Int? {
        let s = (k < u.count && u[k] == 0x20) ? k + 1 : k
        for w in words where s + w.count <= u.count && Array(u[s..<(s + w.count)]) == w {
            let e = s + w.count
            if e == u.count || !isLetter(u[e]) { return e }
        }
        return nil
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }
}
