/// A patch author: the name and address git records, parsed from a `From:` value
/// (`"Name" <addr>`, `Name <addr>`, `addr (Name)`, bare `addr`) or an attribution.
public struct PatchAuthor: Sendable, Hashable {
    public var name: String?
    public var address: String?

    public init(name: String?, address: String?) {
        self.name = name?.isEmpty == true ? nil : name
        self.address = address?.isEmpty == true ? nil : address
    }

    /// Parses one mailbox as git mailinfo does; nil when the value holds nothing.
    public static func parse(_ value: String) -> PatchAuthor? {
        let text = PatchText.trim(value)
        if text.isEmpty { return nil }
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let address = PatchText.trim(text[text.index(after: open)..<close])
            let name = unquote(String(text[..<open]) + String(text[text.index(after: close)...]))
            return PatchAuthor(name: name, address: address)
        }
        // addr (Name)
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let address = PatchText.trim(text[..<open])
            let name = unquote(String(text[text.index(after: open)..<close]))
            if address.contains("@") { return PatchAuthor(name: name, address: address) }
        }
        if !text.contains(" "), text.contains("@") { return PatchAuthor(name: nil, address: text) }
        return PatchAuthor(name: unquote(text), address: nil)
    }

    /// True when the address was cut by blists (`user@...main.tld`).
    public var isObfuscated: Bool { address.map(Self.isObfuscated) ?? false }

    static func isObfuscated(_ address: String) -> Bool { address.contains("@...") }

    /// `Name <addr>` (what the JSON and messages show).
    public var display: String {
        switch (name, address) {
        case let (n?, a?): return "\(n) <\(a)>"
        case let (n?, nil): return n
        case let (nil, a?): return "<\(a)>"
        default: return ""
        }
    }

    /// Removes surrounding quotes and backslash escapes, collapses blanks.
    static func unquote(_ raw: String) -> String? {
        var out = ""
        var escaped = false
        for c in raw {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { continue }
            out.append(c)
        }
        let collapsed = PatchText.collapseBlanks(out)
        return collapsed.isEmpty ? nil : collapsed
    }
}

/// Small text operations shared by the patch code.
enum PatchText {
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0x0B || b == 0x0C }

    /// Without leading and trailing blanks (spaces, tabs, CR, LF).
    static func trim<S: StringProtocol>(_ text: S) -> String {
        let s = Substring(text)
        let u = s.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, isBlank(u[start]) { start = u.index(after: start) }
        while end > start, isBlank(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(s[start..<end])
    }

    /// Without trailing blanks.
    static func trimTrailing<S: StringProtocol>(_ text: S) -> String {
        let s = Substring(text)
        let u = s.utf8
        var end = u.endIndex
        while end > u.startIndex, isBlank(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(s[u.startIndex..<end])
    }

    /// Runs of blanks become one space; ends trimmed.
    static func collapseBlanks<S: StringProtocol>(_ s: S) -> String {
        // ASCII without CRLF: every byte is a Character, so splitting the bytes is the
        // same as splitting the Characters (and much cheaper).
        if let fast = collapseASCIIBlanks(s.utf8) { return fast }
        return s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
    }

    private static func collapseASCIIBlanks<U: Collection<UInt8>>(_ u: U) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var pendingBlank = false, previous: UInt8 = 0
        for b in u {
            if b >= 0x80 || (previous == 0x0D && b == 0x0A) { return nil }
            previous = b
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                pendingBlank = !out.isEmpty
                continue
            }
            if pendingBlank { out.append(0x20) }
            pendingBlank = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
