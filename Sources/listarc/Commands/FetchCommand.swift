import ArgumentParser
import Foundation
import ListArcCore
import ListArcSources
import ListArcStore

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch a thread or message from a web archive into the archive.",
        discussion: """
            Reads openwall (blists) and public-inbox sites, recognised by their pages, not by host names. \
            Only http and https; a thread walk never leaves its host. Exit status 3 on network failure.
            """,
        subcommands: [FetchThreadCommand.self, FetchMessageCommand.self])
}

/// Options shared by `fetch thread` and `fetch message`.
struct FetchOptions: ParsableArguments {
    @OptionGroup var archive: ArchiveOptions

    @Option(name: .long, help: "Requests in flight at once per host.")
    var jobs: Int = 1

    @Option(name: .long, help: "Seconds between two requests to one host.")
    var delay: Double = 0

    @Option(name: .long, help: "Seconds to wait for a connection or for more data.")
    var timeout: Double = 30

    @Option(name: .long, help: "Retries after HTTP 429/5xx, timeouts and dropped connections (exponential backoff, Retry-After honoured).")
    var retries: Int = 4

    @Option(name: .long, help: "public-inbox base for a bare Message-ID.")
    var loreBase: String = ArchiveFetcher.defaultLoreBase.absoluteString

    @Flag(name: .long, help: "Keep every message of the public-inbox thread mbox, not only those linked to the requested one by In-Reply-To/References.")
    var loose = false

    @Flag(name: .long, help: "Fetch again what the archive already holds: no conditional requests, no skipping of archived messages.")
    var refresh = false

    @Option(name: .long, help: "Most pages one openwall thread walk may request.")
    var maxPages: Int = 1000

    @Option(name: .long, help: "Largest response accepted, in bytes.")
    var maxSize: Int = 64 << 20

    @Option(name: .long, help: ArgumentHelp("First retry delay in seconds (doubles each retry).", visibility: .hidden))
    var backoff: Double = 1

    func validate() throws {
        guard jobs >= 1, jobs <= 16 else { throw ValidationError("--jobs must be between 1 and 16") }
        guard delay >= 0, delay <= 3600 else { throw ValidationError("--delay must be between 0 and 3600 seconds") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard retries >= 0, retries <= 20 else { throw ValidationError("--retries must be between 0 and 20") }
        guard maxPages >= 1 else { throw ValidationError("--max-pages must be at least 1") }
        guard maxSize >= 1024 else { throw ValidationError("--max-size must be at least 1024 bytes") }
        guard backoff >= 0 else { throw ValidationError("--backoff must not be negative") }
    }

    var settings: FetchSettings {
        FetchSettings(timeout: timeout, overallTimeout: max(300, timeout * 10), maxResponseBytes: maxSize,
                      maxRetries: retries, backoffBase: backoff, maxBackoff: max(30, backoff), jobs: jobs,
                      delay: delay, maxPagesPerWalk: maxPages)
    }

    /// Runs a fetch: messages are analysed and stored as they arrive (one transaction
    /// per page or mbox), so an interrupted fetch keeps what it had and a rerun resumes.
    func run(_ target: String, thread: Bool) async throws {
        try await reportingErrors {
            do {
                let parsed = try FetchTarget.parse(target)
                let base = try HTTPClient.checkedURL(loreBase)
                let store = try Archive(path: archive.path, mapped: false)
                // Progress lines carry URLs a server chose: no escape sequences reach the terminal.
                let progress: @Sendable (String) -> Void = { warn(TerminalText.neutralised($0)) }
                let client = HTTPClient(settings: settings, cache: refresh ? nil : ArchiveHTTPCache(archive: store),
                                        log: progress)
                let fetcher = ArchiveFetcher(client: client, loreBase: base, loose: loose, refresh: refresh,
                                             isStored: { try store.contains(messageID: $0) }, log: progress)
                let tally = Tally()
                let deliver: ArchiveFetcher.Deliver = { messages in
                    let summary = try store.ingest(messages.map(Analyser.analyse))
                    await tally.add(summary)
                }
                if thread {
                    try await fetcher.thread(parsed, deliver: deliver)
                } else {
                    try await fetcher.message(parsed, deliver: deliver)
                }
                let summary = await tally.summary
                print(summary.line)
                for reason in summary.rejections.prefix(50) { warn("listarc: rejected \(reason)") }
            } catch let e as FetchError {
                // Network trouble is exit status 3, not the bad-input 2 of other errors.
                warn("listarc: " + TerminalText.neutralised(e.description))
                throw Status.network
            }
        }
    }
}

struct FetchThreadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thread",
        abstract: "Fetch the whole thread a page URL or Message-ID belongs to.",
        discussion: """
            openwall: walks [<thread-prev] to the root and [thread-next>] to the end. \
            public-inbox: GET …/MSGID/t.mbox.gz (falls back to /T/ and each raw message).
            """)

    @OptionGroup var options: FetchOptions

    @Argument(help: "A message page URL (openwall or public-inbox) or a Message-ID.")
    var target: String

    func run() async throws { try await options.run(target, thread: true) }
}

struct FetchMessageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Fetch one message by page URL or Message-ID.")

    @OptionGroup var options: FetchOptions

    @Argument(help: "A message page URL (openwall or public-inbox) or a Message-ID.")
    var target: String

    func run() async throws { try await options.run(target, thread: false) }
}

/// Ingest summaries added up across the batches of one fetch.
actor Tally {
    private(set) var summary = IngestSummary()
    func add(_ s: IngestSummary) { summary += s }
}

/// The archive's http_cache table as the fetcher's conditional-request cache.
struct ArchiveHTTPCache: HTTPCache {
    let archive: Archive

    func cached(_ url: String) async throws -> CachedResponse? {
        guard let v = try archive.validators(for: url), let body = v.body else { return nil }
        return CachedResponse(url: url, etag: v.etag, lastModified: v.lastModified, body: body, contentType: v.contentType)
    }

    func store(_ response: CachedResponse) async throws {
        try archive.storeValidators(HTTPValidators(etag: response.etag, lastModified: response.lastModified,
                                                   contentType: response.contentType, body: response.body), for: response.url)
    }
}
