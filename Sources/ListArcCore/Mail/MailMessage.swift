import Foundation

/// One header field, unfolded, with RFC 2047 encoded words decoded.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Where a message was read from; decides how much of it can be trusted
/// (openwall pages obfuscate addresses and never show threading headers).
public enum MessageOrigin: String, Sendable, Hashable, Codable {
    case rawMail          // RFC 5322 bytes: .eml, mbox, maildir, lore `raw`, t.mbox.gz
    case openwallPage     // blists message page
    case publicInboxPage  // public-inbox message page (/LIST/MSGID/)
    case publicInboxThread // public-inbox /T/ or /t/ page (no full headers)
}

/// A decoded text part of a message: the body, a text attachment, or the text of
/// an attached `message/rfc822`. Lines are separated by "\n"; CRs that were line
/// ends are gone, CRs inside lines are kept.
public struct TextPart: Sendable, Hashable {
    public var text: String
    public var contentType: String      // e.g. "text/plain", "text/x-diff"
    public var filename: String?
    public var isAttachment: Bool
    /// The part was `format=flowed` and has been un-flowed (RFC 3676): soft line
    /// breaks joined, space-stuffing removed on unquoted lines. Quoted lines keep
    /// their prefix as sent, so a Thunderbird-quoted diff line may carry one extra
    /// leading space after the `> `.
    public var wasFlowed: Bool = false
    /// The decoded content used CRLF line ends (all converted to "\n"). Lone CRs
    /// inside lines are always kept.
    public var hadCRLF: Bool = false
    public init(text: String, contentType: String = "text/plain", filename: String? = nil, isAttachment: Bool = false) {
        self.text = text
        self.contentType = contentType
        self.filename = filename
        self.isAttachment = isAttachment
    }
    public init(text: String, contentType: String, filename: String?, isAttachment: Bool, wasFlowed: Bool, hadCRLF: Bool) {
        self.init(text: text, contentType: contentType, filename: filename, isAttachment: isAttachment)
        self.wasFlowed = wasFlowed
        self.hadCRLF = hadCRLF
    }
}

/// A mail as listarc sees it, whatever it was read from.
public struct MailMessage: Sendable, Hashable {
    public var headers: [HeaderField]
    /// Text parts in mail order; the first non-attachment part is the body.
    public var parts: [TextPart]
    public var origin: MessageOrigin
    /// Page or file URL it came from, when known.
    public var sourceURL: String?
    /// True when addresses in headers/body were obfuscated by the archive (openwall).
    public var addressesObfuscated: Bool
    /// Raw RFC 5322 text when the message was read from a mail (kept for the archive).
    public var raw: String?
    /// Non-text parts seen (attachment markers on pages, binary MIME parts), by name.
    public var otherAttachments: [String]

    public init(headers: [HeaderField], parts: [TextPart], origin: MessageOrigin,
                sourceURL: String? = nil, addressesObfuscated: Bool = false,
                raw: String? = nil, otherAttachments: [String] = []) {
        self.headers = headers
        self.parts = parts
        self.origin = origin
        self.sourceURL = sourceURL
        self.addressesObfuscated = addressesObfuscated
        self.raw = raw
        self.otherAttachments = otherAttachments
    }

    /// First header with that name (case-insensitive). Every field of every message is
    /// looked up several times on import: all-ASCII names (all real ones) are folded
    /// byte by byte, which gives Foundation's answer there at a fraction of its cost.
    public func header(_ name: String) -> String? {
        for field in headers where Self.sameName(field.name, name) { return field.value }
        return nil
    }

    private static func sameName(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return a.caseInsensitiveCompare(b) == .orderedSame }
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { p, q in
            p == q || ((p | 0x20) == (q | 0x20) && (p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A)
        }
    }

    public var body: String { parts.first { !$0.isAttachment }?.text ?? parts.first?.text ?? "" }
    public var subject: String { header("Subject") ?? "" }
    public var from: String { header("From") ?? "" }
    public var date: String? { header("Date") }
    /// Message-ID without angle brackets.
    public var messageID: String? { header("Message-ID").flatMap { MessageID.first(in: $0) } }
    public var inReplyTo: String? { header("In-Reply-To").flatMap { MessageID.first(in: $0) } }
    public var references: [String] { header("References").map { MessageID.all(in: $0) } ?? [] }
}

/// Message-ID tokens: `<id>` in header text, returned without the brackets.
public enum MessageID {
    public static func all(in text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            let id = after[..<close].trimmingCharacters(in: .whitespacesAndNewlines)
            if !id.isEmpty { ids.append(id) }
            rest = after[after.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !bare.isEmpty, !bare.contains(" "), bare.contains("@") { ids.append(bare) }
        }
        return ids
    }
    public static func first(in text: String) -> String? { all(in: text).first }
}
