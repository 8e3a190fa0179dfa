import Foundation
import ListArcCore

/// What a conditional request needs to remember about a URL: the validators the
/// server sent and the body they validate (a 304 hands that body back).
public struct CachedResponse: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var body: [UInt8]
    public var contentType: String?
    public init(url: String, etag: String?, lastModified: String?, body: [UInt8], contentType: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.body = body
        self.contentType = contentType
    }
}

/// Validators and bodies kept between runs, so a second fetch of an unchanged thread
/// sends If-None-Match / If-Modified-Since and gets 304s. Two implementations:
/// `MemoryHTTPCache` (tests, one run) and the archive's http_cache table (CLI glue).
public protocol HTTPCache: Sendable {
    func cached(_ url: String) async throws -> CachedResponse?
    func store(_ response: CachedResponse) async throws
}

/// An HTTP cache that lives as long as the process.
public actor MemoryHTTPCache: HTTPCache {
    private var entries: [String: CachedResponse] = [:]
    public init() {}
    public func cached(_ url: String) -> CachedResponse? { entries[url] }
    public func store(_ response: CachedResponse) { entries[response.url] = response }
    public var count: Int { entries.count }
}
