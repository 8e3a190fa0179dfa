/// A 128-bit content fingerprint (two independent 64-bit FNV-1a style lanes):
/// enough to tell copies of a message apart and to name messages that have no
/// Message-ID. Not cryptographic; inputs are not adversarial here.
public struct ContentHash: Sendable, Hashable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    public init() {}

    public mutating func add(_ text: String) {
        var a = self.a, b = self.b
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x9e37_79b9_7f4a_7c15
            b ^= b >> 29
        }
        self.a = a
        self.b = b
        addSeparator()
    }

    public mutating func add(_ value: Int) { add(String(value)) }

    private mutating func addSeparator() {
        a = (a ^ 0xFF) &* 0x0000_0100_0000_01b3
        b = (b ^ 0xFF) &* 0x9e37_79b9_7f4a_7c15
    }

    /// 32 lowercase hex digits.
    public var hex: String {
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }
}

/// The identity a message is archived under.
public enum MessageIdentity {
    /// The Message-ID without brackets, or a stable synthetic one made from what every
    /// copy of the message shares (date, subject, author name, body with address domains
    /// cut), so an openwall page and the raw mail of the same message agree.
    public static func id(of message: MailMessage) -> String {
        if let id = message.messageID, !id.isEmpty { return id }
        return syntheticID(of: message)
    }

    public static func syntheticID(of message: MailMessage) -> String {
        var hash = ContentHash()
        hash.add(collapsedWhitespace(message.date ?? ""))
        hash.add(collapsedWhitespace(message.subject))
        hash.add(Author(message.from).name ?? "")
        for line in message.body.split(separator: "\n", omittingEmptySubsequences: false) {
            hash.add(LineKey.normalised(line))
        }
        return "\(hash.hex)@synthetic.listarc.invalid"
    }

    static func collapsedWhitespace(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
