import Foundation
import Testing
import TestSupport

/// `listarc fetch` on the public-inbox 1.9.0 pages in Samples/lore, served as static
/// files: every URL shape a user may paste.
@Suite struct FetchPublicInboxMirrorTests {
    typealias F = FetchFixture

    func run(_ args: [String], _ server: LoopbackServer) throws -> (CLI.Result, Set<String>) {
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch"] + args.map { $0.hasPrefix("/") ? server.url($0) : $0 } + ["--db", db])
        return (r, try F.messageIDs(db))
    }

    @Test func everyURLShapeOfAThread() throws {
        let server = try LoopbackServer.faultServer(root: F.loreRoot)
        defer { server.stop() }
        let id = F.thread[2]
        for path in ["/linux-mm/\(id)/", "/linux-mm/\(id)/t.mbox.gz", "/linux-mm/\(id)/raw", "/linux-mm/\(id)/T/"] {
            let (r, ids) = try run(["thread", path], server)
            #expect(r.status == 0, "\(path): \(r.stderr)")
            #expect(ids == Set(F.thread), "\(path)")
        }
    }

    @Test func oneMessageIsItsRawMail() throws {
        let server = try LoopbackServer.faultServer(root: F.loreRoot)
        defer { server.stop() }
        let id = F.thread[1]
        for path in ["/linux-mm/\(id)/", "/linux-mm/\(id)/raw"] {
            let (r, ids) = try run(["message", path], server)
            #expect(r.status == 0, "\(path): \(r.stderr)")
            #expect(ids == [id], "\(path)")
        }
        // The page URL leads to the raw mail: full headers rather than the rendering.
        #expect(server.requestLog().contains { ($0["path"] as? String) == "/linux-mm/\(id)/raw" })
    }

    @Test func fallbackFetchesRawMessagesInParallelWithJobs() throws {
        let id = F.thread[0]
        let server = try LoopbackServer.faultServer(root: F.loreRoot, rules: ["/linux-mm/\(id)/t.mbox.gz=404"])
        defer { server.stop() }
        let (r, ids) = try run(["thread", "--jobs", "3", "/linux-mm/\(id)/"], server)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ids == Set(F.thread))
        let raws = server.requestLog().filter { ($0["path"] as? String)?.hasSuffix("/raw") == true }
        #expect(raws.count == 5)
    }
}
