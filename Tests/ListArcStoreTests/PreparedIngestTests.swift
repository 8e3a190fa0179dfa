import Foundation
import GRDB
import ListArcCore
import Testing
@testable import ListArcStore

/// The import's two-stage path: messages prepared ahead (or left unanalysed because
/// the archive holds them) store exactly what `ingest(_:)` stores.
@Suite struct PreparedIngestTests {
    static func rows(_ t: TestArchive) throws -> [String] {
        try t.archive.read { db in
            try String.fetchAll(db, sql: """
                SELECT message_id || '|' || subject_key || '|' || IFNULL(date, '') || '|' || content_hash || '|' || copy_rank FROM messages
                UNION ALL SELECT header || '|' || fingerprint || '|' || text FROM hunks
                UNION ALL SELECT hunk || '|' || function || '|' || relation FROM hunk_functions
                UNION ALL SELECT message || '|' || kind || '|' || title FROM reports
                ORDER BY 1
                """)
        }
    }

    @Test func preparedAndUnanalysedStoreWhatIngestStores() throws {
        let patch = """
            Fix the check.

            ---
            diff --git a/mm/mmap.c b/mm/mmap.c
            --- a/mm/mmap.c
            +++ b/mm/mmap.c
            @@ -10,3 +10,3 @@ static int do_brk_flags(struct vm_area_struct *vma)
             {
            -\tif (len > TASK_SIZE)
            +\tif (len >= TASK_SIZE)
             \t\treturn -ENOMEM;

            """
        let reply = "On Mon, Ann wrote:\n> -\tif (len > TASK_SIZE)\n\nLooks right.\n"
        let batch = [Mails.message(id: "p1@x", subject: "[PATCH] mm: fix it", body: patch),
                     Mails.message(id: "r1@x", subject: "Re: [PATCH] mm: fix it", body: reply)].map(Mails.analysed)
        let direct = try TestArchive()
        #expect(try direct.archive.ingest(batch) == IngestSummary(new: 2))

        let prepared = try TestArchive()
        #expect(try prepared.archive.ingest(prepared: batch.map { prepared.archive.prepare($0.message) }) == IngestSummary(new: 2))

        // A stale hint: not analysed, but not stored either; the writer analyses it.
        let unanalysed = try TestArchive()
        #expect(try unanalysed.archive.ingest(prepared: batch.map { PreparedMessage(unanalysed: $0.message) }) == IngestSummary(new: 2))

        let expected = try Self.rows(direct)
        #expect(expected.contains { $0.contains("do_brk_flags") })
        #expect(try Self.rows(prepared) == expected)
        #expect(try Self.rows(unanalysed) == expected)
        #expect(try unanalysed.counts() == direct.counts())
    }

    @Test func storedCopiesTellWhatNeedsNoAnalysis() throws {
        let t = try TestArchive()
        let page = Mails.message(id: "m1@x", body: "hello\n", origin: .openwallPage)
        var raw = page
        raw.origin = .rawMail
        let copies = try StoredCopies(archive: t.archive)
        #expect(!copies.holdsCopy(of: PreparedMessage(unanalysed: page)))
        _ = try t.archive.ingest([Mails.analysed(page)])
        #expect(copies.holdsCopy(of: PreparedMessage(unanalysed: page)))
        // A better copy is analysed and replaces the stored one.
        #expect(!copies.holdsCopy(of: PreparedMessage(unanalysed: raw)))
        // So is one a newer parser would analyse differently.
        #expect(!(try StoredCopies(archive: t.archive, parserVersion: Archive.parserVersion + 1)).holdsCopy(of: PreparedMessage(unanalysed: page)))
        // The writer still decides: the unanalysed page again is unchanged.
        #expect(try t.archive.ingest(prepared: [PreparedMessage(unanalysed: page)]) == IngestSummary(unchanged: 1))
    }
}
