import Foundation
import Testing
import TestSupport

@Suite struct StatsTests {
    @Test func jsonHasEveryKeyAndCountsTheArchive() throws {
        let a = TempArchive()
        let empty = try a.stats()
        #expect(Set(empty.keys) == ["lists", "messages", "threads", "diffs", "hunks", "reports"])
        #expect(empty.values.allSatisfy { $0 == 0 })
        #expect(!FileManager.default.fileExists(atPath: a.path), "stats must not create an archive")

        #expect(try CLI.run(["import", "--db", a.path, Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07").path]).status == 0)
        let s = try a.stats()
        #expect(s["messages"] == 12)
        #expect(s["threads"] == 7)
        #expect(s["lists"] == 1)
        #expect(s["hunks"] ?? 0 >= s["diffs"] ?? 0)
    }

    @Test func textOutputNamesEachCount() throws {
        let a = TempArchive()
        #expect(try CLI.run(["import", "--db", a.path, Paths.sample("seed-thread/thread.mbox").path]).status == 0)
        let r = try CLI.run(["stats", "--db", a.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("messages  5"))
        #expect(r.stdout.contains("threads   1"))
    }

    @Test func environmentVariableNamesTheArchive() throws {
        let a = TempArchive()
        #expect(try CLI.run(["import", Paths.sample("seed-thread/M1.eml").path], environment: ["LISTARC_DB": a.path]).status == 0)
        #expect(try a.stats()["messages"] == 1)
    }
}
