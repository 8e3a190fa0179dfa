import Foundation

/// RFC 5322 + MIME bytes → `MailMessage`.
///
/// Headers are unfolded and RFC 2047-decoded, in their order; the MIME tree is
/// walked for text parts (see `MIMEWalker`): transfer encodings undone, charsets
/// converted to UTF-8, CRLF turned into LF (lone CRs and NUL bytes are content and
/// stay), `format=flowed` un-flowed. Never crashes on broken input: an empty mail
/// and one past `MessageLimits` (or nested deeper than `MIMEWalker.maxDepth`) are
/// the errors.
public enum MailParser {
    public static func parse(_ bytes: [UInt8], sourceURL: String? = nil) throws -> MailMessage {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw InputError(sourceURL ?? "mail", "empty mail")
        }
        let name = sourceURL ?? "mail"
        try MessageLimits.checkRaw(bytes, name: name)
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        start = skippingBlankLines(bytes, from: start)
        let (fields, body) = HeaderBlock.split(bytes[start...])
        var walker = MIMEWalker()
        walker.walk(fields: fields, body: body, depth: 0)
        if walker.nestedTooDeep {
            throw InputError(name, "MIME parts nested more than \(MIMEWalker.maxDepth) levels deep")
        }
        let parts = walker.finishedParts()
        for part in parts { try MessageLimits.checkText(part.text, name: name) }
        let headers = fields.map { HeaderField(name: $0.name, value: headerValue($0.value)) }
        return MailMessage(headers: headers, parts: parts, origin: .rawMail,
                           sourceURL: sourceURL, raw: Charset.utf8OrWindows1252(bytes),
                           otherAttachments: walker.otherNames)
    }

    /// Decoded header text: encoded words decoded, surrounding whitespace trimmed.
    static func headerValue(_ value: [UInt8]) -> String {
        var lower = value.startIndex
        var upper = value.endIndex
        while lower < upper, isSpace(value[lower]) { lower += 1 }
        while upper > lower, isSpace(value[upper - 1]) { upper -= 1 }
        return EncodedWords.decode(value[lower..<upper])
    }

    /// Leading lines holding only whitespace (a saved mail, a sloppy mbox) are
    /// not an empty header block.
    private static func skippingBlankLines(_ bytes: [UInt8], from start: Int) -> Int {
        var lineStart = start
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                lineStart = index + 1
            } else if !isSpace(byte) {
                return lineStart
            }
            index += 1
        }
        return lineStart
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}
