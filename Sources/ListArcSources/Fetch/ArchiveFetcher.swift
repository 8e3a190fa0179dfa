import Foundation
import ListArcCore

/// `fetch thread` / `fetch message`: finds out what a URL serves (by content, not
/// by host) and gets the thread or message from it, handing messages to `deliver`
/// as they arrive so the caller can store them at once.
public struct ArchiveFetcher: Sendable {
    public var client: HTTPClient
    /// Where a bare Message-ID is looked up (a public-inbox list or `/all/`).
    public var loreBase: URL
    /// Keep every message of t.mbox.gz, not only those linked to the requested one.
    public var loose: Bool
    /// Fetch messages again even when the archive already holds them.
    public var refresh: Bool
    /// Whether the archive already holds a Message-ID.
    public var isStored: @Sendable (String) async throws -> Bool
    public var log: @Sendable (String) -> Void

    public static let defaultLoreBase = URL(string: "https://lore.kernel.org/all/")!

    public init(client: HTTPClient, loreBase: URL = ArchiveFetcher.defaultLoreBase, loose: Bool = false,
                refresh: Bool = false, isStored: @escaping @Sendable (String) async throws -> Bool = { _ in false },
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.loreBase = loreBase
        self.loose = loose
        self.refresh = refresh
        self.isStored = isStored
        self.log = log
    }

    public typealias Deliver = @Sendable ([MailMessage]) async throws -> Void

    /// The whole thread `target` belongs to.
    public func thread(_ target: FetchTarget, deliver: @escaping Deliver) async throws {
        switch target {
        case .messageID(let id):
            let base = PublicInboxURL.message(id, under: loreBase)
            try await deliver(try await publicInbox.messages(around: id, base: base, log: log))
        case .url(let url):
            let first = try await client.get(url)
            let page = FetchedPage(url: first.url, body: first.body, notModified: first.notModified)
            switch try kind(of: page) {
            case .openwall:
                let walk = OpenwallWalk(client: client)
                _ = try await walk.pages(from: page) { page in try await deliver(try Self.pageMessages(page)) }
            case .publicInbox(let links):
                let (base, id) = try publicInboxMessage(page.url)
                try await deliver(try await publicInbox.messages(around: id, base: base, threadMbox: links.threadMbox,
                                                                 threadPage: links.threadPage, log: log))
            case .mbox(let messages), .mail(let messages):
                guard let (base, id) = PublicInboxURL.message(of: page.url) else {
                    try await deliver(messages)
                    return
                }
                if page.url.lastPathComponent == "t.mbox.gz" || messages.count > 1 {
                    // The thread mbox itself.
                    try await deliver(try publicInbox.keep(messages, around: id, from: page.url))
                } else {
                    // A raw message (…/MSGID/raw): its thread lives beside it.
                    try await deliver(try await publicInbox.messages(around: id, base: base, log: log))
                }
            }
        }
    }

    /// One message.
    public func message(_ target: FetchTarget, deliver: Deliver) async throws {
        switch target {
        case .messageID(let id):
            if !refresh, try await isStored(id) {
                log("<\(id)> is already archived (use --refresh to fetch it again)")
                return
            }
            let raw = PublicInboxURL.message(id, under: loreBase).appendingPathComponent("raw")
            try await deliver(try await rawMessages(raw))
        case .url(let url):
            let first = try await client.get(url)
            let page = FetchedPage(url: first.url, body: first.body, notModified: first.notModified)
            switch try kind(of: page) {
            case .openwall:
                try await deliver(try Self.pageMessages(page))
            case .publicInbox(let links):
                // The raw mail beats the page: full headers, nothing re-rendered.
                let (base, _) = try publicInboxMessage(page.url)
                let raw = links.raw.count == 1 ? links.raw[0] : base.appendingPathComponent("raw")
                try await deliver(try await rawMessages(raw))
            case .mbox(let messages):
                if let (_, id) = PublicInboxURL.message(of: page.url), let one = messages.first(where: { $0.messageID == id }) {
                    try await deliver([one])
                } else {
                    try await deliver(Array(messages.prefix(1)))
                }
            case .mail(let messages):
                try await deliver(messages)
            }
        }
    }

    private var publicInbox: PublicInboxThread {
        PublicInboxThread(client: client, loose: loose, isStored: { [refresh, isStored] id in
            refresh ? false : try await isStored(id)
        })
    }

    private enum Kind {
        case openwall
        case publicInbox(PageLinks)
        case mbox([MailMessage])
        case mail([MailMessage])
    }

    /// What the first response is, by its bytes.
    private func kind(of page: FetchedPage) throws -> Kind {
        let name = page.url.absoluteString
        if page.body.isEmpty { throw FetchError(name, "empty response") }
        if Gzip.isGzip(page.body) {
            do { return .mbox(try PublicInboxThread.mbox(page.body, url: page.url, settings: client.settings)) } catch let e as InputError {
                throw FetchError(name, e.problem)
            }
        }
        switch InputKind.detect(page.body) {
        case .html:
            let links = PageLinks.read(html: page.body, url: page.url)
            switch links.site {
            case .openwall: return .openwall
            case .publicInbox: return .publicInbox(links)
            case .unknown: throw InputError(name, "not an openwall (blists) or public-inbox page")
            }
        case .mbox:
            do { return .mbox(try MailboxReader.mbox(page.body, name: name, url: name)) } catch let e as InputError {
                throw FetchError(name, e.problem)
            }
        case .mail:
            do { return .mail(try InputReader.messages(in: page.body, name: name, url: name)) } catch let e as InputError {
                throw FetchError(name, e.problem)
            }
        case .unknown:
            throw InputError(name, "not an openwall (blists) or public-inbox page, nor a mail")
        }
    }

    private func publicInboxMessage(_ url: URL) throws -> (URL, String) {
        guard let found = PublicInboxURL.message(of: url) else {
            throw InputError(url.absoluteString, "public-inbox URL without a Message-ID in its path")
        }
        return found
    }

    private func rawMessages(_ url: URL) async throws -> [MailMessage] {
        let response = try await client.get(url, stayOn: url.host)
        do {
            return try InputReader.messages(in: response.body, name: response.url.absoluteString, url: response.url.absoluteString)
        } catch let e as InputError {
            throw FetchError(response.url.absoluteString, e.problem)
        }
    }

    /// The message(s) of one archive page; the page must read, or the walk reports it.
    static func pageMessages(_ page: FetchedPage) throws -> [MailMessage] {
        let name = page.url.absoluteString
        do {
            return try PageReader.messages(html: page.body, name: name, url: name)
        } catch let e as InputError {
            throw FetchError(name, e.problem)
        }
    }
}
