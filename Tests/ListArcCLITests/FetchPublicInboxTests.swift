import Foundation
import Testing
import TestSupport

/// `listarc fetch` against Debian's public-inbox-httpd serving an inbox made from
/// Samples/seed-thread/thread.mbox (Tests/Servers/public-inbox.sh).
@Suite(.serialized) struct FetchPublicInboxTests {
    typealias F = FetchFixture

    static var publicInboxInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/public-inbox-httpd")
    }

    @Test(.enabled(if: publicInboxInstalled, "needs Debian's public-inbox"))
    func threadByPageURLAndByMessageIDStoresTheFiveMessagesWithTheirBodies() throws {
        let server = try LoopbackServer.publicInbox(mbox: Paths.sample("seed-thread/thread.mbox"))
        defer { server.stop() }
        let bodies = try F.seedBodies()
        #expect(bodies.count == 5)

        func check(_ args: [String], _ what: String) throws {
            let db = F.temporaryDB()
            defer { F.remove(db) }
            let r = try CLI.run(["fetch", "thread", "--db", db] + args)
            #expect(r.status == 0, "\(what): \(r.stderr)")
            #expect(try F.messageIDs(db) == Set(F.thread), "\(what)")
            let stored = try F.query(db, "SELECT message_id, body FROM messages")
            for row in stored { #expect(bodies[row[0]] == row[1], "\(what): body of \(row[0])") }
        }
        // By the page of M2, by its /T/ page, and by Message-IDs (with and without <>).
        try check([server.url("/linux-mm/\(F.thread[1])/")], "page URL")
        try check([server.url("/linux-mm/\(F.thread[4])/T/#u")], "thread page URL")
        try check(["--lore-base", server.url("/linux-mm/"), F.thread[2]], "Message-ID")
        try check(["--lore-base", server.url("/linux-mm"), "<\(F.thread[0])>"], "<Message-ID>")

        // One message by Message-ID: the raw mail.
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "message", "--db", db, "--lore-base", server.url("/linux-mm/"), F.thread[3]])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try F.messageIDs(db) == [F.thread[3]])
        #expect(try F.query(db, "SELECT body FROM messages").first?.first == bodies[F.thread[3]])
        // Already archived: not fetched again.
        let again = try CLI.run(["fetch", "message", "--db", db, "--lore-base", server.url("/linux-mm/"), F.thread[3]])
        #expect(again.status == 0)
        #expect(!again.stderr.contains("GET "), "\(again.stderr)")
        // A Message-ID the inbox does not have.
        let missing = try CLI.run(["fetch", "thread", "--db", db, "--lore-base", server.url("/linux-mm/"), "nobody@example.invalid"])
        #expect(missing.status == 3)
        #expect(F.lastLine(missing.stderr).contains("<nobody@example.invalid> not found"), "\(missing.stderr)")
    }
}
