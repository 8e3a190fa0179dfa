import Foundation
import ListArcCore

/// An archive web page, recognised by its content (never by file name or host).
public enum ArchivePage: Sendable, Hashable {
    case openwall(OpenwallPage)
    case publicInbox(PublicInboxPage)

    /// Parses the page. Throws for pages that are not archive pages at all and for
    /// archive error pages (`The request has failed: No such message`); index pages
    /// are returned (their links are what a fetcher walks).
    public static func read(html: [UInt8], name: String, url: String?) throws -> ArchivePage {
        if html.isEmpty { throw InputError(name, "empty page") }
        try MessageLimits.checkRaw(html, name: name, what: "page")
        let archivePage = try readChecked(html: html, name: name, url: url)
        for message in archivePage.messages {
            for part in message.parts { try MessageLimits.checkText(part.text, name: name) }
        }
        return archivePage
    }

    private static func readChecked(html: [UInt8], name: String, url: String?) throws -> ArchivePage {
        let page = try HTMLScan.scan(html, name: name)
        if PublicInboxReader.looks(page) {
            let inbox = PublicInboxReader.read(page, name: name, url: url)
            if inbox.kind == .index, let failure = PublicInboxReader.notFound(page) {
                throw InputError(name, "the archive says: \(failure)")
            }
            return .publicInbox(inbox)
        }
        if OpenwallReader.messagePre(page) == nil, let failure = ErrorPage.failure(html) {
            throw InputError(name, "the archive says: \(failure)")
        }
        if OpenwallReader.looks(page) {
            return .openwall(OpenwallReader.read(page, name: name, url: url))
        }
        throw InputError(name, "an HTML page, but not an openwall (blists) or public-inbox archive page")
    }

    /// The messages the page shows (none for an index page).
    public var messages: [MailMessage] {
        switch self {
        case .openwall(let p): return p.message.map { [$0] } ?? []
        case .publicInbox(let p): return p.messages
        }
    }

    public var isIndex: Bool {
        switch self {
        case .openwall(let p): return p.isIndex
        case .publicInbox(let p): return p.kind == .index
        }
    }
}

/// Archive error pages (blists answers with HTTP 200 and this text).
enum ErrorPage {
    static let marker = Array("The request has failed".utf8)

    /// The failure sentence (`The request has failed: No such message`), if the page says one.
    static func failure(_ html: [UInt8]) -> String? {
        guard let at = ByteSearch.find(marker, in: html) else { return nil }
        var end = at
        while end < html.count, end - at < 200, html[end] != UInt8(ascii: "<"), html[end] != 0x0A { end += 1 }
        return String(decoding: html[at..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}
