/// Removes what loggers put in front of a kernel message: printk levels (`<4>`),
/// syslog/journal prefixes (`Jul 23 18:01:00 host kernel: `), dmesg timestamps
/// (`[  123.456789]`) and caller ids (`[    T1]`, `[ C0]`).
enum LogPrefix {
    /// The message text, trimmed, and whether a timestamp or log prefix was seen
    /// (a strong sign the line is kernel output rather than prose).
    static func strip(_ b: [UInt8]) -> (text: [UInt8], logged: Bool) {
        b.withUnsafeBufferPointer { buffer in
            let (range, logged) = textRange(buffer)
            return (Array(buffer[range]), logged)
        }
    }

    /// Where the message text lies in a line (prefixes skipped, blanks and CR trimmed),
    /// read in place so lines that turn out not to matter cost no copy.
    static func textRange(_ b: UnsafeBufferPointer<UInt8>) -> (range: Range<Int>, logged: Bool) {
        var i = skipSpaces(b, 0)
        var logged = false
        // <N> printk level.
        if i + 2 < b.count, b[i] == 0x3C, ByteScan.isDigit(b[i + 1]), b[i + 2] == 0x3E { i += 3; logged = true }
        // syslog / journalctl: "... HH:MM:SS host kernel: "
        if let k = syslogEnd(b, from: i) {
            i = k
            logged = true
        }
        // Timestamp and caller id brackets, in any order, possibly repeated.
        while true {
            i = skipSpaces(b, i)
            guard let end = bracketEnd(b, i) else { break }
            i = end
            logged = true
        }
        var s = min(i, b.count), e = b.count
        while s < e && (ByteScan.isSpace(b[s]) || b[s] == 0x0D) { s += 1 }
        while e > s && (ByteScan.isSpace(b[e - 1]) || b[e - 1] == 0x0D) { e -= 1 }
        return (s..<e, logged)
    }

    private static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count && ByteScan.isSpace(b[i]) { i += 1 }
        return i
    }

    /// After `… HH:MM:SS host kernel: `: the first " kernel: " starting within 120
    /// bytes of `from`, when a clock (`dd:dd`) lies wholly before it. Both hold a
    /// colon, so only colons are looked at (found 16 bytes at a time).
    private static func syslogEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let limit = min(b.count, from + 120)
        var clock: Int?
        var c = from
        while let colon = ByteFind.first(0x3A, in: b, from: c, to: limit) {
            c = colon + 1
            let k = colon - 7
            if k >= from, colon + 1 < limit, b[colon + 1] == 0x20, b[k] == 0x20, b[k + 1] == 0x6B, b[k + 2] == 0x65, b[k + 3] == 0x72,
               b[k + 4] == 0x6E, b[k + 5] == 0x65, b[k + 6] == 0x6C {
                // The first " kernel: " decides, with or without a clock.
                guard let p = clock, p + 4 < k else { return nil }
                return k + 9
            }
            if clock == nil, colon - 2 >= from, colon + 2 < b.count, ByteScan.isDigit(b[colon - 2]), ByteScan.isDigit(b[colon - 1]),
               ByteScan.isDigit(b[colon + 1]), ByteScan.isDigit(b[colon + 2]) {
                clock = colon - 2
            }
        }
        return nil
    }

    /// Decimal digits at i (at most 9, like `ByteScan.decimal`); the end, if any.
    private static func digitsEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i
        while j < b.count && ByteScan.isDigit(b[j]) && j - i < 9 { j += 1 }
        return j > i ? j : nil
    }

    /// End (after `]`) of `[  123.456789]`, `[T123]`, `[ C0]` at i.
    private static func bracketEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i < b.count, b[i] == 0x5B else { return nil }
        var j = skipSpaces(b, i + 1)
        if j < b.count, b[j] == 0x54 || b[j] == 0x43 {   // T / C caller id
            let e = digitsEnd(b, j + 1) ?? (j + 1)
            guard e > j + 1, e < b.count, b[e] == 0x5D else { return nil }
            return e + 1
        }
        guard let e1 = digitsEnd(b, j), e1 < b.count, b[e1] == 0x2E else { return nil }
        j = e1 + 1
        guard let e2 = digitsEnd(b, j), e2 < b.count, b[e2] == 0x5D else { return nil }
        return e2 + 1
    }
}
