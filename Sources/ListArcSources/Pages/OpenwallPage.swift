import Foundation
import ListArcCore

/// A blists page (lists.openwall.net, www.openwall.com/lists): a message page or an
/// index (list, year, month, day). Links are absolute when the page URL was given,
/// otherwise the hrefs as written.
public struct OpenwallPage: Sendable, Hashable {
    public struct Links: Sendable, Hashable {
        public var prev: String?
        public var next: String?
        public var threadPrev: String?
        public var threadNext: String?
        public var day: String?
        public var month: String?
        public var year: String?
        public var list: String?
        /// Every bracketed navigation link by its label without brackets
        /// (`<prev`, `next>`, `<thread-prev`, `<prev day`, `next day>`, …).
        public var all: [String: String] = [:]
        public init() {}
    }

    /// A part blists shows as a marker instead of text.
    public struct Attachment: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case view, download, skipped }
        public var kind: Kind
        public var name: String?
        public var contentType: String?
        /// The attachment's own page (`N/A`), when linked.
        public var url: String?
    }

    public var message: MailMessage?
    /// The list name from the title (`linux-kernel - SUBJECT`).
    public var list: String?
    public var links: Links
    public var attachments: [Attachment]
    /// Message links listed on index pages (day, month, list pages), in page order.
    public var entries: [String]

    public var isIndex: Bool { message == nil }
}

enum OpenwallReader {
    /// blists pages carry its navigation labels or its footer.
    static func looks(_ page: ScannedPage) -> Bool {
        if messagePre(page) != nil { return true }
        return page.anchors.contains { a in
            a.href.hasSuffix("/blists/") || a.text == "[list]" || a.text == "[month]" || a.text == "[day]" || a.text == "[year]"
        }
    }

    static func messagePre(_ page: ScannedPage) -> PreBlock? {
        page.pres.first { pre in
            guard let style = pre.style else { return false }
            // `white-space: pre-wrap`, spacing aside.
            return ByteSearch.contains("pre-wrap", in: Array(style.utf8)) && ByteSearch.contains("white-space", in: Array(style.utf8))
        }
    }

    static func read(_ page: ScannedPage, name: String, url: String?) -> OpenwallPage {
        let base = url.flatMap { URL(string: $0) }
        let resolve = { (href: String) in PageURL.resolve(href, against: base) }
        var links = OpenwallPage.Links()
        for a in page.anchors {
            guard a.text.utf8.first == UInt8(ascii: "[") || a.text.utf8.first.map(ByteSearch.isSpace) == true else { continue }
            let text = ByteSearch.trimmed(a.text)
            guard text.hasPrefix("["), text.hasSuffix("]"), text.utf8.count > 2 else { continue }
            let label = String(text.dropFirst().dropLast())
            guard links.all[label] == nil else { continue }
            let target = resolve(a.href)
            links.all[label] = target
            switch label {
            case "<prev": links.prev = target
            case "next>": links.next = target
            case "<thread-prev": links.threadPrev = target
            case "thread-next>": links.threadNext = target
            case "day": links.day = target
            case "month": links.month = target
            case "year": links.year = target
            case "list": links.list = target
            default: break
            }
        }
        let list = listName(page.title)
        guard let pre = messagePre(page) else {
            let entries = page.anchors.filter(\.inListItem).map { resolve($0.href) }
            return OpenwallPage(message: nil, list: list, links: links, attachments: [], entries: entries)
        }
        let (message, attachments) = readMessage(pre, sourceURL: url ?? name, resolve: resolve)
        return OpenwallPage(message: message, list: list, links: links, attachments: attachments, entries: [])
    }

    /// `<title>LIST - SUBJECT</title>`: the list name is before the first ` - `
    /// (or before ` mailing list` on index pages).
    static func listName(_ title: String) -> String? {
        let t = ByteSearch.trimmed(title)
        let dash = t.range(of: " - ")
        // Index pages: `LIST mailing list - 2022/07/25`.
        if let r = t.range(of: " mailing list"), dash.map({ r.lowerBound < $0.lowerBound }) ?? true {
            return String(t[..<r.lowerBound])
        }
        if let dash { return String(t[..<dash.lowerBound]) }
        return t.isEmpty ? nil : t
    }

    private static func readMessage(_ pre: PreBlock, sourceURL: String, resolve: (String) -> String) -> (MailMessage?, [OpenwallPage.Attachment]) {
        let text = pre.text
        var start = 0
        if text.first == 0x0A { start = 1 } // the newline right after `<pre>`
        var headers: [HeaderField] = []
        var bodyStart = start
        if let split = HeaderBlock.split(text, from: start) {
            headers = HeaderBlock.parse(text[start..<split.headerEnd])
            bodyStart = split.bodyStart
        }
        // Cut the attachment markers out; text between them is an inline part.
        var attachments: [OpenwallPage.Attachment] = []
        var pieces: [Range<Int>] = []
        var cursor = bodyStart
        var anchorIndex = 0 // anchors and markers are both in text order
        for marker in pre.markers where marker.lowerBound >= cursor {
            while anchorIndex < pre.anchors.count, pre.anchors[anchorIndex].start < marker.lowerBound { anchorIndex += 1 }
            let link = anchorIndex < pre.anchors.count && pre.anchors[anchorIndex].end <= marker.upperBound ? pre.anchors[anchorIndex] : nil
            pieces.append(cursor..<marker.lowerBound)
            attachments.append(attachment(pre, marker, link: link))
            cursor = min(text.count, marker.upperBound)
        }
        pieces.append(min(cursor, text.count)..<text.count)
        var parts: [TextPart] = []
        if pieces.count == 1 {
            parts.append(TextPart(text: String(decoding: text[pieces[0]], as: UTF8.self)))
        } else {
            // blists separates parts with blank lines; keep each part's own last newline.
            for (i, piece) in pieces.enumerated() {
                let trimmed = trimmingSeparators(text, piece, leading: i > 0)
                if i == 0 || !trimmed.isEmpty {
                    parts.append(TextPart(text: String(decoding: text[trimmed], as: UTF8.self), isAttachment: i > 0))
                }
            }
        }
        let obfuscated = text.withUnsafeBufferPointer { AddressObfuscation.containsHidden(utf8: $0) }
        let message = MailMessage(headers: headers, parts: parts, origin: .openwallPage, sourceURL: sourceURL,
                                  addressesObfuscated: obfuscated,
                                  otherAttachments: attachments.map { $0.name ?? $0.contentType ?? "attachment" })
        return (message, attachments.map { var a = $0; a.url = a.url.map(resolve); return a })
    }

    /// `View attachment "NAME" of type "TYPE" (N bytes)`, `Download attachment …`,
    /// `Content of type "TYPE" skipped`.
    private static func attachment(_ pre: PreBlock, _ marker: Range<Int>, link: PreAnchor?) -> OpenwallPage.Attachment {
        let upper = min(marker.upperBound, pre.text.count)
        let text = String(decoding: pre.text[min(marker.lowerBound, upper)..<upper], as: UTF8.self)
        let quoted = text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        if text.hasPrefix("Content of type") {
            return .init(kind: .skipped, name: nil, contentType: quoted.first, url: nil)
        }
        let kind: OpenwallPage.Attachment.Kind = text.hasPrefix("Download") ? .download : .view
        return .init(kind: kind, name: quoted.first, contentType: quoted.count > 1 ? quoted[1] : nil, url: link?.href)
    }

    private static func trimmingSeparators(_ text: [UInt8], _ piece: Range<Int>, leading: Bool) -> Range<Int> {
        var s = piece.lowerBound, e = piece.upperBound
        if leading { while s < e, text[s] == 0x0A { s += 1 } }
        while e - s >= 2, text[e - 1] == 0x0A, text[e - 2] == 0x0A { e -= 1 }
        return s..<e
    }
}
