import Foundation
import GRDB
import ListArcCore
import Testing
@testable import ListArcStore

@Suite struct IngestTests {
    @Test func sameBatchTwiceChangesNothing() throws {
        let t = try TestArchive()
        let batch = [Mails.withDiff(id: "p1@x"), Mails.analysed(Mails.message(id: "r1@x", subject: "Re: [PATCH] fix it", inReplyTo: "p1@x"))]
        let first = try t.archive.ingest(batch)
        #expect(first == IngestSummary(new: 2))
        let before = try t.counts()
        let second = try t.archive.ingest(batch)
        #expect(second == IngestSummary(unchanged: 2))
        #expect(try t.counts() == before)
        #expect(before["hunks"] == 2)
        #expect(before["report_frames"] == 2)
    }

    @Test func storesDiffRowsAndReports() throws {
        let t = try TestArchive()
        _ = try t.archive.ingest([Mails.withDiff(id: "p1@x")])
        let rows = try t.archive.read { db in
            try Row.fetchAll(db, sql: "SELECT header, old_start, old_count, new_start, new_count, section, text FROM hunks ORDER BY position")
        }
        #expect(rows.count == 2)
        #expect(rows.first?["header"] == "@@ -1,2 +1,2 @@")
        #expect(rows.first?["section"] == "int f(void)")
        #expect(rows.first?["text"] == " a\n-b\n+c")
        #expect(rows.last?["header"] == "@@ -10 +10 @@")
        let repairs = try t.archive.read { db in try String.fetchOne(db, sql: "SELECT repairs FROM diffs") }
        #expect(repairs == "hunkRecounted")
        let stats = try t.archive.statistics()
        #expect(stats == ArchiveStatistics(lists: 0, messages: 1, threads: 1, diffs: 1, hunks: 2, reports: 1))
    }

    @Test func betterCopyUpgradesTheStoredOne() throws {
        let t = try TestArchive()
        let page = Mails.message(id: "m5@gmail.com", from: "Dmitry <digetx@...il.com>", body: "mail digetx@...il.com\n", origin: .openwallPage,
                                 obfuscated: true, url: "https://lists.openwall.net/linux-kernel/2022/07/25/6")
        let raw = Mails.message(id: "m5@gmail.com", from: "Dmitry <digetx@gmail.com>", body: "mail digetx@gmail.com\n", origin: .rawMail,
                                url: "https://lore.kernel.org/linux-mm/m5@gmail.com/raw")
        #expect(try t.archive.ingest([Mails.analysed(page)]).new == 1)
        #expect(try t.archive.ingest([Mails.analysed(raw)]).updated == 1)
        let row = try t.archive.read { db in try Row.fetchOne(db, sql: "SELECT origin, addresses_obfuscated, author, body FROM messages") }
        #expect(row?["origin"] == "rawMail")
        #expect(row?["addresses_obfuscated"] == false)
        #expect(row?["author"] == "Dmitry <digetx@gmail.com>")
        // The worse copy again does not downgrade it; both sources are remembered.
        #expect(try t.archive.ingest([Mails.analysed(page)]).unchanged == 1)
        #expect(try t.archive.read { db in try String.fetchOne(db, sql: "SELECT origin FROM messages") } == "rawMail")
        #expect(try t.count("sources") == 2)
        #expect(try t.archive.hasSource(url: "https://lists.openwall.net/linux-kernel/2022/07/25/6"))
        // The full-text index follows the upgrade: the new text is found, the old is gone.
        let hits = try t.archive.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH '\"gmail\"'"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH '\"il.com\"'"))
        }
        #expect(hits.0 == 1)
        #expect(hits.1 == 0)
        #expect(try t.archive.integrityCheck() == "ok")
    }

    /// The page and the raw mail in one batch: the full-text index gets the batch's
    /// texts after its other writes, so the replaced copy was never indexed and only the
    /// stored one is found.
    @Test func betterCopyInTheSameBatchIsIndexedOnce() throws {
        let t = try TestArchive()
        let page = Mails.message(id: "m5@gmail.com", from: "Dmitry <digetx@...il.com>", body: "mail digetx@...il.com obfuscated\n",
                                 origin: .openwallPage, obfuscated: true, url: "https://lists.openwall.net/linux-kernel/2022/07/25/6")
        let raw = Mails.message(id: "m5@gmail.com", from: "Dmitry <digetx@gmail.com>", body: "mail digetx@gmail.com\n", origin: .rawMail,
                                url: "https://lore.kernel.org/linux-mm/m5@gmail.com/raw")
        let other = Mails.message(id: "other@x", body: "unrelated text\n")
        #expect(try t.archive.ingest([page, other, raw].map(Mails.analysed)) == IngestSummary(new: 2, updated: 1))
        let found = { (word: String) in
            try t.archive.read { db in
                try Int.fetchAll(db, sql: "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid", arguments: ["\"\(word)\""])
            }
        }
        let ids = try t.archive.read { db in try Int.fetchAll(db, sql: "SELECT id FROM messages ORDER BY message_id") }
        #expect(try found("gmail") == [ids[0]])
        #expect(try found("obfuscated").isEmpty)
        #expect(try found("unrelated") == [ids[1]])
        #expect(try found("subject") == ids.sorted())
        try t.archive.writeTransaction { db in try db.execute(sql: "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')") }
        #expect(try t.archive.integrityCheck() == "ok")
    }

    @Test func newerParserReanalysesTheSameCopy() throws {
        let t = try TestArchive()
        let batch = [Mails.withDiff(id: "p1@x")]
        _ = try t.archive.ingest(batch, parserVersion: 1)
        #expect(try t.archive.ingest(batch, parserVersion: 2) == IngestSummary(updated: 1))
        #expect(try t.archive.ingest(batch, parserVersion: 2) == IngestSummary(unchanged: 1))
        #expect(try t.archive.ingest(batch, parserVersion: 1) == IngestSummary(unchanged: 1))
        #expect(try t.count("hunks") == 2)
        #expect(try t.count("report_frames") == 2)
    }

    @Test func messagesWithoutIDGetAStableSyntheticOne() throws {
        let t = try TestArchive()
        let a = Mails.message(id: nil, body: "no id here\n")
        let b = Mails.message(id: nil, body: "another text\n")
        #expect(try t.archive.ingest([Mails.analysed(a), Mails.analysed(b)]).new == 2)
        #expect(try t.archive.ingest([Mails.analysed(a)]).unchanged == 1)
        let ids = try t.archive.read { db in try String.fetchAll(db, sql: "SELECT message_id FROM messages WHERE synthetic_id = 1") }
        #expect(ids.count == 2)
        #expect(ids.allSatisfy { $0.hasSuffix("@synthetic.listarc.invalid") })
    }

    @Test func emptyMessagesAreRejectedWithAReason() throws {
        let t = try TestArchive()
        let empty = MailMessage(headers: [], parts: [TextPart(text: "  \n")], origin: .rawMail, sourceURL: "file:///tmp/x")
        let s = try t.archive.ingest([Mails.analysed(empty), Mails.analysed(Mails.message(id: "ok@x"))])
        #expect(s.new == 1)
        #expect(s.rejected == 1)
        #expect(s.rejections.first?.contains("file:///tmp/x") == true)
    }

    @Test func listsComeFromURLsAndListId() throws {
        let t = try TestArchive()
        let a = Mails.message(id: "a@x", url: "https://lore.kernel.org/linux-mm/a@x/raw")
        let b = Mails.message(id: "b@x", url: "https://lists.openwall.net/linux-kernel/2022/07/25/6")
        let c = Mails.message(id: "c@x", extraHeaders: [HeaderField(name: "List-Id", value: "Linux MM <linux-mm.kvack.org>")])
        let d = Mails.message(id: "d@x", url: "https://lore.kernel.org/linux-mm/d@x/raw")
        _ = try t.archive.ingest([a, b, c, d].map(Mails.analysed))
        let names = try t.archive.read { db in try String.fetchAll(db, sql: "SELECT name FROM lists ORDER BY name") }
        #expect(names == ["linux-kernel", "linux-mm", "linux-mm.kvack.org"])
    }
}
