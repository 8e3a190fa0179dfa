import Foundation

/// A crude text rendering of an HTML-only mail body: tags dropped, `<br>`, `</p>`,
/// `</div>`, `</tr>`, `</li>` and `</pre>` become line breaks, `<style>`, `<script>`
/// and `<head>` contents vanish, the common entities and numeric references are
/// decoded. Only a fallback so that such mails are searchable; no diff survives
/// an HTML mailer intact anyway.
public enum HTMLText {
    public static func text(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var skipUntil: String? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                var close = index + 1
                while close < bytes.count, bytes[close] != UInt8(ascii: ">") { close += 1 }
                let name = tagName(bytes[(index + 1)..<min(close, bytes.count)])
                index = close + 1
                if let wanted = skipUntil {
                    if name == wanted { skipUntil = nil }
                    continue
                }
                switch name {
                case "style", "script", "head", "title": skipUntil = "/" + name
                case "br", "/p", "/div", "/tr", "/li", "/pre", "/h1", "/h2", "/h3", "/h4", "/table", "/blockquote", "p", "div", "blockquote":
                    out.append(0x0A)
                default: break
                }
                continue
            }
            if skipUntil != nil {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: index) {
                out += decoded
                index += length
                continue
            }
            out.append(byte)
            index += 1
        }
        return collapseBlankLines(String(decoding: out, as: UTF8.self))
    }

    private static func tagName(_ inner: ArraySlice<UInt8>) -> String {
        var name: [UInt8] = []
        for byte in inner {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/") && !name.isEmpty { break }
            name.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
            if name.count > 16 { break }
        }
        return String(decoding: name, as: UTF8.self)
    }

    private static let named: [String: String] = [
        "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": " ",
    ]

    private static func entity(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        var end = start + 1
        while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let body = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (Array(String(Character(scalar)).utf8), end - start + 1)
        }
        guard let text = named[body.lowercased()] else { return nil }
        return (Array(text.utf8), end - start + 1)
    }

    private static func collapseBlankLines(_ text: String) -> String {
        var lines: [Substring] = []
        var blankRun = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                blankRun += 1
                if blankRun > 1 { continue }
                lines.append("")
            } else {
                blankRun = 0
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
