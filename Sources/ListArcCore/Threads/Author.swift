/// A `From:` value split into display name and address:
/// `Name <addr>`, `"Name" <addr>`, `addr (Name)`, bare `addr`.
public struct Author: Sendable, Hashable {
    public var name: String?
    public var address: String?

    public init(name: String?, address: String?) {
        self.name = name
        self.address = address
    }

    public init(_ from: String) {
        let text = from.trimmingWhitespace
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let addr = text[text.index(after: open)..<close].trimmingWhitespace
            address = addr.isEmpty ? nil : addr
            name = Author.cleanName(String(text[..<open]))
        } else if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            address = String(text[..<open]).trimmingWhitespace
            name = Author.cleanName(String(text[text.index(after: open)..<close]))
        } else if text.contains("@") {
            address = text
            name = nil
        } else {
            name = Author.cleanName(text)
            address = nil
        }
    }

    private static func cleanName(_ raw: String) -> String? {
        var s = raw.trimmingWhitespace
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()).replacingBackslashQuotes }
        return s.isEmpty ? nil : s
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let u = Array(self.utf8)
        var start = 0, end = u.count
        while start < end, u[start] == 0x20 || u[start] == 0x09 || u[start] == 0x0A || u[start] == 0x0D { start += 1 }
        while end > start, u[end - 1] == 0x20 || u[end - 1] == 0x09 || u[end - 1] == 0x0A || u[end - 1] == 0x0D { end -= 1 }
        return String(decoding: u[start..<end], as: UTF8.self)
    }
}

extension String {
    fileprivate var replacingBackslashQuotes: String {
        guard contains("\\") else { return self }
        var out = "", escaped = false
        for c in self {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }
}
