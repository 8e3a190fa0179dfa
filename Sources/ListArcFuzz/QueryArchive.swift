import Foundation
import ListArcCore
import ListArcStore

/// The archive the query target searches: one message with a patch in it, so
/// FTS5, hunk and function conditions all reach real rows.
enum QueryArchive {
    static let shared: Archive = {
        let path = NSTemporaryDirectory() + "listarc-fuzz-query-\(getpid()).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            let archive = try Archive(path: path)
            _ = try archive.ingest([Analyser.analyse(try MailParser.parse(Array(seed.utf8)))])
            return archive
        } catch {
            fatalError("cannot make the fuzz archive at \(path): \(error)")
        }
    }()

    static let seed = """
        From: Ann Author <ann@example.org>
        Subject: [PATCH] mm: fix do_brk_flags
        Date: Mon, 25 Jul 2022 10:00:00 +0000
        Message-ID: <seed@example.org>

        A "quoted" word and NEAR(x y) * ^col:body.
        ---
        diff --git a/mm/mmap.c b/mm/mmap.c
        --- a/mm/mmap.c
        +++ b/mm/mmap.c
        @@ -1,3 +1,3 @@ static int do_brk_flags(unsigned long addr)
         int a;
        -int b;
        +int c;
         int d;

        """
}
