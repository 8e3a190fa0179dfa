import Foundation
import GRDB
import ListArcCore
import ListArcSources
import Testing
import TestSupport
@testable import ListArcStore

@Suite struct FunctionHunksStoreTests {
    /// `function_hunks` as the tables it summarises say it should be.
    static func derived(_ archive: Archive) throws -> [Row] {
        try archive.read { db in
            try Row.fetchAll(db, sql: """
                SELECT hf.function, hf.hunk, \(Schema.strength("hf.relation")) AS relation, h.fingerprint, d.depth, m.date, m.id AS message,
                       f.id AS file, m.list
                FROM hunk_functions hf JOIN hunks h ON h.id = hf.hunk JOIN files f ON f.id = h.file
                JOIN diffs d ON d.id = f.diff JOIN messages m ON m.id = d.message
                ORDER BY 1, 2, 3
                """)
        }
    }

    /// `hunk_labels` as the tables it summarises say it should be: one row per linked hunk.
    static func derivedLabels(_ archive: Archive) throws -> [Row] {
        try archive.read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.id AS hunk, m.message_id, m.subject, m.date_text, f.old_path, f.new_path, h.header, h.section
                FROM hunks h JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff JOIN messages m ON m.id = d.message
                WHERE h.id IN (SELECT hunk FROM hunk_functions)
                ORDER BY 1
                """)
        }
    }

    static func storedLabels(_ archive: Archive) throws -> [Row] {
        try archive.read { db in
            try Row.fetchAll(db, sql: "SELECT hunk, message_id, subject, date_text, old_path, new_path, header, section FROM hunk_labels ORDER BY 1")
        }
    }

    static func stored(_ archive: Archive) throws -> [Row] {
        try archive.read { db in
            try Row.fetchAll(db, sql: """
                SELECT function, hunk, relation, fingerprint, depth, date, message, file, list FROM function_hunks ORDER BY 1, 2, 3
                """)
        }
    }

    @Test func ingestFillsOneRowPerLink() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [Paths.sample("seed-thread/thread.mbox"), m5Page])
        let stored = try Self.stored(t.archive)
        #expect(stored.count == (try t.count("hunk_functions")))
        #expect(stored.count > 100)
        #expect(stored == (try Self.derived(t.archive)))
        #expect(Set(stored.map { $0["depth"] as Int }) == [0, 1, 2, 3, 4])
        let labels = try Self.storedLabels(t.archive)
        #expect(labels.count == Set(stored.map { $0["hunk"] as Int64 }).count)
        #expect(labels == (try Self.derivedLabels(t.archive)))
    }

    /// A better copy (here: a newer parser) replaces a message's analysis: the links of
    /// the old hunks go with them, the new ones come in.
    @Test func replacedMessageLeavesNoStaleRows() throws {
        let t = try TestArchive()
        let page = try InputReader.messages(in: try Paths.bytes(m5Page), name: m5Page.path, url: nil).map(Analyser.analyse)
        _ = try t.archive.ingest(page)
        _ = try t.archive.ingest([Mails.withDiff(id: "later@x")])   // the replacement's hunks get new ids
        let before = try Self.stored(t.archive)
        let summary = try t.archive.ingest(page, parserVersion: Archive.parserVersion + 1)
        #expect(summary.updated == 1)
        let after = try Self.stored(t.archive)
        #expect(after.count == before.count)
        #expect(after == (try Self.derived(t.archive)))
        #expect(try Self.storedLabels(t.archive) == (try Self.derivedLabels(t.archive)))
        let later = try t.archive.read { db in
            try Int64.fetchSet(db, sql: """
                SELECT h.id FROM hunks h JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff JOIN messages m ON m.id = d.message
                WHERE m.message_id = 'later@x'
                """)
        }
        let replaced = Set(before.map { $0["hunk"] as Int64 }).subtracting(later)
        #expect(!replaced.isEmpty)
        #expect(replaced.isDisjoint(with: after.map { $0["hunk"] as Int64 }))
        #expect(try t.archive.searchFunction(FunctionQuery(name: "do_brk_flags")).count == 6)
    }

    /// An archive written before `function_hunks` existed: the v3 migration fills it
    /// from the stored rows, v4 splits its strings out to `hunk_labels`, and search
    /// groups, ranks and filters as before.
    @Test func versionTwoArchiveMigrates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-v2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("archive.sqlite").path
        let text = " int a;\n-int b;\n+int b = 1;"
        let print = HunkFingerprint(path: "x.c", header: "@@ -1,2 +1,2 @@", text: text).value
        // Message 1 quotes the patch (depth 1); 2 and 3 post it at the same date (2's
        // Message-ID sorts after 3's: the first Message-ID decides); 4 is another hunk.
        let copies: [(id: Int64, messageID: String, depth: Int, date: Int64, print: Int64, relation: String)] = [
            (1, "a-quote@x", 1, 1_658_000_000, print, "modifies"),
            (2, "m9@x", 0, 1_658_100_000, print, "calls"),
            (3, "m1@x", 0, 1_658_100_000, print, "mentions"),
            (4, "other@x", 0, 1_659_000_000, print + 1, "mentions"),
        ]
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v2 hunk fingerprints")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO lists (id, name, host) VALUES (7, 'linux-mm', 'lore.kernel.org')")
                for c in copies {
                    try LegacyRows.insertPatch(db, id: c.id, messageID: c.messageID, subject: "PATCH \(c.id)", list: 7, date: c.date,
                                               dateText: "then", depth: c.depth, text: text, fingerprint: c.print, relation: c.relation)
                }
            }
        }
        let archive = try Archive(path: path)
        let stored = try Self.stored(archive)
        #expect(stored.count == 4)
        #expect(stored == (try Self.derived(archive)))
        #expect(stored.map { $0["relation"] as Int } == [3, 2, 1, 1])
        #expect(stored.map { $0["list"] as Int64? } == [7, 7, 7, 7])
        // v4 moved the strings of the hits to one row per hunk.
        #expect(try Self.storedLabels(archive) == (try Self.derivedLabels(archive)))
        #expect(try Self.storedLabels(archive).map { $0["subject"] as String } == ["PATCH 1", "PATCH 2", "PATCH 3", "PATCH 4"])

        let hits = try archive.searchFunction(FunctionQuery(name: "f"))
        #expect(hits.map(\.messageID) == ["other@x", "m1@x"])
        #expect(hits.map(\.count) == [1, 3])
        #expect(hits.map(\.relation) == [.mentions, .modifies])
        #expect(hits.last?.depth == 0)
        #expect(hits.last?.subject == "PATCH 3")
        #expect(hits.last?.file == "x.c")
        #expect(hits.last?.section == "int f(void)")
        #expect(try archive.searchFunction(FunctionQuery(name: "f", relation: .calls)).map(\.messageID) == ["m9@x"])
        #expect(try archive.searchFunction(FunctionQuery(name: "f", since: 1_658_050_000)).map(\.count) == [1, 2])
        #expect(try archive.searchFunction(FunctionQuery(name: "f", list: "lore.kernel.org/linux-mm")).count == 2)
        #expect(try archive.searchFunction(FunctionQuery(name: "f", list: "netdev")).isEmpty)
        #expect(try archive.searchFunction(FunctionQuery(name: "f", file: "b/x.c")).count == 2)
        #expect(try archive.searchFunction(FunctionQuery(name: "f", file: "y.c")).isEmpty)
        // With a limit (integers scanned, strings looked up by hunk) the tie between m9
        // and m1 goes the same way.
        let first = try archive.searchFunctionCounting(FunctionQuery(name: "f", limit: 1))
        #expect(first.hits == Array(hits.prefix(1)))
        #expect(first.total == 2)
        let limited = try archive.searchFunctionCounting(FunctionQuery(name: "f", limit: 5))
        #expect(limited.hits == hits)
        #expect(limited.total == 2)
        #expect(try archive.searchFunction(FunctionQuery(name: "f", since: 1_658_050_000, limit: 1)).map(\.messageID) == ["other@x"])
        #expect(try archive.searchFunction(FunctionQuery(name: "f", file: "b/x.c", limit: 1)).map(\.messageID) == ["other@x"])
        // Opening again runs nothing twice.
        _ = try Archive(path: path)
        #expect(try Self.stored(archive).count == 4)
    }

    /// The newest N hits, whichever way the strings are read, are the first N of all the
    /// hits, and the total counts them all: for every name in an archive of the seed
    /// thread and the M5 page, with and without filters.
    @Test func limitedSearchIsThePrefixOfTheFullOne() throws {
        let t = try TestArchive()
        try importFiles(t.archive, [Paths.sample("seed-thread/thread.mbox"), m5Page])
        let names = try t.archive.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT function FROM function_hunks ORDER BY 1") }
        #expect(names.count > 20)
        var cut = 0
        for name in names {
            for query in [FunctionQuery(name: name), FunctionQuery(name: name, relation: .modifies), FunctionQuery(name: name, since: 1_658_300_000)] {
                let all = try t.archive.searchFunction(query)
                for limit in [1, 2, 3, 50, 5_000] {
                    var limited = query
                    limited.limit = limit
                    let found = try t.archive.searchFunctionCounting(limited)
                    #expect(found.hits == Array(all.prefix(limit)), "\(name) limit \(limit)")
                    #expect(found.total == all.count, "\(name) limit \(limit)")
                    if found.hits.count < found.total { cut += 1 }
                }
            }
        }
        #expect(cut > 10)
        let brk = try t.archive.searchFunctionCounting(FunctionQuery(name: "do_brk_flags", limit: 2))
        #expect(brk.hits.count == 2)
        #expect(brk.total == 6)
    }
}
