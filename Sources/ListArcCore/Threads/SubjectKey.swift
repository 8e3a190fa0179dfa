/// The part of a subject that stays the same along a thread: reply/forward
/// prefixes ("Re:", "RE[2]:", "AW:", "Sv:", "Fwd:", …) and list tags in front of
/// them removed, whitespace collapsed, lowercased. `[PATCH v3 2/5]` is kept:
/// replies keep it too.
public enum SubjectKey {
    static let prefixes: Set<String> = ["re", "aw", "sv", "vs", "antw", "odp", "ref", "fw", "fwd", "tr", "wg", "res", "rif", "vl"]

    public static func key(_ subject: String) -> String {
        stripped(subject).rest.lowercased()
    }

    /// Whether the subject carries a reply or forward prefix.
    public static func isReply(_ subject: String) -> Bool { stripped(subject).hadPrefix }

    private static func stripped(_ subject: String) -> (rest: String, hadPrefix: Bool) {
        var s = MessageIdentity.collapsedWhitespace(subject)
        var hadPrefix = false
        var changed = true
        while changed {
            changed = false
            // "[list-tag] Re: …": drop a leading bracket tag only when a reply prefix follows it.
            if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
                let rest = s[s.index(after: close)...].trimmingWhitespace
                if replyPrefixLength(rest) != nil { s = rest; changed = true }
            }
            if let n = replyPrefixLength(s) {
                s = String(s.dropFirst(n)).trimmingWhitespace
                hadPrefix = true
                changed = true
            }
        }
        return (s, hadPrefix)
    }

    /// Length of "Re:" / "RE[2]:" / "Re^2:" / "Fwd:" at the start, if any.
    private static func replyPrefixLength(_ s: String) -> Int? {
        let u = Array(s.utf8.prefix(12))
        var i = 0
        while i < u.count, isLetter(u[i]) { i += 1 }
        guard i > 0, i <= 4 else { return nil }
        let word = String(decoding: u[0..<i], as: UTF8.self).lowercased()
        guard prefixes.contains(word) else { return nil }
        if i < u.count, u[i] == UInt8(ascii: "[") || u[i] == UInt8(ascii: "^") || u[i] == UInt8(ascii: "(") {
            i += 1
            while i < u.count, isDigit(u[i]) { i += 1 }
            if i < u.count, u[i] == UInt8(ascii: "]") || u[i] == UInt8(ascii: ")") { i += 1 }
        }
        while i < u.count, u[i] == 0x20 { i += 1 }
        guard i < u.count, u[i] == UInt8(ascii: ":") else { return nil }
        return i + 1
    }
}
