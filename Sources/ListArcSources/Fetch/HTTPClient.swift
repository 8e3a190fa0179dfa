import Foundation
import ListArcCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GETs over http/https with everything a polite, careful client does: a
/// User-Agent, timeouts, a body size cap, retries with backoff that honour
/// Retry-After, redirects followed by hand (counted, scheme-checked, optionally
/// pinned to one host), per-host limits and conditional requests from a cache.
public final class HTTPClient: Sendable {
    public let settings: FetchSettings
    private let cache: (any HTTPCache)?
    private let transfers: Transfers
    private let limiter: HostLimiter
    private let log: @Sendable (String) -> Void

    /// `log` receives one line per request attempt and per wait (progress on stderr).
    public init(settings: FetchSettings = FetchSettings(), cache: (any HTTPCache)? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.settings = settings
        self.cache = cache
        self.transfers = Transfers(timeout: settings.timeout)
        self.limiter = HostLimiter(jobs: settings.jobs, delay: settings.delay)
        self.log = log
    }

    deinit { transfers.invalidate() }

    /// Checks that `text` is an http(s) URL with a host; InputError otherwise.
    public static func checkedURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw InputError(text, "not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw InputError(text, "unsupported URL scheme \"\(scheme)\" (only http and https are fetched)")
        }
        guard let host = url.host, !host.isEmpty else { throw InputError(text, "URL has no host") }
        return url
    }

    /// GET `url`. With `stayOn` set, a redirect to any other host is refused.
    /// With `conditional`, a cached copy is revalidated (304 → cached body).
    /// Throws InputError for a bad URL, FetchError for everything the network did.
    public func get(_ url: URL, stayOn host: String? = nil, conditional: Bool = true,
                    accept: String = "*/*") async throws -> HTTPResponse {
        var current = url
        try check(current, original: url, stayOn: host)
        var redirects = 0
        while true {
            let cached = conditional ? try await cachedEntry(current) : nil
            let exchange = try await exchangeWithRetries(current, cached: cached, accept: accept)
            switch exchange.status {
            case 301, 302, 303, 307, 308:
                guard let location = exchange.headers["location"],
                      let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    throw FetchError(current.absoluteString, "redirect (\(exchange.status)) without a usable Location")
                }
                redirects += 1
                if redirects > settings.maxRedirects {
                    throw FetchError(url.absoluteString, "too many redirects (more than \(settings.maxRedirects))")
                }
                try check(next, original: url, stayOn: host)
                log("  \(exchange.status) → \(next.absoluteString)")
                current = next
            case 304:
                guard let cached else {
                    throw FetchError(current.absoluteString, "304 Not Modified to an unconditional request")
                }
                var headers = exchange.headers
                if headers["content-type"] == nil, let type = cached.contentType { headers["content-type"] = type }
                return HTTPResponse(url: current, status: 200, headers: headers, body: cached.body, notModified: true)
            case 200...299:
                if let cache, exchange.headers["etag"] != nil || exchange.headers["last-modified"] != nil {
                    try await cache.store(CachedResponse(url: current.absoluteString, etag: exchange.headers["etag"],
                                                         lastModified: exchange.headers["last-modified"],
                                                         body: exchange.body, contentType: exchange.headers["content-type"]))
                }
                return HTTPResponse(url: current, status: exchange.status, headers: exchange.headers, body: exchange.body)
            default:
                throw FetchError(current.absoluteString, "HTTP \(exchange.status)\(Self.reason(exchange.status))", status: exchange.status)
            }
        }
    }

    /// GET that returns nil for 404/410 (a resource the site does not have).
    public func getIfPresent(_ url: URL, stayOn host: String? = nil, conditional: Bool = true) async throws -> HTTPResponse? {
        do {
            return try await get(url, stayOn: host, conditional: conditional)
        } catch let e as FetchError where e.status == 404 || e.status == 410 {
            return nil
        }
    }

    private func check(_ url: URL, original: URL, stayOn host: String?) throws {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            if url == original { _ = try Self.checkedURL(url.absoluteString) }
            throw FetchError(original.absoluteString, "refusing redirect to \"\(url.absoluteString)\": only http and https are fetched")
        }
        if let host, url.host?.lowercased() != host.lowercased() {
            throw FetchError(original.absoluteString, "refusing redirect to another host (\(url.host ?? "none"), thread walks stay on \(host))")
        }
    }

    private func cachedEntry(_ url: URL) async throws -> CachedResponse? {
        guard let cache, let entry = try await cache.cached(url.absoluteString),
              entry.etag != nil || entry.lastModified != nil else { return nil }
        return entry
    }

    private func exchangeWithRetries(_ url: URL, cached: CachedResponse?, accept: String) async throws -> Exchange {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.timeoutInterval = settings.timeout
        request.setValue(settings.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue(accept, forHTTPHeaderField: "Accept")
        if let etag = cached?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let date = cached?.lastModified { request.setValue(date, forHTTPHeaderField: "If-Modified-Since") }
        let host = url.host?.lowercased() ?? ""
        var attempt = 0
        while true {
            try Task.checkCancellation()
            await limiter.acquire(host)
            let outcome: Result<Exchange, TransferFailure>
            do {
                let exchange = try await transfers.exchange(request, limit: settings.maxResponseBytes,
                                                            overallTimeout: settings.overallTimeout)
                let retry = attempt > 0 ? " (retry \(attempt))" : ""
                log("GET \(url.absoluteString)\(retry): \(exchange.status == 304 ? "304 not modified" : "\(exchange.status), \(exchange.body.count) bytes")")
                outcome = .success(exchange)
            } catch let f as TransferFailure {
                log("GET \(url.absoluteString)\(attempt > 0 ? " (retry \(attempt))" : ""): \(f.problem)")
                outcome = .failure(f)
            } catch {
                await limiter.release(host)
                throw error
            }
            await limiter.release(host)
            let wait: Double
            let why: String
            switch outcome {
            case .success(let exchange):
                guard RetryPolicy.isRetryable(status: exchange.status) else { return exchange }
                why = "HTTP \(exchange.status)\(Self.reason(exchange.status))"
                let backoff = RetryPolicy.backoff(attempt: attempt, base: settings.backoffBase, cap: settings.maxBackoff)
                if let value = exchange.headers["retry-after"], let asked = RetryPolicy.retryAfter(value) {
                    if asked > settings.maxRetryAfter {
                        throw FetchError(url.absoluteString, "\(why); the server asks to retry after \(Int(asked)) s, longer than \(Int(settings.maxRetryAfter)) s",
                                         status: exchange.status)
                    }
                    wait = max(asked, 0)
                } else {
                    wait = backoff
                }
                if attempt >= settings.maxRetries {
                    throw FetchError(url.absoluteString, "\(why) (gave up after \(attempt + 1) attempts)", status: exchange.status)
                }
            case .failure(let failure):
                guard failure.retryable, attempt < settings.maxRetries else {
                    let tries = attempt > 0 ? " (gave up after \(attempt + 1) attempts)" : ""
                    throw FetchError(url.absoluteString, failure.problem + (failure.retryable ? tries : ""))
                }
                why = failure.problem
                wait = RetryPolicy.backoff(attempt: attempt, base: settings.backoffBase, cap: settings.maxBackoff)
            }
            log("  \(why); retrying in \(String(format: "%.1f", wait)) s")
            attempt += 1
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        }
    }

    private static func reason(_ status: Int) -> String {
        let text = HTTPURLResponse.localizedString(forStatusCode: status)
        return text.isEmpty ? "" : " (\(text))"
    }
}
