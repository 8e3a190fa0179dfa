/// Small byte-level matchers shared by the report, function and blame code: they
/// work on `[UInt8]` lines so per-line work stays linear and allocation-light.
enum ByteScan {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    /// C identifier characters.
    @inline(__always) static func isIdent(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) || c == 0x5F }
    /// Characters of a kernel symbol as printed by `%pS` (`foo.cold`, `bar.isra.0`).
    @inline(__always) static func isSymbol(_ c: UInt8) -> Bool { isIdent(c) || c == 0x2E || c == 0x24 }
    /// Characters of a source path in `FILE:LINE`.
    @inline(__always) static func isPath(_ c: UInt8) -> Bool { isIdent(c) || c == 0x2E || c == 0x2F || c == 0x2D || c == 0x2B || c == 0x7E }

    static func has(_ b: [UInt8], _ p: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + p.count <= b.count else { return false }
        var k = 0
        while k < p.count {
            if b[i + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Case-insensitive for ASCII letters.
    static func hasFolded(_ b: [UInt8], _ p: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + p.count <= b.count else { return false }
        var k = 0
        while k < p.count {
            let x = b[i + k], y = p[k]
            if x != y && !(isAlpha(x) && (x | 0x20) == (y | 0x20)) { return false }
            k += 1
        }
        return true
    }

    static func find(_ b: [UInt8], _ p: [UInt8], from: Int = 0, limit: Int? = nil) -> Int? {
        guard !p.isEmpty, let first = p.first else { return nil }
        let end = min(b.count, limit ?? b.count) - p.count
        var i = max(0, from)
        while i <= end {
            if b[i] == first && has(b, p, at: i) { return i }
            i += 1
        }
        return nil
    }

    static func findFolded(_ b: [UInt8], _ p: [UInt8], from: Int = 0) -> Int? {
        guard !p.isEmpty else { return nil }
        let end = b.count - p.count
        var i = max(0, from)
        while i <= end {
            if hasFolded(b, p, at: i) { return i }
            i += 1
        }
        return nil
    }

    static func skipSpaces(_ b: [UInt8], _ i: Int) -> Int {
        var i = i
        while i < b.count && isSpace(b[i]) { i += 1 }
        return i
    }

    static func trimmed(_ b: [UInt8]) -> [UInt8] {
        var s = 0, e = b.count
        while s < e && (isSpace(b[s]) || b[s] == 0x0D) { s += 1 }
        while e > s && (isSpace(b[e - 1]) || b[e - 1] == 0x0D) { e -= 1 }
        return Array(b[s..<e])
    }

    static func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
    static func string(_ b: [UInt8], _ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }

    /// Decimal number at `i` (at most 9 digits, so it cannot overflow); returns value and end.
    static func decimal(_ b: [UInt8], at i: Int) -> (Int, Int)? {
        var j = i, v = 0
        while j < b.count && isDigit(b[j]) && j - i < 9 {
            v = v * 10 + Int(b[j] - 0x30)
            j += 1
        }
        return j > i ? (v, j) : nil
    }

    /// End of a run of hex digits starting at i (i itself when there is none).
    static func hexRunEnd(_ b: [UInt8], at i: Int) -> Int {
        var j = i
        while j < b.count && isHex(b[j]) { j += 1 }
        return j
    }

    /// `0x`-prefixed (or bare) hex number at `i`; values beyond 15 digits are refused.
    static func hex(_ b: [UInt8], at i: Int) -> (Int, Int)? {
        var j = i
        if has(b, Array("0x".utf8), at: j) { j += 2 }
        let start = j
        var v = 0
        while j < b.count && isHex(b[j]) {
            if j - start >= 15 { return nil }
            let c = b[j]
            let d = isDigit(c) ? Int(c - 0x30) : Int((c | 0x20) - 0x61 + 10)
            v = v * 16 + d
            j += 1
        }
        return j > start ? (v, j) : nil
    }
}
