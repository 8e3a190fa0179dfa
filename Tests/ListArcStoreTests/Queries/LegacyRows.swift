import GRDB

/// Rows written straight into an archive of an older schema, for the migration tests:
/// a message with one diff, one file (`x.c`), one hunk and its link to function `f`.
enum LegacyRows {
    /// `fingerprint`: the hunk column that schema v2 added (nil before v2).
    static func insertPatch(_ db: Database, id: Int64, messageID: String, subject: String = "PATCH", list: Int64? = nil,
                            date: Int64, dateText: String? = nil, depth: Int, text: String, fingerprint: Int64? = nil,
                            relation: String = "modifies") throws {
        try db.execute(sql: """
            INSERT INTO messages (id, message_id, list, origin, copy_rank, subject, subject_key, author, date, date_text, body,
                                  addresses_obfuscated, parser_version, content_hash, fetched_at)
            VALUES (?, ?, ?, 'rawMail', 0, ?, 'patch', 'Ann', ?, ?, '', 0, 1, '', 0)
            """, arguments: [id, messageID, list, subject, date, dateText])
        try db.execute(sql: """
            INSERT INTO diffs (id, message, position, depth, complete, repairs, part, line_start, line_end)
            VALUES (?, ?, 0, ?, 1, '', 0, 0, 3)
            """, arguments: [id, id, depth])
        try db.execute(sql: """
            INSERT INTO files (id, diff, position, flavor, old_path, new_path, header) VALUES (?, ?, 0, 'git', 'a/x.c', 'b/x.c', '')
            """, arguments: [id, id])
        let hunk = "id, file, position, header, old_start, old_count, new_start, new_count, section, complete, text"
        let values = "?, ?, 0, '@@ -1,2 +1,2 @@', 1, 2, 1, 2, 'int f(void)', 1, ?"
        if let fingerprint {
            try db.execute(sql: "INSERT INTO hunks (\(hunk), fingerprint) VALUES (\(values), ?)", arguments: [id * 10, id, text, fingerprint])
        } else {
            try db.execute(sql: "INSERT INTO hunks (\(hunk)) VALUES (\(values))", arguments: [id * 10, id, text])
        }
        try db.execute(sql: "INSERT INTO hunk_functions (hunk, function, relation) VALUES (?, 'f', ?)", arguments: [id * 10, relation])
    }
}
