import Foundation

/// A structured MIME header value: `type/subtype; name=value; name="quoted"`
/// (also used for Content-Disposition, whose "type" is `inline`/`attachment`).
/// Parameter names are lower-cased; RFC 2231 continuations (`name*0=`, `name*1*=`)
/// and charset-encoded values (`name*=utf-8''%E2%82%AC`) are joined and decoded.
public struct MIMEHeader: Sendable, Hashable {
    public var value: String
    public var parameters: [String: String]

    public init(_ raw: String) {
        var scanner = ParameterScanner(Array(raw.utf8))
        value = scanner.token().lowercased()
        var plain: [String: String] = [:]
        var sections: [String: [(index: Int, encoded: Bool, text: String)]] = [:]
        while let (name, text) = scanner.parameter() {
            guard let star = name.firstIndex(of: "*") else {
                if plain[name] == nil { plain[name] = text }
                continue
            }
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            let encoded = rest.hasSuffix("*") || rest.isEmpty
            let number = Int(rest.filter { $0 != "*" }) ?? 0
            sections[base, default: []].append((number, encoded, text))
        }
        for (base, parts) in sections {
            let ordered = parts.sorted { $0.index < $1.index }
            var charset: String?
            var bytes: [UInt8] = []
            for (position, part) in ordered.enumerated() {
                var text = Substring(part.text)
                if part.encoded, position == 0 {
                    // charset'language'value
                    let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if pieces.count == 3 {
                        charset = String(pieces[0])
                        text = pieces[2]
                    }
                }
                bytes += part.encoded ? Self.percentDecode(text) : Array(text.utf8)
            }
            plain[base] = Charset.decode(bytes, charset: charset)
        }
        parameters = plain
    }

    public subscript(_ name: String) -> String? { parameters[name] }

    public var type: String { value.split(separator: "/", maxSplits: 1).first.map(String.init) ?? value }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = TransferEncoding.hexValue(bytes[index + 1]), let low = TransferEncoding.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}

/// Tokens, `=`, `;` and quoted strings of a structured header, leniently:
/// unterminated quotes run to the end, junk between parameters is skipped.
private struct ParameterScanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private static let tokenTrim = CharacterSet(charactersIn: " \t\r\n\"")

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
    }

    /// The leading value up to the first `;` (spaces and comments dropped).
    mutating func token() -> String {
        skipSpace()
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
        var text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        return text.trimmingCharacters(in: Self.tokenTrim)
    }

    mutating func parameter() -> (String, String)? {
        while index < bytes.count {
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ";") {
                index += 1
                continue
            }
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipSpace()
            let value: String
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var out: [UInt8] = []
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    out.append(bytes[index])
                    index += 1
                }
                index += 1
                value = EncodedWords.decode(out)
            } else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                value = String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
            if !name.isEmpty { return (name, value) }
        }
        return nil
    }
}
