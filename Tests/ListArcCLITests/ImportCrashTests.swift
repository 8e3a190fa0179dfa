import Foundation
import Testing
import TestSupport

/// kill -9 at random points, rerun: the archive is sound and complete. Two imports
/// at once on one archive both succeed.
@Suite(.serialized) struct ImportCrashTests {
    func launchImport(_ archive: TempArchive, _ input: String) throws -> Process {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["import", "--db", archive.path, "--batch-size", "50", input]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test(.enabled(if: Corpus.available)) func killedImportsLeaveASoundArchiveAndARerunCompletesIt() throws {
        // A clean import first: its duration spreads the kill points over the whole run.
        let clean = TempArchive()
        let started = Date()
        #expect(try CLI.run(["import", "--db", clean.path, Corpus.kernelPatches.path]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let expected = try clean.stats()["messages"]
        #expect(expected == Corpus.messageCount)

        let crashed = TempArchive()
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        for _ in 0..<4 {
            let p = try launchImport(crashed, Corpus.kernelPatches.path)
            usleep(useconds_t(Double.random(in: 0.05...0.9, using: &generator) * duration * 1_000_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killedMidway += 1 }
            p.waitUntilExit()
            if FileManager.default.fileExists(atPath: crashed.path) {
                #expect(try crashed.sql("PRAGMA integrity_check") == "ok")
            }
        }
        let rerun = try CLI.run(["import", "--db", crashed.path, Corpus.kernelPatches.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try crashed.sql("PRAGMA integrity_check") == "ok")
        #expect(try crashed.stats()["messages"] == expected)
        #expect(try crashed.stats() == clean.stats())
        #expect(try crashed.sql("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'kernel'") ==
                clean.sql("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'kernel'"))
        #expect(killedMidway > 0, "every import finished before its kill point")
    }

    @Test func twoConcurrentImportsBothSucceed() throws {
        let a = TempArchive()
        let inputs = [Paths.sample("openwall/lists.openwall.net").path,
                      Corpus.available ? Corpus.kernelPatches.path : Paths.sample("seed-thread/thread.mbox").path]
        let processes = try inputs.map { try launchImport(a, $0) }
        for p in processes { p.waitUntilExit() }
        // Index pages in the openwall folder are rejected (reported, exit 0).
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(try a.sql("PRAGMA integrity_check") == "ok")
        let expected = 12 + (Corpus.available ? Corpus.messageCount : 0)
        // Without the corpus, thread.mbox's M1..M5 are already among the 12 (same Message-IDs).
        #expect(try a.stats()["messages"] == expected)
    }
}
