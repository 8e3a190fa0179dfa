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

    @Test(arguments: ["404", "500always"])
    func fallbackFetchesRawMessagesInParallelWithJobs(mboxFault: String) throws {
        let id = F.thread[0]
        let server = try LoopbackServer.faultServer(root: F.loreRoot, rules: ["/linux-mm/\(id)/t.mbox.gz=\(mboxFault)"])
        defer { server.stop() }
        let (r, ids) = try run(["thread", "--jobs", "3", "--backoff", "0.05", "/linux-mm/\(id)/"], server)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ids == Set(F.thread))
        let raws = server.requestLog().filter { ($0["path"] as? String)?.hasSuffix("/raw") == true }
        #expect(raws.count == 5)
    }
}

/// t.mbox.gz may carry loose same-subject matches: dropped unless --loose.
@Suite struct FetchLooseTests {
    typealias F = FetchFixture

    @Test func looseMatchesAreKeptOnlyWithLoose() throws {
        let id = F.thread[4]
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-loose-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("linux-mm/\(id)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let loose = """
            From mboxrd@z Thu Jan  1 00:00:00 1970
            Message-ID: <loose-match@example.invalid>
            From: Someone Else <someone@example.invalid>
            Subject: Re: [PATCH v12 22/69] mm/mmap: change do_brk_flags() to expand existing VMA and add do_brk_munmap()
            Date: Tue, 26 Jul 2022 10:00:00 +0000

            Same subject, no In-Reply-To or References.

            """
        var mbox = try Paths.bytes(Paths.sample("seed-thread/thread.mbox"))
        mbox += Array(loose.utf8)
        let plain = dir.appendingPathComponent("t.mbox")
        try Data(mbox).write(to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-n", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("t.mbox.gz").path))

        let server = try LoopbackServer.faultServer(root: root)
        defer { server.stop() }
        for (flags, expected) in [([String](), Set(F.thread)), (["--loose"], Set(F.thread + ["loose-match@example.invalid"]))] {
            let db = F.temporaryDB()
            defer { F.remove(db) }
            let r = try CLI.run(["fetch", "thread", "--db", db] + flags + [server.url("/linux-mm/\(id)/t.mbox.gz")])
            #expect(r.status == 0, "\(flags): \(r.stderr)")
            #expect(try F.messageIDs(db) == expected, "\(flags)")
        }
    }
}

/// Fetching the same thread from both sites: the raw copies from public-inbox
/// replace the openwall renderings (obfuscated addresses, no threading headers),
/// and fetching openwall again does not bring the renderings back.
@Suite struct FetchBothSitesTests {
    typealias F = FetchFixture

    @Test func rawCopiesUpgradeOpenwallPagesAndStay() throws {
        let openwall = try LoopbackServer.faultServer(root: F.openwallRoot)
        defer { openwall.stop() }
        let lore = try LoopbackServer.faultServer(root: F.loreRoot)
        defer { lore.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let page = openwall.url("/linux-kernel/2022/07/25/6")
        let first = try CLI.run(["fetch", "thread", "--db", db, page])
        #expect(first.stdout.contains("6 new"), "\(first.stderr)")
        let second = try CLI.run(["fetch", "thread", "--db", db, lore.url("/linux-mm/\(F.thread[0])/")])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 new, 5 updated"), "\(second.stdout)")
        let third = try CLI.run(["fetch", "thread", "--db", db, page])
        #expect(third.stdout.contains("0 new, 0 updated, 6 unchanged"), "\(third.stdout)")
        let origins = try F.query(db, "SELECT message_id, origin FROM messages")
        for row in origins { #expect(row[1] == (row[0] == F.filler7 ? "openwallPage" : "rawMail"), "\(row)") }
    }
}
