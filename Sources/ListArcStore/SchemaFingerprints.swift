import GRDB
import ListArcCore

extension Schema {
    /// v2: every hunk carries its `HunkFingerprint`, so queries group the copies of a
    /// hunk (a patch and its quotes) by an integer instead of rereading each text.
    /// The table is rebuilt with the column ahead of `text`: a long hunk's text
    /// spills onto overflow pages, and a column after it could only be read by
    /// walking them. Existing hunks get their fingerprint here, once.
    static func addHunkFingerprints(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE hunks_v2 (
                id INTEGER PRIMARY KEY,
                file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                header TEXT NOT NULL,
                old_start INTEGER NOT NULL,
                old_count INTEGER NOT NULL,
                new_start INTEGER NOT NULL,
                new_count INTEGER NOT NULL,
                section TEXT NOT NULL,
                complete INTEGER NOT NULL,
                fingerprint INTEGER NOT NULL DEFAULT 0,
                text TEXT NOT NULL
            );
            INSERT INTO hunks_v2 (id, file, position, header, old_start, old_count, new_start, new_count, section, complete, text)
                SELECT id, file, position, header, old_start, old_count, new_start, new_count, section, complete, text FROM hunks;
            DROP TABLE hunks;
            ALTER TABLE hunks_v2 RENAME TO hunks;
            CREATE INDEX hunks_file ON hunks(file);
            """)
        // Computed first, written after: the rows are not changed under an open cursor.
        var prints: [(id: Int64, value: Int64)] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT h.id, h.header, h.text, f.old_path, f.new_path FROM hunks h JOIN files f ON f.id = h.file
            """)
        while let row = try rows.next() {
            let print = HunkFingerprint(path: HunkFingerprint.path(old: row["old_path"], new: row["new_path"]),
                                        header: row["header"], text: row["text"])
            prints.append((row["id"], print.value))
        }
        let update = try RawStatement(db, "UPDATE hunks SET fingerprint = ? WHERE id = ?")
        for p in prints {
            update.bind(1, p.value)
            update.bind(2, p.id)
            try update.run()
        }
    }
}
