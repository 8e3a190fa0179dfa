import GRDB

extension Schema {
    /// v3: `function_hunks`, one row per hunk↔function link carrying everything
    /// `search function` filters, groups, sorts and shows (relation strength, fingerprint,
    /// quote depth, message date and list, and the strings of the hit), keyed by the
    /// function name. The search is then one range scan of this table: a lookup per
    /// copy in hunks, files and messages cost ~1 µs each, 40 ms for a name with 10,000
    /// hits in a 1M-hunk archive. The strings come last in the row, read only for the
    /// copies shown. `function_hunks_keys` holds the integers alone (a sixth of a row):
    /// a search that shows the newest N hits scans it, and looks up the strings of
    /// those N by hunk. Kept in step with
    /// `hunk_functions`: filled at ingest, emptied by a trigger when its links go (a
    /// replaced message's diffs cascade down to them). v4 splits it (`addHunkLabels`).
    static func addFunctionHunks(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE function_hunks (
                function TEXT NOT NULL,
                hunk INTEGER NOT NULL,
                relation INTEGER NOT NULL,
                fingerprint INTEGER NOT NULL,
                depth INTEGER NOT NULL,
                date INTEGER,
                message INTEGER NOT NULL,
                file INTEGER NOT NULL,
                list INTEGER,
                new_start INTEGER NOT NULL,
                message_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                date_text TEXT,
                old_path TEXT,
                new_path TEXT,
                header TEXT NOT NULL,
                section TEXT NOT NULL,
                PRIMARY KEY (function, hunk, relation)
            ) WITHOUT ROWID;
            CREATE TRIGGER function_hunks_unlink AFTER DELETE ON hunk_functions BEGIN
                DELETE FROM function_hunks
                WHERE function = old.function AND hunk = old.hunk AND relation = \(strength("old.relation"));
            END;
            \(functionHunksFill) ORDER BY hf.function, hf.hunk;
            CREATE INDEX function_hunks_keys ON function_hunks(function, hunk, relation, fingerprint, depth, date, message, file, new_start, list);
            """)
    }

    /// `FunctionRelation.strength` of a stored relation name.
    static func strength(_ column: String) -> String {
        "CASE \(column) WHEN 'modifies' THEN 3 WHEN 'calls' THEN 2 ELSE 1 END"
    }

    /// The rows of v3's `function_hunks` from the tables they summarise.
    static let functionHunksFill = """
        INSERT OR IGNORE INTO function_hunks (function, hunk, relation, fingerprint, depth, date, message, file, list,
                                              new_start, message_id, subject, date_text, old_path, new_path, header, section)
        SELECT hf.function, hf.hunk, \(strength("hf.relation")), h.fingerprint, d.depth, m.date, m.id, f.id, m.list,
               h.new_start, m.message_id, m.subject, m.date_text, f.old_path, f.new_path, h.header, h.section
        FROM diffs d
        JOIN messages m ON m.id = d.message
        JOIN files f ON f.diff = d.id
        JOIN hunks h ON h.file = f.id
        JOIN hunk_functions hf ON hf.hunk = h.id
        """
}
