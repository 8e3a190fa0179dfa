import Foundation
import Testing
import TestSupport

/// `listarc fetch` against the fault-injecting loopback server: every fault either
/// ends in a complete fetch after retries or in exit 3 with one clear line, and the
/// archive stays consistent (a rerun then completes it).
@Suite struct FetchFaultTests {
    typealias F = FetchFixture
    static let m5 = "/linux-kernel/2022/07/25/6"
    static let quick = ["--backoff", "0.05", "--retries", "2", "--timeout", "2"]

    func fetch(_ rules: [String], db: String, start: String = m5, extra: [String] = []) throws -> (CLI.Result, LoopbackServer) {
        let server = try LoopbackServer.faultServer(root: F.openwallRoot, rules: rules)
        let r = try CLI.run(["fetch", "thread", "--db", db] + Self.quick + extra + [server.url(start)])
        return (r, server)
    }

    @Test func rateLimitAndServerErrorsAreRetried() throws {
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let (r, server) = try fetch(["/linux-kernel/2022/07/25/5=429once:1", "/linux-kernel/2022/07/23/2=500once",
                                     "/linux-kernel/2022/07/25/7=429date"], db: db)
        defer { server.stop() }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try F.messageIDs(db) == Set(F.thread + [F.filler7]))
        #expect(server.requestLog().count == 9)
        #expect(r.stderr.contains("retrying"))
    }

    @Test(arguments: [
        ("/linux-kernel/2022/07/25/5", "stall", "timed out"),
        ("/linux-kernel/2022/07/23/2", "truncate", "connection closed before the response was complete"),
        ("/linux-kernel/2022/07/25/3", "huge", "too large: Content-Length 10737418240"),
        ("/linux-kernel/2022/07/25/7", "500always", "HTTP 500"),
        ("/linux-kernel/2022/07/25/5", "redirect:http://localhost:{port}/linux-kernel/2022/07/25/5", "another host"),
        ("/linux-kernel/2022/07/25/3", "redirect:ftp://127.0.0.1/x", "only http and https"),
    ])
    func faultsEndInExit3AndAConsistentArchiveThatARerunCompletes(path: String, mode: String, problem: String) throws {
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let (r, server) = try fetch(["\(path)=\(mode)"], db: db, extra: ["--timeout", "1"])
        server.stop()
        #expect(r.status == 3, "\(mode): \(r.stderr)")
        let line = F.lastLine(r.stderr)
        #expect(line.hasPrefix("listarc: http://127.0.0.1:\(server.port)\(path)"), "\(mode): \(line)")
        #expect(line.contains(problem), "\(mode): \(line)")
        // What was stored is whole and belongs to the thread; the faulty page is not there.
        #expect(try F.integrity(db) == "ok")
        let stored = try F.messageIDs(db)
        #expect(stored.isSubset(of: Set(F.thread + [F.filler7])))
        #expect(stored.count < 6)
        // Resumed against a healthy server, the same archive ends up complete.
        let healthy = try LoopbackServer.faultServer(root: F.openwallRoot)
        defer { healthy.stop() }
        let again = try CLI.run(["fetch", "thread", "--db", db, healthy.url(Self.m5)])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try F.messageIDs(db) == Set(F.thread + [F.filler7]))
        #expect(again.stdout.contains("\(stored.count) unchanged"), "\(again.stdout)")
    }

    @Test func corruptThreadMboxFallsBackToTheThreadPageAndRawMessages() throws {
        let id = F.thread[4]
        let server = try LoopbackServer.faultServer(root: F.loreRoot, rules: ["/linux-mm/\(id)/t.mbox.gz=badgzip"])
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "thread", "--db", db] + Self.quick + [server.url("/linux-mm/\(id)/")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("falling back"))
        #expect(try F.messageIDs(db) == Set(F.thread))
        let bodies = try F.seedBodies()
        for row in try F.query(db, "SELECT message_id, body FROM messages") { #expect(bodies[row[0]] == row[1], "\(row[0])") }
    }

    @Test func corruptThreadMboxWithoutAFallbackIsExit3() throws {
        let id = F.thread[4]
        let server = try LoopbackServer.faultServer(root: F.loreRoot, rules: ["/linux-mm/\(id)/t.mbox.gz=badgzip", "/linux-mm/\(id)/T/=500always"])
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let r = try CLI.run(["fetch", "thread", "--db", db] + Self.quick + [server.url("/linux-mm/\(id)/")])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(F.lastLine(r.stderr).contains("/T/: HTTP 500"), "\(r.stderr)")
        #expect(try F.messageIDs(db).isEmpty)
    }

    @Test func gzipBombStopsEarly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-bomb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("linux-mm/a@b")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // 64 MiB of "From " lines squeezed into a few hundred KiB.
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.compress(b'From x\\n' * (8 << 20)))"]
        let out = Pipe()
        make.standardOutput = out
        try make.run()
        let bomb = out.fileHandleForReading.readDataToEndOfFile()
        #expect(bomb.count < 1 << 20)
        try bomb.write(to: dir.appendingPathComponent("t.mbox.gz"))
        let server = try LoopbackServer.faultServer(root: root)
        defer { server.stop() }
        let db = F.temporaryDB()
        defer { F.remove(db) }
        // --max-size 1 MiB: the mbox may expand to 4 MiB.
        let r = try CLI.run(["fetch", "thread", "--db", db, "--max-size", "1048576", server.url("/linux-mm/a@b/t.mbox.gz")])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(F.lastLine(r.stderr).contains("expands beyond 4194304 bytes"), "\(r.stderr)")
    }

    @Test func otherSchemesAndNonsenseAreBadInput() throws {
        let db = F.temporaryDB()
        defer { F.remove(db) }
        for target in ["ftp://127.0.0.1/x", "file:///etc/passwd", "not a message id"] {
            let r = try CLI.run(["fetch", "thread", "--db", db, target])
            #expect(r.status == 2, "\(target): \(r.stderr)")
            #expect(F.lastLine(r.stderr).contains(target), "\(target): \(r.stderr)")
            #expect(!r.stderr.contains("GET "))
        }
        let scheme = try CLI.run(["fetch", "message", "--db", db, "ftp://127.0.0.1/x"])
        #expect(F.lastLine(scheme.stderr).contains("only http and https"))
    }

    @Test func nobodyListeningIsExit3() throws {
        let db = F.temporaryDB()
        defer { F.remove(db) }
        let url = "http://127.0.0.1:\(try LoopbackServer.freePort())/linux-kernel/2022/07/25/6"
        let r = try CLI.run(["fetch", "thread", "--db", db, "--retries", "0", url])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(F.lastLine(r.stderr).hasPrefix("listarc: \(url): "), "\(r.stderr)")
    }
}
