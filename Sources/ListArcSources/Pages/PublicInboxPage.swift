import Foundation
import ListArcCore

/// A public-inbox page (lore.kernel.org and any other public-inbox-httpd): a message
/// page `/LIST/MSGID/`, a flat `/T/` or nested `/t/` thread page, or an index
/// (inbox root, search results). Links are absolute when the page URL was given.
public struct PublicInboxPage: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case message, threadFlat, threadNested, index }

    public struct Links: Sendable, Hashable {
        public var prev: String?
        public var next: String?
        /// The parent message's page (the In-Reply-To link).
        public var parent: String?
        public var raw: String?
        public var threadFlat: String?
        public var threadNested: String?
        /// `t.mbox.gz`: the whole thread as gzipped mboxrd.
        public var threadMbox: String?
        public init() {}
    }

    public var kind: Kind
    public var messages: [MailMessage]
    /// For each of `messages`, its `raw` link (thread pages link every message's raw).
    public var messageRawURLs: [String?]
    public var links: Links
    /// Message or thread links listed on index pages, in page order.
    public var entries: [String]

    public var rawURL: String? { links.raw }
    public var threadMboxURL: String? { links.threadMbox }
    public var parent: String? { links.parent }
}

enum PublicInboxReader {
    static func looks(_ page: ScannedPage) -> Bool {
        if page.pres.contains(where: { $0.id == "b" }) { return true }
        if page.anchors.contains(where: { $0.id == "mirror" || $0.href.hasSuffix("_/text/mirror/") }) { return true }
        return page.pres.contains { pre in pre.anchors.contains { $0.id == "mirror" || ($0.href ?? "").hasSuffix("_/text/mirror/") } }
    }

    static func read(_ page: ScannedPage, name: String, url: String?) -> PublicInboxPage {
        let base = url.flatMap { URL(string: $0) }
        let resolve = { (href: String) in PageURL.resolve(href, against: base) }
        var links = PublicInboxPage.Links()
        // Every link of the page, wherever it sits.
        var all: [(href: String, rel: String?)] = page.anchors.map { ($0.href, $0.rel) }
        for pre in page.pres {
            for a in pre.anchors {
                guard let href = a.href else { continue }
                all.append((href, a.rel))
            }
        }
        for a in all {
            if a.rel == "prev", links.prev == nil { links.prev = resolve(a.href) }
            if a.rel == "next", links.next == nil { links.next = resolve(a.href) }
            if links.threadMbox == nil, a.href.hasSuffix("t.mbox.gz") { links.threadMbox = resolve(a.href) }
            if links.threadFlat == nil, a.href == "T/#u" || a.href.hasSuffix("/T/#u") && !a.href.hasPrefix("../") { links.threadFlat = resolve(a.href) }
            if links.threadNested == nil, a.href == "t/#u" || a.href.hasSuffix("/t/#u") && !a.href.hasPrefix("../") { links.threadNested = resolve(a.href) }
        }
        let source = url ?? name

        if let pre = page.pres.first(where: { $0.id == "b" }) {
            let (message, raw, parent) = messagePage(pre, source: source)
            links.raw = raw.map(resolve)
            links.parent = parent.map(resolve)
            return PublicInboxPage(kind: .message, messages: [message], messageRawURLs: [links.raw], links: links, entries: [])
        }

        let threadPres = page.pres.filter { pre in pre.anchors.contains { isMessageAnchorID($0.id) } }
        if !threadPres.isEmpty {
            let nested = threadPres.contains(where: \.inListItem)
            // Links inside the thread's messages point at each message, not at this page.
            links.threadFlat = nil
            links.threadNested = nil
            let entries = threadPres.map { ThreadEntry($0) }
            var idBySHA: [String: String] = [:]
            for e in entries { if let sha = e.sha, let id = e.messageID { idBySHA[sha] = id } }
            var messages: [MailMessage] = []
            var raws: [String?] = []
            for e in entries {
                messages.append(e.message(source: e.permalink.map(resolve) ?? source, idBySHA: idBySHA))
                raws.append(e.raw.map(resolve))
            }
            return PublicInboxPage(kind: nested ? .threadNested : .threadFlat, messages: messages,
                                   messageRawURLs: raws, links: links, entries: [])
        }

        let entries = all.map(\.href).filter { href in
            href.contains("@") && !href.hasPrefix("http") && !href.hasPrefix("mailto:") && !href.hasPrefix("#") && !href.hasPrefix("?")
        }.map(resolve)
        return PublicInboxPage(kind: .index, messages: [], messageRawURLs: [], links: links, entries: entries)
    }

    /// public-inbox's 404 page: `<pre>Message-ID &lt;ID&gt;\nnot found\n` (then
    /// perhaps near matches). Returns `Message-ID <ID> not found`.
    static func notFound(_ page: ScannedPage) -> String? {
        for pre in page.pres where pre.text.starts(with: Array("Message-ID <".utf8)) {
            guard let nl = pre.text.firstIndex(of: 0x0A), pre.text[(nl + 1)...].starts(with: Array("not found".utf8)) else { continue }
            return String(decoding: pre.text[..<nl], as: UTF8.self) + " not found"
        }
        return nil
    }

    static func text(_ pre: PreBlock, _ range: Range<Int>) -> String {
        let upper = min(range.upperBound, pre.text.count)
        let lower = min(range.lowerBound, upper)
        return String(decoding: pre.text[lower..<upper], as: UTF8.self)
    }

    /// `id=mSHA1` marks a message in a thread view (SHA-1 of the Message-ID, hex).
    static func isMessageAnchorID(_ id: String?) -> Bool {
        guard let id, id.utf8.count == 41, id.utf8.first == UInt8(ascii: "m") else { return false }
        return id.utf8.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    // MARK: - message page

    /// `<pre id=b>`: From, To, Cc, Subject, Date `[thread overview]`, Message-ID `(raw)`,
    /// In-Reply-To / References, a blank line, the body.
    private static func messagePage(_ pre: PreBlock, source: String) -> (MailMessage, raw: String?, parent: String?) {
        let bytes = pre.text
        var headers: [HeaderField] = []
        var bodyStart = 0
        var headerEnd = 0
        if let split = HeaderBlock.split(bytes, from: 0) {
            headers = HeaderBlock.parse(bytes[0..<split.headerEnd]).map(cleanHeader)
            bodyStart = split.bodyStart
            headerEnd = split.headerEnd
        }
        let headerAnchors = pre.anchors.filter { $0.end <= headerEnd }
        let raw = headerAnchors.first { text(pre, $0.start..<$0.end) == "raw" }?.href
        var parent: String?
        if let irt = headers.first(where: { $0.name.lowercased() == "in-reply-to" }).flatMap({ MessageID.first(in: $0.value) }) {
            parent = headerAnchors.first { text(pre, $0.start..<$0.end) == irt }?.href
        }
        let body = String(decoding: bytes[bodyStart...], as: UTF8.self)
        let (parts, others) = ByteSearch.contains("[-- Attachment #", in: bytes, from: bodyStart)
            ? AttachmentSplit.parts(body) : ([TextPart(text: body)], [])
        // An inbox with `obfuscate` set writes `user@example•com`.
        let bulleted = ByteSearch.contains("\u{2022}", in: bytes) && looksBulletObfuscated(String(decoding: bytes, as: UTF8.self))
        let message = MailMessage(headers: headers, parts: parts, origin: .publicInboxPage, sourceURL: source,
                                  addressesObfuscated: bulleted, otherAttachments: others)
        return (message, raw, parent)
    }

    /// Drops what public-inbox appends to header lines: `[thread overview]`, `(raw)`.
    private static func cleanHeader(_ field: HeaderField) -> HeaderField {
        var f = field
        for suffix in ["[thread overview]", "(raw)"] where f.value.hasSuffix(suffix) {
            f.value = String(f.value.dropLast(suffix.count))
            while let last = f.value.last, last == " " || last == "\t" { f.value.removeLast() }
        }
        return f
    }

    /// An inbox with `obfuscate` set shows `user@example•com`.
    private static func looksBulletObfuscated(_ text: String) -> Bool {
        text.range(of: #"@[A-Za-z0-9-]+\u{2022}[A-Za-z]"#, options: .regularExpression) != nil
    }
}

/// public-inbox prints later MIME parts as `[-- Attachment #N: NAME --]` then
/// `[-- Type: TYPE, Size: N bytes --]`, followed by the text for text parts.
enum AttachmentSplit {
    static func parts(_ body: String) -> ([TextPart], [String]) {
        var parts: [TextPart] = []
        var others: [String] = []
        var current = ""
        var currentName: String?
        var currentType = "text/plain"
        var inAttachment = false
        var expectingType = false
        func finish() {
            var t = current
            if t.hasSuffix("\n\n") { t.removeLast() } // the blank line public-inbox puts before a marker
            if !inAttachment || !t.isEmpty {
                parts.append(TextPart(text: t, contentType: currentType, filename: currentName, isAttachment: inAttachment))
            } else {
                others.append(currentName ?? currentType)
            }
            current = ""
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let lastIndex = lines.count - 1 // after a final "\n" this is the empty remainder
        for (index, line) in lines.enumerated() {
            if index == lastIndex {
                current += line // text after the last newline, if any
                break
            }
            if line.hasPrefix("[-- Attachment #"), line.hasSuffix(" --]") {
                if inAttachment || !current.isEmpty { finish() }
                inAttachment = true
                currentType = "text/plain"
                currentName = nil
                expectingType = true
                let inner = line.dropFirst("[-- Attachment #".count).dropLast(" --]".count)
                if let colon = inner.firstIndex(of: ":") {
                    let rest = inner[inner.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if rest.hasPrefix("Type: ") { typeLine(rest, &currentType); expectingType = false } else { currentName = rest }
                }
                continue
            }
            if expectingType {
                expectingType = false
                if line.hasPrefix("[-- Type: "), line.hasSuffix(" --]") {
                    typeLine(String(line.dropFirst(4).dropLast(4)), &currentType)
                    continue
                }
            }
            current += line
            current += "\n"
        }
        finish()
        return (parts, others)
    }

    private static func typeLine(_ s: String, _ type: inout String) {
        // "Type: text/x-patch, Size: 123 bytes"
        let value = s.dropFirst("Type: ".count)
        type = String(value.prefix { $0 != "," && $0 != ";" && $0 != " " })
    }
}
