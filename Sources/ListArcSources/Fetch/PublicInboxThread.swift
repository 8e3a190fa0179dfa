import Foundation
import ListArcCore

/// Fetches a public-inbox thread: `…/MSGID/t.mbox.gz` (all gzip members), or when
/// that is unavailable or unreadable the `/T/` page plus each message's `raw`.
struct PublicInboxThread {
    let client: HTTPClient
    let loose: Bool
    /// Messages already archived are not fetched again through `raw`.
    let isStored: @Sendable (String) async throws -> Bool

    /// The thread around `messageID`, whose message URL is `base` (`…/MSGID/`).
    func messages(around messageID: String, base: URL, threadMbox: URL? = nil, threadPage: URL? = nil,
                  log: @Sendable (String) -> Void) async throws -> [MailMessage] {
        let host = base.host?.lowercased()
        let mboxURL = threadMbox ?? base.appendingPathComponent("t.mbox.gz")
        var mboxProblem: String?
        do {
            if let response = try await client.getIfPresent(mboxURL, stayOn: host) {
                let all = try Self.mbox(response.body, url: response.url)
                return try keep(all, around: messageID, from: mboxURL)
            }
            mboxProblem = "not found"
        } catch let e as InputError {
            // A corrupt or truncated mbox: the per-message pages may still work.
            mboxProblem = e.problem
        }
        log("  \(mboxURL.absoluteString): \(mboxProblem ?? "unavailable"); falling back to the thread page and raw messages")
        let pageURL = threadPage ?? base.appendingPathComponent("T/")
        let page = try await client.get(pageURL, stayOn: host)
        let links = PageLinks.read(html: page.body, url: page.url)
        guard links.site == .publicInbox, !links.raw.isEmpty else {
            throw FetchError(mboxURL.absoluteString, "thread mbox \(mboxProblem ?? "unavailable") and \(pageURL.absoluteString) lists no raw messages")
        }
        var messages: [MailMessage] = []
        for rawURL in links.raw {
            if let id = PublicInboxURL.message(of: rawURL)?.messageID, try await isStored(id) {
                log("  \(id): already archived")
                continue
            }
            let response = try await client.get(rawURL, stayOn: host)
            do {
                messages += try InputReader.messages(in: response.body, name: rawURL.absoluteString, url: rawURL.absoluteString)
            } catch let e as InputError {
                throw FetchError(rawURL.absoluteString, e.problem)
            }
        }
        // The /T/ page lists exactly the thread (no loose matches), so nothing to filter.
        return messages
    }

    private func keep(_ all: [MailMessage], around messageID: String, from url: URL) throws -> [MailMessage] {
        var kept = loose ? all : StrictThread.filter(all, around: messageID)
        if kept.isEmpty { throw FetchError(url.absoluteString, "the thread mbox does not hold <\(messageID)>") }
        // Each message's own page is its source: LIST/MSGID/ beside the requested one.
        let list = url.deletingLastPathComponent().deletingLastPathComponent()
        for i in kept.indices {
            if let id = kept[i].messageID { kept[i].sourceURL = PublicInboxURL.message(id, under: list).absoluteString }
        }
        return kept
    }

    /// Messages of a (gzipped) mboxrd; InputError when it cannot be read.
    static func mbox(_ bytes: [UInt8], url: URL) throws -> [MailMessage] {
        let name = url.absoluteString
        let plain = Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, name: name) : bytes
        if plain.isEmpty { return [] }
        return try MailboxReader.mbox(plain, name: name, url: name)
    }
}
