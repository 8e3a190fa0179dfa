import Foundation

/// Politeness, limits and timeouts for one fetch run.
public struct FetchSettings: Sendable {
    /// `listarc/VERSION (+https://…/listarc)`: servers can see who asks.
    public var userAgent: String
    /// Seconds to wait for a connection or for the next bytes of a response.
    public var timeout: Double
    /// Seconds one request may take in all, however slowly the bytes arrive.
    public var overallTimeout: Double
    /// Largest response body accepted, in bytes.
    public var maxResponseBytes: Int
    /// Retries after a 429, a 5xx, a timeout or a dropped connection.
    public var maxRetries: Int
    /// First retry waits this long; each further retry twice as long (capped by `maxBackoff`).
    public var backoffBase: Double
    public var maxBackoff: Double
    /// A Retry-After longer than this is not waited for: the fetch fails instead.
    public var maxRetryAfter: Double
    /// Redirects followed for one request.
    public var maxRedirects: Int
    /// Requests in flight at once to one host.
    public var jobs: Int
    /// Seconds between the start of two requests to one host.
    public var delay: Double
    /// Pages one openwall thread walk may request.
    public var maxPagesPerWalk: Int

    public static let version = "0.1.0"
    public static let defaultUserAgent = "listarc/\(version) (+https://github.com/listarc/listarc)"

    public init(userAgent: String = FetchSettings.defaultUserAgent, timeout: Double = 30,
                overallTimeout: Double = 300, maxResponseBytes: Int = 64 << 20,
                maxRetries: Int = 4, backoffBase: Double = 1, maxBackoff: Double = 30,
                maxRetryAfter: Double = 120, maxRedirects: Int = 5, jobs: Int = 1,
                delay: Double = 0, maxPagesPerWalk: Int = 1000) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.overallTimeout = overallTimeout
        self.maxResponseBytes = maxResponseBytes
        self.maxRetries = maxRetries
        self.backoffBase = backoffBase
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.maxRedirects = maxRedirects
        self.jobs = max(1, jobs)
        self.delay = max(0, delay)
        self.maxPagesPerWalk = maxPagesPerWalk
    }
}
