import Foundation

/// Walks the MIME tree of a mail and collects its text parts (decoded to UTF-8,
/// line ends normalised, un-flowed) and the names of every other part.
struct MIMEWalker {
    private(set) var parts: [TextPart] = []
    private(set) var others: [String] = []
    /// HTML parts, used only when the mail has no text part at all.
    private var html: [TextPart] = []
    /// Deeper nesting makes the mail bad input (`MailParser` refuses it).
    static let maxDepth = 32
    private(set) var nestedTooDeep = false
    /// Leaf parts read per mail; the rest are counted, not read.
    static let maxParts = 10_000
    private var budget = MIMEWalker.maxParts
    private var skipped = 0

    /// Text parts in mail order, or the tag-stripped HTML when there are none.
    /// Names of the non-text parts, plus a note when the part budget ran out.
    var otherNames: [String] { skipped > 0 ? others + ["(\(skipped) more MIME parts not read)"] : others }

    func finishedParts() -> [TextPart] {
        if parts.isEmpty, var first = html.first {
            first.text = HTMLText.text(first.text)
            return [first]
        }
        return parts
    }

    mutating func walk(fields: [RawHeaderField], body: ArraySlice<UInt8>, depth: Int,
                       defaultType: String = "text/plain", attached: Bool = false) {
        guard budget > 0 else {
            skipped += 1
            return
        }
        let contentType = MIMEHeader(Self.field("content-type", in: fields) ?? defaultType)
        var type = contentType.value
        if !type.contains("/") { type = type.hasPrefix("multipart") ? "multipart/mixed" : defaultType }
        let disposition = MIMEHeader(Self.field("content-disposition", in: fields) ?? "")
        let filename = (disposition["filename"] ?? contentType["name"]).flatMap { $0.isEmpty ? nil : $0 }
        let transfer = Self.field("content-transfer-encoding", in: fields)
        let isAttachment = attached || disposition.value == "attachment" || (filename != nil && disposition.value != "inline")

        if type.hasPrefix("multipart/") {
            guard depth < Self.maxDepth else {
                others.append("\(type) (nested too deep)")
                nestedTooDeep = true
                return
            }
            if let boundary = contentType["boundary"], !boundary.isEmpty,
               let sections = Multipart.split(body, boundary: Array(boundary.utf8)) {
                let childDefault = type == "multipart/digest" ? "message/rfc822" : "text/plain"
                for (index, section) in sections.enumerated() {
                    guard budget > 0 else {
                        skipped += sections.count - index
                        break
                    }
                    let (childFields, childBody) = HeaderBlock.split(section)
                    walk(fields: childFields, body: childBody, depth: depth + 1, defaultType: childDefault, attached: attached)
                }
                return
            }
            // No usable boundary: read the body as plain text rather than lose it.
            parts.append(Self.textPart(body, transfer: transfer, contentType: MIMEHeader("text/plain"),
                                       type: "text/plain", filename: filename, isAttachment: isAttachment))
            return
        }

        budget -= 1
        if type == "message/rfc822" || type == "message/global" {
            guard depth < Self.maxDepth else {
                others.append(filename ?? type)
                nestedTooDeep = true
                return
            }
            let decoded = TransferEncoding.decode(body, encoding: transfer)
            let (innerFields, innerBody) = HeaderBlock.split(decoded[...])
            var inner = MIMEWalker()
            inner.budget = budget
            inner.walk(fields: innerFields, body: innerBody, depth: depth + 1, attached: true)
            budget = inner.budget
            skipped += inner.skipped
            nestedTooDeep = nestedTooDeep || inner.nestedTooDeep
            var innerParts = inner.finishedParts()
            if !innerParts.isEmpty {
                // The attached mail's own From/Date/Subject as in-body header lines,
                // so a forwarded patch keeps its author.
                let summary = ["From", "Date", "Subject"].compactMap { name -> String? in
                    Self.field(name.lowercased(), in: innerFields).map { "\(name): \(EncodedWords.decode(Array($0.utf8)).trimmingCharacters(in: .whitespaces))" }
                }
                if !summary.isEmpty { innerParts[0].text = summary.joined(separator: "\n") + "\n\n" + innerParts[0].text }
                if innerParts[0].contentType == "text/plain" { innerParts[0].contentType = "message/rfc822" }
            }
            parts += innerParts
            others += inner.others
            return
        }

        if type == "text/html" && !Self.looksLikePatch(filename) {
            if isAttachment, let filename { others.append(filename) }
            html.append(Self.textPart(body, transfer: transfer, contentType: contentType, type: type, filename: filename, isAttachment: isAttachment))
            return
        }
        if type == "text/plain" {
            parts.append(Self.textPart(body, transfer: transfer, contentType: contentType, type: type, filename: filename, isAttachment: isAttachment))
            return
        }
        if type.hasPrefix("text/") || type == "application/x-patch" || type == "application/x-diff"
            || type == "application/patch" || type == "application/diff" || Self.looksLikePatch(filename) {
            parts.append(Self.textPart(body, transfer: transfer, contentType: contentType, type: type, filename: filename, isAttachment: true))
            return
        }
        others.append(filename ?? type)
    }

    static func looksLikePatch(_ filename: String?) -> Bool {
        guard let name = filename?.lowercased() else { return false }
        return name.hasSuffix(".patch") || name.hasSuffix(".diff") || name.hasSuffix(".patch.txt") || name.hasSuffix(".diff.txt")
    }

    /// First field with that (lower-case) name, as text (8-bit bytes kept).
    static func field(_ name: String, in fields: [RawHeaderField]) -> String? {
        for field in fields where field.name.lowercased() == name {
            return Charset.utf8OrWindows1252(field.value)
        }
        return nil
    }

    static func textPart(_ body: ArraySlice<UInt8>, transfer: String?, contentType: MIMEHeader,
                         type: String, filename: String?, isAttachment: Bool) -> TextPart {
        var bytes = TransferEncoding.decode(body, encoding: transfer)
        var charset = contentType["charset"]
        if Charset.isWide(charset) {
            // UTF-16/32: to UTF-8 first, so that line ends and flowing work on bytes.
            bytes = Array(Charset.decode(bytes, charset: charset).utf8)
            charset = "utf-8"
        }
        let hadCRLF = LineEnds.normalise(&bytes)
        let flowed = type == "text/plain" && contentType["format"]?.lowercased() == "flowed"
        if flowed { bytes = FlowedText.unflow(bytes, delSp: contentType["delsp"]?.lowercased() == "yes") }
        let text = Charset.decode(bytes, charset: charset)
        return TextPart(text: text, contentType: type, filename: filename, isAttachment: isAttachment,
                        wasFlowed: flowed, hadCRLF: hadCRLF)
    }
}
