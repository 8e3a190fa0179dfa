import Foundation
import GRDB
import ListArcCore
import ListArcSources
import Testing
import TestSupport
@testable import ListArcStore

/// Imports files in-process, as `listarc import` does.
func importFiles(_ archive: Archive, _ urls: [URL]) throws {
    for url in urls {
        let messages = try InputReader.messages(in: try Paths.bytes(url), name: url.path, url: nil)
        _ = try archive.ingest(messages.map(Analyser.analyse))
    }
}

let m5Page = Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/25/6")
let m5ID = "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com"
let m1ID = "20220720021727.17018-23-Liam.Howlett@oracle.com"

@Suite struct FunctionSearchStoreTests {
    @Test func doBrkFlagsOnTheM5Page() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [m5Page])
        let hits = try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags"))
        let byHeader = Dictionary(hits.map { ($0.header, $0.relation) }, uniquingKeysWith: { a, _ in a })
        for h in ["@@ -2805,38 +2845,55 @@", "@@ -2846,30 +2903,56 @@", "@@ -2880,18 +2963,29 @@"] {
            #expect(byHeader[h] == .modifies, "\(h)")
        }
        for h in ["@@ -194,17 +194,40 @@", "@@ -246,35 +269,52 @@", "@@ -2902,13 +2996,38 @@"] {
            #expect(byHeader[h] == .calls || byHeader[h] == .mentions, "\(h)")
        }
        #expect(hits.count == 6)
        #expect(hits.allSatisfy { $0.messageID == m5ID && $0.file == "mm/mmap.c" && $0.depth == 4 && $0.count == 1 })
        // Same file order within one message: by new start line.
        #expect(hits.map(\.header).first == "@@ -194,17 +194,40 @@")

        let modifies = try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags", relation: .modifies))
        #expect(Set(modifies.map(\.header)) == ["@@ -2805,38 +2845,55 @@", "@@ -2846,30 +2903,56 @@", "@@ -2880,18 +2963,29 @@"])
        #expect(try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags", file: "mm/other.c")).isEmpty)
        #expect(try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags", file: "b/mm/mmap.c")).count == 6)
        #expect(try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags", since: 1_700_000_000)).isEmpty)
        #expect(try t.archive.searchFunction(FunctionQuery(name: "no_such_function")).isEmpty)
    }

    @Test func syscallMacroFormFindsTheSyscall() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [m5Page])
        let plain = try t.archive.searchFunction(FunctionQuery(name: "sys_brk", relation: .modifies))
        #expect(plain.map(\.header).contains("@@ -246,35 +269,52 @@"))
        for typed in ["SYSCALL_DEFINE1(brk", "SYSCALL_DEFINE1(brk, unsigned long, brk)", "SYSCALL_DEFINE1(brk)"] {
            let hits = try t.archive.searchFunction(FunctionQuery(name: typed, relation: .modifies))
            #expect(hits.map(\.header) == plain.map(\.header), "\(typed)")
            #expect(hits.allSatisfy { $0.count == 1 }, "a hunk stored under both names counts once")
        }
    }

    @Test func quotedCopiesGroupUnderThePosting() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [Paths.sample("seed-thread/thread.mbox"), m5Page])
        let hits = try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags"))
        #expect(hits.count == 6)
        // M1 posts the patch; M2..M5 quote it at depths 1..4 (the M5 page is the same message as M5).
        #expect(hits.allSatisfy { $0.messageID == m1ID && $0.depth == 0 && $0.count == 5 }, "\(hits.map { ($0.messageID, $0.count) })")
    }

    @Test func reimportDoesNotDuplicateFunctions() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [m5Page])
        let before = try t.count("hunk_functions")
        #expect(before > 0)
        try importFiles(t.archive, [m5Page])
        #expect(try t.count("hunk_functions") == before)
    }
}

@Suite struct MessageSearchStoreTests {
    let now = Date(timeIntervalSince1970: 1_659_312_000)

    func ids(_ archive: Archive, _ q: String) throws -> [String] {
        try archive.search(try QueryParser.parse(q, now: now)).map(\.messageID)
    }

    @Test func prefixesSearchTheirFields() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [Paths.sample("seed-thread/thread.mbox")])
        let all = try ids(t.archive, "do_brk_flags")
        #expect(all.count == 5)
        // Newest first.
        #expect(all.first == m5ID)
        #expect(all.last == m1ID)
        #expect(try ids(t.archive, "fn:do_brk_flags").count == 5)
        #expect(try ids(t.archive, "s:\"change do_brk_flags\"").count == 5)
        #expect(try ids(t.archive, "s:\"do_brk_flags change\"").isEmpty, "a phrase keeps its word order")
        #expect(try ids(t.archive, "mid:<\(m1ID)>") == [m1ID])
        #expect(try ids(t.archive, "m:\(m1ID)") == [m1ID])
        #expect(try ids(t.archive, "f:Osipenko").count == 2)
        #expect(try ids(t.archive, "f:Osipenko NOT s:xyzzy").count == 2)
        #expect(try ids(t.archive, "f:Osipenko -b:graphics").isEmpty)
        #expect(try ids(t.archive, "f:Osipenko OR f:Howlett").count == 5)
        #expect(try ids(t.archive, "d:2022-07-20..2022-07-23").count == 2)
        #expect(try ids(t.archive, "d:2022-07-25").count == 3)
        #expect(try ids(t.archive, "d:..2022-07-20") == [m1ID])
        #expect(try ids(t.archive, "dfn:mm/mmap.c").count == 5)
        #expect(try ids(t.archive, "dfn:kernel/fork.c").isEmpty)
        #expect(try ids(t.archive, "dfhh:remap_file_pages").count == 5)
        #expect(try ids(t.archive, "dfa:do_brk_munmap").count == 5)
        let removedVMA = try ids(t.archive, "dfb:vma")
        #expect(removedVMA.count == 5)
        #expect(try ids(t.archive, "dfb:do_brk_munmap").isEmpty, "do_brk_munmap is only added")
        #expect(try ids(t.archive, "dfa:xyzzy_never").isEmpty)
        #expect(try ids(t.archive, "do_brk*").count == 5)
    }

    /// User text can neither break the FTS5 query nor change its meaning.
    @Test func hostileTextIsSearchedAsWords() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [Paths.sample("seed-thread/thread.mbox")])
        let hostile = ["\"", "*", "NEAR(", "NEAR(a b)", "AND OR", "col:x", "subject:maple", "'; DROP TABLE messages; --", "a\"b",
                       "^start", "s:\"", "b:*", "(((", ")))", "\"\"\"\"", "-", "- -", "{subject}:x", "x OR", "NOT NOT", "\u{0}", "b:NEAR(x",
                       "\n1\u{0}", "maple\u{0}\"x", "s:a\u{0}b",
                       "a\u{0}\u{0610}b", "\u{0}\u{0301}x\u{0}",
                       "x\"\u{0301} OR y", "b:\"\u{06DB}NEAR(a b)\"\u{0301}"]
        for q in hostile {
            do {
                _ = try t.archive.search(try QueryParser.parse(q, now: now))
            } catch let e as InputError {
                #expect(e.problem.contains("nothing to search"), "\(q): \(e)")
            } catch {
                Issue.record("\(q) raised \(error)")
            }
        }
        #expect(try t.count("messages") == 5)
        // `subject:maple` is one phrase "subject maple", not a column filter on subject.
        #expect(try ids(t.archive, "subject:maple").isEmpty)
        #expect(try !ids(t.archive, "maple").isEmpty)
        // `NEAR(` and `AND` are words, not operators: no message says "near".
        #expect(try ids(t.archive, "NEAR(do_brk_flags vma)").isEmpty)
        // A quote followed by a combining mark is one Character but still a quote to
        // FTS5: inside a term it must be doubled, or it closes the phrase and lets
        // `OR maple` through as syntax.
        let term = QueryTerm(field: .text, value: "zzz\"\u{0301} OR maple OR \"\u{0301}")
        let match = try #require(FTSMatch.string(for: term))
        #expect(match == "{subject body} : \"zzz\"\"\u{0301} OR maple OR \"\"\u{0301}\"")
        let hits = try t.archive.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?", arguments: [match])
        }
        #expect(hits == 0)
    }
}

@Suite struct BlameCandidateStoreTests {
    @Test func seedReportRanksTheMasStoreGfpHunkFirst() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [m5Page])
        let m2 = try InputReader.messages(in: try Paths.bytes(Paths.sample("seed-thread/M2.eml")), name: "M2.eml")
        let analysed = try #require(m2.first.map(Analyser.analyse))
        let report = try #require(analysed.reports.max { $0.frames.count < $1.frames.count })
        let candidates = try t.archive.blameCandidates(for: report, from: ReportSource(messageID: analysed.message.messageID,
                                                                                       references: analysed.message.references))
        #expect(candidates.count >= 5)
        let suspects = BlameRanker.rank(report, candidates: candidates)
        #expect(suspects.prefix(2).map(\.header) == ["@@ -2846,30 +2903,56 @@", "@@ -246,35 +269,52 @@"])
        #expect(suspects.first?.file == "mm/mmap.c")
    }
}
