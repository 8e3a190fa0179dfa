import Foundation
import GRDB
import Testing
@testable import ListArcStore

@Suite struct SchemaTests {
    @Test func createsEveryTableInWALMode() throws {
        let t = try TestArchive()
        let (tables, mode) = try t.archive.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        for name in ["lists", "messages", "sources", "embedded", "diffs", "files", "hunks", "hunk_functions", "function_hunks", "hunk_labels", "reports",
                     "report_frames", "http_cache", "messages_fts", "mentions"] {
            #expect(tables.contains(name), "missing table \(name)")
        }
        #expect(mode == "wal")
        #expect(FileManager.default.fileExists(atPath: t.path))
    }

    @Test func reopeningKeepsDataAndMigratesNothingTwice() throws {
        let t = try TestArchive()
        _ = try t.archive.ingest([Mails.analysed(Mails.message(id: "a@x"))])
        let again = try Archive(path: t.path)
        #expect(try again.statistics().messages == 1)
        let migrations = try again.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1", "v2 hunk fingerprints", "v3 function hunks", "v4 hunk labels", "v5 full-text merges"])
    }

    @Test func missingArchiveIsAnErrorWhenNotCreating() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-none-\(UUID().uuidString).sqlite").path
        #expect(throws: (any Error).self) { try Archive(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func notAnArchiveIsAnInputError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-junk-\(UUID().uuidString).sqlite").path
        try Data("this is not sqlite, just text that goes on for a while........................................".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try Archive(path: path) }
    }

    @Test func httpValidatorsRoundTrip() throws {
        let t = try TestArchive()
        #expect(try t.archive.validators(for: "https://x/a") == nil)
        try t.archive.storeValidators(HTTPValidators(etag: "\"e1\"", lastModified: "Mon, 25 Jul 2022 18:49:40 GMT", contentType: "text/html",
                                                     body: Array("<html>".utf8), fetchedAt: Date(timeIntervalSince1970: 1000)), for: "https://x/a")
        try t.archive.storeValidators(HTTPValidators(etag: "\"e2\"", lastModified: nil, fetchedAt: Date(timeIntervalSince1970: 2000)), for: "https://x/a")
        let v = try #require(try t.archive.validators(for: "https://x/a"))
        #expect(v.etag == "\"e2\"")
        #expect(v.lastModified == nil)
        #expect(v.body == nil)
        #expect(v.fetchedAt == Date(timeIntervalSince1970: 2000))
        #expect(try t.count("http_cache") == 1)
    }
}
