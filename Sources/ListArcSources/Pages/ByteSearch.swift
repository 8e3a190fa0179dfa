/// Byte-level searches for the page readers' hot paths (Foundation's `range(of:)`
/// goes through UTF-16 and dominated the profile).
enum ByteSearch {
    /// First offset of `needle` in `haystack[range]`. Naive, but the needles are short
    /// and start with a rare byte, so it stays linear in practice.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0, to end: Int? = nil) -> Int? {
        let stop = min(end ?? haystack.count, haystack.count)
        guard let first = needle.first, stop - start >= needle.count, start >= 0 else { return nil }
        return haystack.withUnsafeBufferPointer { h -> Int? in
            let last = stop - needle.count
            var i = start
            while i <= last {
                if h[i] == first {
                    var k = 1
                    while k < needle.count, h[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    static func contains(_ needle: String, in haystack: [UInt8], from start: Int = 0) -> Bool {
        find(Array(needle.utf8), in: haystack, from: start) != nil
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// ASCII whitespace trimmed from both ends.
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        guard let first = u.firstIndex(where: { !isSpace($0) }), let last = u.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == u.startIndex, u.index(after: last) == u.endIndex { return s }
        return String(s[first...last])
    }
}
