import Foundation
import ListArcCore

/// Walks a blists (openwall) thread: blists flattens a thread into a chain, so
/// from any message page `[<thread-prev]` leads to the root and `[thread-next>]`
/// to the end. One request per page, never off the starting host, at most
/// `maxPagesPerWalk` pages.
struct OpenwallWalk {
    let client: HTTPClient

    /// Every page of the thread of `start` (already fetched), root first.
    /// `deliver` gets each page as it arrives, so an interrupted walk keeps what it had.
    func pages(from start: FetchedPage, deliver: @escaping @Sendable (FetchedPage) async throws -> Void) async throws -> [FetchedPage] {
        guard let host = start.url.host?.lowercased() else { throw FetchError(start.url.absoluteString, "URL has no host") }
        try await deliver(start)
        let startLinks = PageLinks.read(html: start.body, url: start.url)
        let budget = WalkBudget(limit: client.settings.maxPagesPerWalk, startURL: start.url)
        _ = try await budget.visit(start.url)
        let walkBack = { try await self.follow(startLinks.threadPrev, backwards: true, host: host, budget: budget, deliver: deliver) }
        let walkOn = { try await self.follow(startLinks.threadNext, backwards: false, host: host, budget: budget, deliver: deliver) }
        let before: [FetchedPage], after: [FetchedPage]
        if client.settings.jobs > 1 {
            async let b = walkBack()
            async let a = walkOn()
            (before, after) = try await (b, a)
        } else {
            before = try await walkBack()
            after = try await walkOn()
        }
        return before.reversed() + [start] + after
    }

    private func follow(_ first: URL?, backwards: Bool, host: String, budget: WalkBudget,
                        deliver: @Sendable (FetchedPage) async throws -> Void) async throws -> [FetchedPage] {
        var pages: [FetchedPage] = []
        var next = first
        while let url = next {
            guard url.host?.lowercased() == host else {
                throw FetchError(url.absoluteString, "thread link leaves \(host); a thread walk stays on its host")
            }
            guard try await budget.visit(url) else { break }
            let response = try await client.get(url, stayOn: host)
            let page = FetchedPage(url: response.url, body: response.body, notModified: response.notModified)
            let links = PageLinks.read(html: page.body, url: page.url)
            guard links.site == .openwall else {
                throw FetchError(url.absoluteString, "not a blists message page (no thread navigation)")
            }
            try await deliver(page)
            pages.append(page)
            next = backwards ? links.threadPrev : links.threadNext
        }
        return pages
    }
}

/// Pages seen by one walk (both directions share it): stops loops and runaway chains.
actor WalkBudget {
    private let limit: Int
    private let startURL: URL
    private var seen = Set<String>()

    init(limit: Int, startURL: URL) {
        self.limit = limit
        self.startURL = startURL
    }

    /// false when the page was already visited (a loop); throws past the page limit.
    func visit(_ url: URL) throws -> Bool {
        guard seen.insert(url.absoluteString).inserted else { return false }
        if seen.count > limit {
            throw FetchError(startURL.absoluteString, "thread walk stopped: more than \(limit) pages")
        }
        return true
    }
}

/// A page or file as fetched: where it ended up and its bytes.
public struct FetchedPage: Sendable {
    public var url: URL
    public var body: [UInt8]
    /// The server said 304: these bytes are the cached copy.
    public var notModified: Bool
    public init(url: URL, body: [UInt8], notModified: Bool = false) {
        self.url = url
        self.body = body
        self.notModified = notModified
    }
}
