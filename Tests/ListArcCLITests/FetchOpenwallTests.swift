import Foundation
import Testing
import TestSupport

/// `listarc fetch` against a static server over the openwall mirror in Samples/.
@Suite struct FetchOpenwallTests {
    typealias F = FetchFixture

    @Test func threadFromAnyOfItsPagesStoresExactlyItsSixMessages() throws {
        let server = try LoopbackServer.staticServer(root: F.openwallRoot)
        defer { server.stop() }
        let expected = Set(F.thread + [F.filler7])
        for page in F.openwallPages {
            let db = F.temporaryDB()
            defer { F.remove(db) }
            let r = try CLI.run(["fetch", "thread", "--db", db, server.url("/linux-kernel/\(page)")])
            #expect(r.status == 0, "\(page): \(r.stderr)")
            #expect(try F.messageIDs(db) == expected, "\(page)")
            #expect(r.stdout.contains("6 new"), "\(page): \(r.stdout)")
            // One request per page: six pages, six GETs.
            #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("GET ") }.count == 6, "\(page): \(r.stderr)")
        }
    }

    @Test func bothDirectionsAtOnceWithJobs() throws {
        let server = try LoopbackServer.staticServer(root: F.openwallRoot)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "thread", "--db", db, "--jobs", "2", "--delay", "0.1", server.url("/linux-kernel/2022/07/25/3")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try F.messageIDs(db) == Set(F.thread + [F.filler7]))
    }

    @Test func inferredParentsFollowTheRealChain() throws {
        let server = try LoopbackServer.staticServer(root: F.openwallRoot)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "thread", "--db", db, server.url("/linux-kernel/2022/07/25/3")])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try F.query(db, "SELECT message_id, parent_id FROM messages")
        let parent = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
        for i in 1..<5 { #expect(parent[F.thread[i]] == F.thread[i - 1], "M\(i + 1)") }
    }

    @Test func secondFetchOfAnUnchangedThreadStoresNothingNew() throws {
        let server = try LoopbackServer.faultServer(root: F.openwallRoot)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let url = server.url("/linux-kernel/2022/07/25/6")
        let first = try CLI.run(["fetch", "thread", "--db", db, url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("6 new"))
        let stored = try F.query(db, "SELECT message_id, content_hash, fetched_at FROM messages ORDER BY message_id")
        let second = try CLI.run(["fetch", "thread", "--db", db, url])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 new, 0 updated, 6 unchanged"), "\(second.stdout)")
        #expect(try F.query(db, "SELECT message_id, content_hash, fetched_at FROM messages ORDER BY message_id") == stored)
        // The second run asked conditionally and got 304 for every page.
        let log = server.requestLog()
        #expect(log.count == 12)
        let again = log.suffix(6)
        #expect(again.allSatisfy { $0["status"] as? Int == 304 })
        #expect(again.allSatisfy { $0["if_none_match"] as? String != nil })
        // --refresh asks unconditionally.
        let third = try CLI.run(["fetch", "thread", "--db", db, "--refresh", url])
        #expect(third.status == 0)
        #expect(server.requestLog().suffix(6).allSatisfy { $0["status"] as? Int == 200 })
    }

    @Test func messageStoresOnePage() throws {
        let server = try LoopbackServer.staticServer(root: F.openwallRoot)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "message", "--db", db, server.url("/linux-kernel/2022/07/25/5")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try F.messageIDs(db) == [F.thread[3]])
    }

    @Test func pageLimitStopsTheWalk() throws {
        let server = try LoopbackServer.staticServer(root: F.openwallRoot)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "thread", "--db", db, "--max-pages", "3", server.url("/linux-kernel/2022/07/20/3")])
        #expect(r.status == 3)
        #expect(F.lastLine(r.stderr).contains("more than 3 pages"), "\(r.stderr)")
        #expect(try F.integrity(db) == "ok")
        #expect(try F.messageIDs(db).count == 3)
    }

    @Test func pagesThatAreNotArchivePagesAreBadInput() throws {
        let server = try LoopbackServer.staticServer(root: F.openwallRoot)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        // A day index is an archive page, but not a message.
        let r = try CLI.run(["fetch", "thread", "--db", db, server.url("/linux-kernel/2022/07/25/")])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(F.lastLine(r.stderr).contains(server.url("/linux-kernel/2022/07/25/")))
    }
}
