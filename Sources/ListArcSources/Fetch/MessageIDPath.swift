/// Message-IDs in public-inbox URLs: public-inbox keeps `A-Za-z0-9-._~!$&'()*+,;=:@`
/// and percent-encodes every other byte of the UTF-8 text (so `/` is `%2F`).
public enum MessageIDPath {
    public static func escape(_ messageID: String) -> String {
        var out = ""
        out.reserveCapacity(messageID.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in messageID.utf8 {
            if isKept(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "%")))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 0xF)]))
            }
        }
        return out
    }

    private static func isKept(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@".utf8.contains(b)
        }
    }

    /// A Message-ID as the user typed it: with or without `<>`, or `mid:`/`id:` prefixed.
    /// nil when it does not look like one (no `@`, spaces, control characters).
    public static func bare(_ text: String) -> String? {
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        for prefix in ["mid:", "id:"] where s.lowercased().hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        if s.hasPrefix("<"), s.hasSuffix(">"), s.count >= 2 { s = s.dropFirst().dropLast() }
        guard !s.isEmpty, s.contains("@"), !s.contains("<"), !s.contains(">"),
              s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return nil }
        return String(s)
    }
}
