import Foundation
import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

/// The blists thread walk on crafted chains: loops end, other hosts are refused.
@Suite struct OpenwallWalkTests {
    /// A minimal blists message page with thread links.
    static func page(prev: String?, next: String?) -> String {
        var nav = ""
        if let prev { nav += "<a href=\"\(prev)\">[&lt;thread-prev]</a> " }
        if let next { nav += "<a href=\"\(next)\">[thread-next&gt;]</a> " }
        return "<html><body>\(nav)<a href=\".\">[day]</a><pre style=\"white-space: pre-wrap\">x</pre></body></html>"
    }

    func walk(_ server: LoopbackServer, from path: String, maxPages: Int = 100) async throws -> [String] {
        let client = HTTPClient(settings: FetchSettings(timeout: 5, maxRetries: 0, maxPagesPerWalk: maxPages))
        let start = try await client.get(URL(string: server.url(path))!)
        let pages = try await OpenwallWalk(client: client).pages(from: FetchedPage(url: start.url, body: start.body)) { _ in }
        return pages.map { $0.url.path }
    }

    @Test func aChainThatLoopsEnds() async throws {
        let server = try LoopbackServer.faultServer(rules: [
            "/l/1=body:" + Self.page(prev: nil, next: "2"),
            "/l/2=body:" + Self.page(prev: "1", next: "3"),
            "/l/3=body:" + Self.page(prev: "2", next: "2"),
        ])
        defer { server.stop() }
        #expect(try await walk(server, from: "/l/2") == ["/l/1", "/l/2", "/l/3"])
        #expect(server.requestLog().count == 3)
    }

    @Test func aThreadLinkToAnotherHostIsRefused() async throws {
        let server = try LoopbackServer.faultServer(rules: [
            "/l/1=body:" + Self.page(prev: nil, next: "http://localhost:{port}/l/2"),
        ])
        defer { server.stop() }
        await #expect(throws: FetchError.self) { _ = try await walk(server, from: "/l/1") }
        #expect(server.requestLog().count == 1)
    }

    @Test func thePageLimitHolds() async throws {
        var rules: [String] = []
        for i in 1...10 { rules.append("/c/\(i)=body:" + Self.page(prev: i > 1 ? "\(i - 1)" : nil, next: "\(i + 1)")) }
        let server = try LoopbackServer.faultServer(rules: rules)
        defer { server.stop() }
        do {
            _ = try await walk(server, from: "/c/1", maxPages: 4)
            Issue.record("the walk should have stopped")
        } catch let e as FetchError {
            #expect(e.problem == "thread walk stopped: more than 4 pages")
        }
        #expect(server.requestLog().count == 4)
    }
}
