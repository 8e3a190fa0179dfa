/// Removes what loggers put in front of a kernel message: printk levels (`<4>`),
/// syslog/journal prefixes (`Jul 23 18:01:00 host kernel: `), dmesg timestamps
/// (`[  123.456789]`) and caller ids (`[    T1]`, `[ C0]`).
enum LogPrefix {
    private static let kernelColon = Array(" kernel: ".utf8)

    /// The message text, trimmed, and whether a timestamp or log prefix was seen
    /// (a strong sign the line is kernel output rather than prose).
    static func strip(_ b: [UInt8]) -> (text: [UInt8], logged: Bool) {
        var i = ByteScan.skipSpaces(b, 0)
        var logged = false
        // <N> printk level.
        if i + 2 < b.count, b[i] == 0x3C, ByteScan.isDigit(b[i + 1]), b[i + 2] == 0x3E { i += 3; logged = true }
        // syslog / journalctl: "... HH:MM:SS host kernel: "
        if let k = ByteScan.find(b, kernelColon, from: i, limit: i + 120), hasClock(b, from: i, to: k) {
            i = k + kernelColon.count
            logged = true
        }
        // Timestamp and caller id brackets, in any order, possibly repeated.
        while true {
            i = ByteScan.skipSpaces(b, i)
            guard let end = bracketEnd(b, i) else { break }
            i = end
            logged = true
        }
        return (ByteScan.trimmed(Array(b[min(i, b.count)...])), logged)
    }

    /// A colon-separated clock (`18:01:00`) somewhere in b[from..<to].
    private static func hasClock(_ b: [UInt8], from: Int, to: Int) -> Bool {
        var i = from
        while i + 4 < to {
            if ByteScan.isDigit(b[i]), ByteScan.isDigit(b[i + 1]), b[i + 2] == 0x3A, ByteScan.isDigit(b[i + 3]), ByteScan.isDigit(b[i + 4]) { return true }
            i += 1
        }
        return false
    }

    /// End (after `]`) of `[  123.456789]`, `[T123]`, `[ C0]` at i.
    private static func bracketEnd(_ b: [UInt8], _ i: Int) -> Int? {
        guard i < b.count, b[i] == 0x5B else { return nil }
        var j = ByteScan.skipSpaces(b, i + 1)
        if j < b.count, b[j] == 0x54 || b[j] == 0x43 {   // T / C caller id
            let (_, e) = ByteScan.decimal(b, at: j + 1) ?? (0, j + 1)
            guard e > j + 1, e < b.count, b[e] == 0x5D else { return nil }
            return e + 1
        }
        guard let (_, e1) = ByteScan.decimal(b, at: j), e1 < b.count, b[e1] == 0x2E else { return nil }
        j = e1 + 1
        guard let (_, e2) = ByteScan.decimal(b, at: j), e2 < b.count, b[e2] == 0x5D else { return nil }
        return e2 + 1
    }
}
