import Foundation
import GRDB
import ListArcCore
import Testing
@testable import ListArcStore

@Suite struct FingerprintStoreTests {
    @Test func ingestStoresEachHunksFingerprint() throws {
        let t = try TestArchive()
        let analysed = Mails.withDiff(id: "fp@x")
        _ = try t.archive.ingest([analysed])
        let stored = try t.archive.read { db in try Int64.fetchAll(db, sql: "SELECT fingerprint FROM hunks ORDER BY position") }
        let file = try #require(analysed.diffs.first?.files.first)
        #expect(stored == file.hunks.map { HunkFingerprint(file: file, hunk: $0).value })
        #expect(Set(stored).count == 2)
    }

    /// An archive written before fingerprints existed: the v2 migration rebuilds the
    /// hunks table without losing a row or a hunk↔function link, and fills the column.
    @Test func versionOneArchiveMigrates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("archive.sqlite").path
        let posted = " int a;\n-int b;\n+int b = 1;"
        let quoted = " int a;  \n-int b;\t\n+int b = 1;"   // a reply's copy: trailing blanks lost or added
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                for (id, depth, date, text) in [(Int64(1), 0, Int64(1_658_000_000), posted), (2, 1, 1_658_100_000, quoted)] {
                    try LegacyRows.insertPatch(db, id: id, messageID: "m\(id)@x", date: date, depth: depth, text: text)
                }
            }
        }
        let archive = try Archive(path: path)
        let (rows, links, problems, indexes) = try archive.read { db in
            (try Row.fetchAll(db, sql: "SELECT id, fingerprint, text FROM hunks ORDER BY id"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM hunk_functions") ?? 0,
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hunks'"))
        }
        #expect(rows.map { $0["id"] as Int64 } == [10, 20])
        #expect(rows.map { $0["text"] as String } == [posted, quoted])
        let expected = HunkFingerprint(path: "x.c", header: "@@ -1,2 +1,2 @@", text: posted).value
        #expect(rows.map { $0["fingerprint"] as Int64 } == [expected, expected])
        #expect(links == 2)
        #expect(problems == 0)
        #expect(indexes.contains("hunks_file"))
        let hits = try archive.searchFunction(FunctionQuery(name: "f"))
        #expect(hits.count == 1)
        #expect(hits.first?.messageID == "m1@x")
        #expect(hits.first?.count == 2)
        // Opening again runs nothing twice.
        _ = try Archive(path: path)
        #expect(try archive.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM hunks") } == 2)
    }
}
