import Foundation
import Testing
import TestSupport

@Suite struct BlameCommandTests {
    func suspects(_ r: CLI.Result) throws -> [[String: Any]] {
        try #require(try jsonObject(r)["suspects"] as? [[String: Any]])
    }

    func expectSeedOrder(_ r: CLI.Result, _ label: String) throws {
        #expect(r.status == 0, "\(label): \(r.stderr)")
        let s = try suspects(r)
        #expect(s.prefix(2).compactMap { $0["header"] as? String } == ["@@ -2846,30 +2903,56 @@", "@@ -246,35 +269,52 @@"], "\(label)")
        #expect(s.prefix(2).allSatisfy { $0["file"] as? String == "mm/mmap.c" }, "\(label)")
        #expect(s.map { $0["rank"] as? Int } == Array(1...s.count).map { $0 }, "\(label)")
        for key in ["rank", "score", "messageId", "subject", "file", "header", "evidence"] {
            #expect(s.allSatisfy { $0.keys.contains(key) }, "\(label): missing \(key)")
        }
        let first = try #require(s.first?["evidence"] as? [String])
        #expect(first.contains { $0.contains("do_brk_flags to mas_store_gfp") }, "\(label): \(first)")
    }

    @Test func seedReportOnTheM5Archive() throws {
        let a = try importedArchive([Seed.m5Page])
        try expectSeedOrder(try CLI.run(["blame", Seed.m2, "--json", "--db", a.path]), "M2.eml")
        let byID = try CLI.run(["blame", Seed.m5ID, "--json", "--db", a.path])
        try expectSeedOrder(byID, "M5 Message-ID")
        let report = try #require(try jsonObject(byID)["report"] as? [String: Any])
        #expect(report["messageId"] as? String == Seed.m5ID)
        #expect((report["title"] as? String)?.contains("kernel BUG at lib/maple_tree.c:911") == true)
        let frames = try #require(report["frames"] as? [[String: Any]])
        #expect(frames.compactMap { $0["function"] as? String }.prefix(6) == ["mas_update_gap", "mas_wr_modify", "mas_wr_store_entry", "mas_store_gfp", "do_brk_flags", "sys_brk"])
        for key in ["function", "offset", "size", "file", "line"] { #expect(frames.allSatisfy { $0.keys.contains(key) }, "missing \(key)") }
        try expectSeedOrder(try CLI.run(["blame", "<\(Seed.m5ID)>", "--json", "--db", a.path]), "M5 <Message-ID>")
        // The same report pasted on stdin.
        try expectSeedOrder(try CLI.run(["blame", "-", "--json", "--db", a.path], stdin: try Paths.bytes(URL(fileURLWithPath: Seed.m2))), "stdin")
        // The lore page of M5 as a file.
        try expectSeedOrder(try CLI.run(["blame", Seed.lorePage, "--json", "--db", a.path]), "lore page file")
        // Same input, same output.
        let again = try CLI.run(["blame", Seed.m5ID, "--json", "--db", a.path])
        #expect(again.stdout == byID.stdout)
        // --limit and the text form.
        let text = try CLI.run(["blame", Seed.m2, "--limit", "2", "--db", a.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("#1  score"))
        #expect(text.stdout.contains("#2  score"))
        #expect(!text.stdout.contains("#3  score"))
        #expect(text.stdout.contains("@@ -2846,30 +2903,56 @@"))
    }

    @Test func seedReportOnTheLoreArchive() throws {
        let a = try importedArchive([Seed.lorePage])
        try expectSeedOrder(try CLI.run(["blame", Seed.m5ID, "--json", "--db", a.path]), "lore archive, M5 id")
        try expectSeedOrder(try CLI.run(["blame", Seed.m2, "--json", "--db", a.path]), "lore archive, M2.eml")
    }

    @Test func inputsWithoutAReport() throws {
        let a = try importedArchive([Seed.m5Page])
        let noReport = try CLI.run(["blame", Paths.sample("seed-thread/M1.eml").path, "--db", a.path])
        #expect(noReport.status == 1)
        #expect(noReport.stderr.contains("no bug report"))
        let unknown = try CLI.run(["blame", "nobody@example.invalid", "--db", a.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("nobody@example.invalid"))
        let url = try CLI.run(["blame", "https://lore.kernel.org/linux-mm/unknown@example.invalid/", "--db", a.path])
        #expect(url.status == 2)
        #expect(url.stderr.contains("not supported yet"))
        let stdinJunk = try CLI.run(["blame", "-", "--db", a.path], stdin: Array("just some words\n".utf8))
        #expect(stdinJunk.status == 1 || stdinJunk.status == 2)
        let noArchive = try CLI.run(["blame", Seed.m2, "--db", TempArchive().path])
        #expect(noArchive.status == 2)
        #expect(noArchive.stderr.contains("no archive"))
    }

    /// The series and the seed thread together: the v12 hunk (which the report answers)
    /// and its v14 successor (do_brk_flags gains mas_store_gfp) are both near the top.
    @Test(.enabled(if: Seed.seriesAvailable)) func mapleTreeSeriesWithTheSeedThread() throws {
        let a = try importedArchive([Seed.series.path, Seed.thread])
        let r = try CLI.run(["blame", Seed.m2, "--json", "--limit", "10", "--db", a.path])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try suspects(r)
        func rank(_ subjectPart: String, _ header: String) -> Int? {
            s.first { ($0["subject"] as? String)?.contains(subjectPart) == true && $0["header"] as? String == header }?["rank"] as? Int
        }
        let v12 = try #require(rank("v12 22/69", "@@ -2846,30 +2903,56 @@"))
        let v14 = try #require(rank("v14 22/70", "@@ -2800,30 +2857,54 @@"))
        #expect(v12 <= 3)
        // v14 01/70 adds all of lib/maple_tree.c (every trace edge and the BUG line
        // lie inside it); creating a file counts for less than changing code.
        #expect(v14 <= 3)
    }
}
