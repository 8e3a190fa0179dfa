import Foundation
import ListArcCore

/// Fetches a public-inbox thread: `…/MSGID/t.mbox.gz` (all gzip members), or when
/// that is unavailable or unreadable the `/T/` page plus each message's `raw`.
struct PublicInboxThread {
    /// A thread mbox may decompress to this many times the response size cap.
    static let expansion = 4
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
                let all = try Self.mbox(response.body, url: response.url, settings: client.settings)
                return try keep(all, around: messageID, from: mboxURL)
            }
            mboxProblem = "not found"
        } catch let e as InputError {
            // A corrupt or truncated mbox: the per-message pages may still work.
            mboxProblem = e.problem
        } catch let e as FetchError where e.status.map({ $0 >= 300 && $0 != 429 }) ?? false {
            // The server will not produce the mbox (an error status even after retries;
            // not a rate limit, which asks for fewer requests, not more).
            mboxProblem = e.problem
        }
        log("  \(mboxURL.absoluteString): \(mboxProblem ?? "unavailable"); falling back to the thread page and raw messages")
        let pageURL = threadPage ?? base.appendingPathComponent("T/")
        let page: HTTPResponse
        do {
            page = try await client.get(pageURL, stayOn: host)
        } catch let e as FetchError where e.status == 404 || e.status == 300 || e.status == 410 {
            // 300 is public-inbox's "did you mean" page for an unknown Message-ID.
            throw FetchError(base.absoluteString, "<\(messageID)> not found (t.mbox.gz: \(mboxProblem ?? "unavailable"); thread page: \(e.problem))")
        }
        let links = PageLinks.read(html: page.body, url: page.url)
        guard links.site == .publicInbox, !links.raw.isEmpty else {
            throw FetchError(mboxURL.absoluteString, "thread mbox \(mboxProblem ?? "unavailable") and \(pageURL.absoluteString) lists no raw messages")
        }
        var wanted: [URL] = []
        for rawURL in links.raw {
            if let id = PublicInboxURL.message(of: rawURL)?.messageID, try await isStored(id) {
                log("  <\(id)> is already archived")
                continue
            }
            wanted.append(rawURL)
        }
        // In parallel up to --jobs (the client's per-host limit does the counting), in page order.
        let client = self.client
        let fetched = try await withThrowingTaskGroup(of: (Int, [MailMessage]).self) { group in
            for (index, rawURL) in wanted.enumerated() {
                group.addTask {
                    let response = try await client.get(rawURL, stayOn: host)
                    do {
                        let name = response.url.absoluteString
                        return (index, try InputReader.messages(in: response.body, name: name, url: name))
                    } catch let e as InputError {
                        throw FetchError(rawURL.absoluteString, e.problem)
                    }
                }
            }
            var byIndex: [Int: [MailMessage]] = [:]
            for try await (index, messages) in group { byIndex[index] = messages }
            return byIndex
        }
        let messages = wanted.indices.flatMap { fetched[$0] ?? [] }
        // The /T/ page lists exactly the thread (no loose matches), so nothing to filter.
        return messages
    }

    /// The strict thread (unless `loose`) out of a thread mbox fetched from `url`
    /// (`LIST/MSGID/t.mbox.gz`), each message's source set to its own page.
    func keep(_ all: [MailMessage], around messageID: String, from url: URL) throws -> [MailMessage] {
        var kept = loose ? all : StrictThread.filter(all, around: messageID)
        if kept.isEmpty { throw FetchError(url.absoluteString, "the thread mbox does not hold <\(messageID)>") }
        // Each message's own page is its source: LIST/MSGID/ beside the requested one.
        let list = url.deletingLastPathComponent().deletingLastPathComponent()
        for i in kept.indices {
            if let id = kept[i].messageID { kept[i].sourceURL = PublicInboxURL.message(id, under: list).absoluteString }
        }
        return kept
    }

    /// Messages of a (gzipped) mboxrd; InputError when it cannot be read. A fetched
    /// mbox may expand to at most `expansion` × the response size cap, so a gzip bomb
    /// stops early.
    static func mbox(_ bytes: [UInt8], url: URL, settings: FetchSettings) throws -> [MailMessage] {
        let name = url.absoluteString
        let limits = Gzip.Limits(maxOutput: settings.maxResponseBytes.multipliedReportingOverflow(by: expansion).partialValue)
        let plain = Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, name: name, limits: limits) : bytes
        if plain.isEmpty { return [] }
        return try MailboxReader.mbox(plain, name: name, url: name)
    }
}
