import Foundation
import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

/// The HTTP client against the fault-injecting server on 127.0.0.1.
@Suite struct HTTPClientTests {
    static let openwall = Paths.sample("openwall/lists.openwall.net")
    static let page = "/linux-kernel/2022/07/25/6"

    /// Quick settings: short backoff, short timeouts.
    func client(timeout: Double = 5, retries: Int = 3, maxBytes: Int = 1 << 20, cache: (any HTTPCache)? = nil,
                delay: Double = 0) -> HTTPClient {
        HTTPClient(settings: FetchSettings(timeout: timeout, overallTimeout: 20, maxResponseBytes: maxBytes,
                                           maxRetries: retries, backoffBase: 0.05, maxBackoff: 0.2, maxRetryAfter: 10,
                                           maxRedirects: 3, delay: delay), cache: cache)
    }

    func problem(_ body: () async throws -> Void) async -> FetchError? {
        do { try await body(); return nil } catch let e as FetchError { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    @Test func getsAPageWithAnIdentifyingUserAgent() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall)
        defer { server.stop() }
        let response = try await client().get(URL(string: server.url(Self.page))!)
        #expect(response.status == 200)
        #expect(response.body == (try Paths.bytes(Self.openwall.appendingPathComponent(Self.page))))
        let agent = server.requestLog().first?["user_agent"] as? String
        #expect(agent?.hasPrefix("listarc/") == true)
        #expect(agent?.contains("(+https://") == true)
    }

    @Test func waitsAsLongAsRetryAfterSaysThenSucceeds() async throws {
        for mode in ["429once:1", "429date"] {
            let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["\(Self.page)=\(mode)"])
            defer { server.stop() }
            let response = try await client().get(URL(string: server.url(Self.page))!)
            #expect(response.status == 200)
            let log = server.requestLog()
            #expect(log.map { $0["status"] as? Int } == [429, 200])
            // Backoff alone would wait 0.05 s: the gap shows Retry-After was honoured.
            if let t0 = log.first?["time"] as? Double, let t1 = log.last?["time"] as? Double {
                #expect(t1 - t0 >= (mode == "429date" ? 0.01 : 0.9), "\(mode)")
            }
        }
    }

    @Test func retryAfterBeyondTheLimitFailsAtOnce() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["\(Self.page)=429once:3600"])
        defer { server.stop() }
        let e = await problem { _ = try await client().get(URL(string: server.url(Self.page))!) }
        #expect(e?.problem.contains("429") == true)
        #expect(e?.problem.contains("3600") == true)
        #expect(server.requestLog().count == 1)
    }

    @Test func serverErrorThenSuccess() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["\(Self.page)=500once"])
        defer { server.stop() }
        let response = try await client().get(URL(string: server.url(Self.page))!)
        #expect(response.status == 200)
        #expect(server.requestLog().map { $0["status"] as? Int } == [500, 200])
    }

    @Test func persistentServerErrorGivesUpAfterTheRetries() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/x=500always"])
        defer { server.stop() }
        let url = server.url("/x")
        let e = await problem { _ = try await client(retries: 2).get(URL(string: url)!) }
        #expect(e?.url == url)
        #expect(e?.problem == "HTTP 500 (internal server error) (gave up after 3 attempts)" || e?.problem.hasPrefix("HTTP 500") == true)
        #expect(e?.problem.contains("3 attempts") == true)
        #expect(server.requestLog().count == 3)
    }

    @Test func stallsTimeOut() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/body=stall", "/head=stallhead"])
        defer { server.stop() }
        for path in ["/body", "/head"] {
            let e = await problem { _ = try await client(timeout: 1, retries: 1).get(URL(string: server.url(path))!) }
            #expect(e?.problem.contains("timed out") == true, "\(path): \(String(describing: e))")
        }
    }

    @Test func truncatedBodyIsAnError() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["\(Self.page)=truncate"])
        defer { server.stop() }
        let e = await problem { _ = try await client(retries: 1).get(URL(string: server.url(Self.page))!) }
        #expect(e?.problem.contains("connection closed before the response was complete") == true, "\(String(describing: e))")
        #expect(e?.url == server.url(Self.page))
        #expect(server.requestLog().count == 2)
    }

    @Test func hugeContentLengthIsRefusedUpFront() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/huge=huge"])
        defer { server.stop() }
        let e = await problem { _ = try await client().get(URL(string: server.url("/huge"))!) }
        #expect(e?.problem.contains("too large") == true)
        #expect(e?.problem.contains("10737418240") == true)
        #expect(server.requestLog().count == 1)  // not retried
    }

    @Test func endlessBodyStopsAtTheCap() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/endless=endless"])
        defer { server.stop() }
        let e = await problem { _ = try await client(maxBytes: 1 << 20).get(URL(string: server.url("/endless"))!) }
        #expect(e?.problem.contains("too large") == true)
        #expect(e?.problem.contains("\(1 << 20)") == true)
    }

    @Test func redirectsAreFollowedOnTheSameHost() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["/moved=redirect:\(Self.page)"])
        defer { server.stop() }
        let response = try await client().get(URL(string: server.url("/moved"))!, stayOn: "127.0.0.1")
        #expect(response.url.absoluteString == server.url(Self.page))
        #expect(response.status == 200)
    }

    @Test func redirectToAnotherHostIsRefusedDuringAWalk() async throws {
        // localhost is another host name for the same loopback server: nothing leaves 127.0.0.1.
        let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["/moved=redirect:http://localhost:{port}\(Self.page)"])
        defer { server.stop() }
        let e = await problem { _ = try await client().get(URL(string: server.url("/moved"))!, stayOn: "127.0.0.1") }
        #expect(e?.problem.contains("another host") == true)
        #expect(e?.problem.contains("localhost") == true)
        #expect(server.requestLog().count == 1)
    }

    @Test func redirectToAnotherSchemeIsRefused() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/ftp=redirect:ftp://127.0.0.1/x", "/file=redirect:file:///etc/passwd"])
        defer { server.stop() }
        for path in ["/ftp", "/file"] {
            let e = await problem { _ = try await client().get(URL(string: server.url(path))!) }
            #expect(e?.problem.contains("only http and https") == true, "\(path)")
        }
    }

    @Test func redirectLoopsStop() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/loop=loop"])
        defer { server.stop() }
        let e = await problem { _ = try await client().get(URL(string: server.url("/loop"))!) }
        #expect(e?.problem.contains("too many redirects") == true)
        #expect(server.requestLog().count == 4)  // the first request and 3 redirects
    }

    static var opensslInstalled: Bool {
        ["/usr/bin/openssl", "/usr/local/bin/openssl"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: opensslInstalled, "needs the openssl command to make a certificate"))
    func tlsCertificatesAreVerified() async throws {
        let server = try LoopbackServer.faultServer(rules: ["/x=body:hello"], tls: true)
        defer { server.stop() }
        let e = await problem { _ = try await client().get(URL(string: "https://127.0.0.1:\(server.port)/x")!) }
        #expect(e?.problem.hasPrefix("TLS verification failed") == true, "\(String(describing: e))")
        // The handshake failed, so the server never saw a request; and it is not retried.
        #expect(server.requestLog().isEmpty)
    }

    @Test func nonHTTPSchemesAreRefusedBeforeAnyRequest() async throws {
        await #expect(throws: InputError.self) { _ = try await client().get(URL(string: "ftp://127.0.0.1/x")!) }
    }

    @Test func conditionalRequestsReuseTheCachedBody() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall)
        defer { server.stop() }
        let cache = MemoryHTTPCache()
        let http = client(cache: cache)
        let url = URL(string: server.url(Self.page))!
        let first = try await http.get(url)
        let second = try await http.get(url)
        #expect(!first.notModified)
        #expect(second.notModified)
        #expect(second.body == first.body)
        let log = server.requestLog()
        #expect(log.map { $0["status"] as? Int } == [200, 304])
        #expect(log.last?["if_none_match"] as? String != nil)
        #expect(log.last?["if_modified_since"] as? String != nil)
        // Unconditional when asked (--refresh).
        let third = try await http.get(url, conditional: false)
        #expect(!third.notModified)
        #expect(server.requestLog().last?["status"] as? Int == 200)
    }

    @Test func delayKeepsRequestsToOneHostApart() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall)
        defer { server.stop() }
        let http = client(delay: 0.5)
        for _ in 0..<3 { _ = try await http.get(URL(string: server.url(Self.page))!, conditional: false) }
        let times = server.requestLog().compactMap { $0["time"] as? Double }
        #expect(times.count == 3)
        // Server-side times jitter a little under load; without --delay the gaps are milliseconds.
        for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 0.4) }
    }

    @Test func oneRequestAtATimePerHostByDefault() async throws {
        let server = try LoopbackServer.faultServer(root: Self.openwall, rules: ["/slow=stall"])
        defer { server.stop() }
        let http = client(timeout: 1, retries: 0)
        // While /slow hangs, a second request to the same host waits for it.
        async let slow: Void = { _ = try? await http.get(URL(string: server.url("/slow"))!) }()
        try await Task.sleep(for: .milliseconds(200))
        _ = try await http.get(URL(string: server.url(Self.page))!)
        await slow
        let log = server.requestLog()
        #expect(log.map { $0["path"] as? String } == ["/slow", Self.page])
        if let t0 = log.first?["time"] as? Double, let t1 = log.last?["time"] as? Double {
            #expect(t1 - t0 >= 0.9)
        }
    }
}
