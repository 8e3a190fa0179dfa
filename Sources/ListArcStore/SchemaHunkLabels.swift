import GRDB

extension Schema {
    /// v4: `function_hunks` keeps the integers alone (the search decides on them), and
    /// the strings a hit shows move to `hunk_labels`, one row per hunk instead of one per
    /// hunk↔function link. An import then writes a fifth of the bytes into the table whose
    /// keys (function names) arrive in random order, where every batch dirtied nearly
    /// every leaf page; the labels are appended in hunk order. `hunk_functions` loses its
    /// index by function: `function_hunks` is that index.
    static func addHunkLabels(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE hunk_labels (
                hunk INTEGER PRIMARY KEY REFERENCES hunks(id) ON DELETE CASCADE,
                message_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                date_text TEXT,
                old_path TEXT,
                new_path TEXT,
                header TEXT NOT NULL,
                section TEXT NOT NULL
            );
            INSERT OR IGNORE INTO hunk_labels (hunk, message_id, subject, date_text, old_path, new_path, header, section)
            SELECT hunk, message_id, subject, date_text, old_path, new_path, header, section FROM function_hunks ORDER BY hunk;

            CREATE TABLE function_keys (
                function TEXT NOT NULL,
                hunk INTEGER NOT NULL,
                relation INTEGER NOT NULL,
                fingerprint INTEGER NOT NULL,
                depth INTEGER NOT NULL,
                date INTEGER,
                message INTEGER NOT NULL,
                file INTEGER NOT NULL,
                new_start INTEGER NOT NULL,
                list INTEGER,
                PRIMARY KEY (function, hunk, relation)
            ) WITHOUT ROWID;
            INSERT INTO function_keys
            SELECT function, hunk, relation, fingerprint, depth, date, message, file, new_start, list FROM function_hunks
            ORDER BY function, hunk, relation;
            DROP TRIGGER function_hunks_unlink;
            DROP TABLE function_hunks;
            ALTER TABLE function_keys RENAME TO function_hunks;
            CREATE TRIGGER function_hunks_unlink AFTER DELETE ON hunk_functions BEGIN
                DELETE FROM function_hunks
                WHERE function = old.function AND hunk = old.hunk AND relation = \(strength("old.relation"));
            END;
            DROP INDEX hunk_functions_function;
            """)
    }
}

extension Schema {
    /// v5: the full-text index merges less often. An import writes one FTS5 segment per
    /// batch (pending terms up to 8 MB are kept, not flushed per megabyte) and merges
    /// when 16 segments of a level gather instead of 4: indexing the corpus costs a
    /// third less, and a term lookup reads at most 15 segments a level.
    static func tuneFullTextMerges(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 8388608);
            INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
            """)
    }
}
