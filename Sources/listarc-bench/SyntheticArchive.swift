import Foundation
import GRDB
import ListArcCore
import ListArcStore

/// `listarc-bench synthetic SOURCE_ARCHIVE OUT [HUNKS]`: an archive of HUNKS hunks
/// (default 1,000,000) for query latency at scale, made of copies of a real
/// archive's messages, diffs, files, hunks, hunk↔function, function_hunks and
/// hunk_labels rows, so that every function name keeps its real share of hunks (its
/// selectivity).
///
/// Copy r of the source is dated r/4 months later; every fourth copy is a reply
/// quoting the copy before it (same fingerprints, one quote level deeper), so
/// grouping the copies of a hunk has work to do. Hunk texts are cut to 1 KiB to
/// keep the file near 1 GB; `search function` never reads them. Rows are written
/// by SQLite itself (INSERT … SELECT from the attached source), in one transaction.
enum SyntheticArchive {
    static func run(_ args: [String]) {
        guard args.count >= 2 else {
            print("usage: listarc-bench synthetic SOURCE_ARCHIVE OUT [HUNKS]")
            return
        }
        let wanted = args.count > 2 ? Int(args[2]) ?? 1_000_000 : 1_000_000
        do {
            let clock = ContinuousClock()
            let start = clock.now
            try? FileManager.default.removeItem(atPath: args[1])
            _ = try Archive(path: args[0], create: false)   // brings the source's schema up to date
            _ = try Archive(path: args[1])   // the schema, by the archive's own migrations
            let made = try build(source: args[0], out: args[1], hunks: wanted)
            print("synthetic archive \(args[1]): \(made) hunks in \(clock.now - start)")
        } catch {
            print("synthetic: \(error)")
        }
    }

    static func build(source: String, out: String, hunks wanted: Int) throws -> Int {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let db = try DatabaseQueue(path: out, configuration: config)
        return try db.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [source])
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            let sourceHunks = try Int.fetchOne(db, sql: "SELECT count(*) FROM src.hunks") ?? 0
            guard sourceHunks > 0 else { throw InputError(source, "no hunks to copy") }
            let copies = (wanted + sourceHunks - 1) / sourceHunks
            // The last copy takes only the first hunks (by id) that are still wanted.
            let remainder = wanted - (copies - 1) * sourceHunks
            let cutoff = try Int64.fetchOne(db, sql: "SELECT id FROM src.hunks ORDER BY id LIMIT 1 OFFSET ?", arguments: [remainder - 1]) ?? .max
            func top(_ table: String) throws -> Int64 { (try Int64.fetchOne(db, sql: "SELECT max(id) FROM src.\(table)") ?? 0) + 1 }
            let m = try top("messages"), d = try top("diffs"), f = try top("files"), h = try top("hunks")
            let copy = "WITH RECURSIVE rep(r) AS (SELECT 0 UNION ALL SELECT r + 1 FROM rep WHERE r + 1 < \(copies))"
            let quoting = "(r % 4 = 3)"
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO lists SELECT * FROM src.lists")
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO messages (id, message_id, synthetic_id, list, origin, copy_rank, subject, subject_key, author, author_name,
                                          author_address, date, date_text, body, addresses_obfuscated, parser_version, content_hash,
                                          fetched_at, parent_inferred, needs_inference)
                    SELECT x.id + r * \(m), 'copy' || r || '.' || x.message_id, 0, x.list, x.origin, x.copy_rank,
                           CASE WHEN \(quoting) THEN 'Re: ' ELSE '' END || x.subject, x.subject_key, x.author, x.author_name,
                           x.author_address, x.date + (r / 4) * 2592000 + \(quoting) * 86400, x.date_text, '', 0, 1, x.content_hash,
                           x.fetched_at, 0, 0
                    FROM src.messages x, rep
                    """)
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO diffs (id, message, position, depth, complete, repairs, part, line_start, line_end, author, date, subject)
                    SELECT x.id + r * \(d), x.message + r * \(m), x.position, x.depth + \(quoting), x.complete, x.repairs, x.part,
                           x.line_start, x.line_end, x.author, x.date, x.subject
                    FROM src.diffs x, rep
                    """)
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO files (id, diff, position, flavor, old_path, new_path, header, binary)
                    SELECT x.id + r * \(f), x.diff + r * \(d), x.position, x.flavor, x.old_path, x.new_path, x.header, x.binary
                    FROM src.files x, rep
                    """)
                // A quoting copy shares the fingerprints of the copy it quotes: fingerprint XOR (copy << 40).
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO hunks (id, file, position, header, old_start, old_count, new_start, new_count, section, complete, fingerprint, text)
                    SELECT x.id + r * \(h), x.file + r * \(f), x.position, x.header, x.old_start, x.old_count, x.new_start, x.new_count,
                           x.section, x.complete,
                           (x.fingerprint | ((r - \(quoting)) << 40)) - (x.fingerprint & ((r - \(quoting)) << 40)),
                           substr(x.text, 1, 1024)
                    FROM src.hunks x, rep
                    WHERE r < \(copies - 1) OR x.id <= \(cutoff)
                    """)
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO hunk_functions (hunk, function, relation)
                    SELECT x.hunk + r * \(h), x.function, x.relation
                    FROM src.hunk_functions x, rep
                    WHERE r < \(copies - 1) OR x.hunk <= \(cutoff)
                    """)
                // What search scans: the same rows, shifted as the tables above were.
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO function_hunks (function, hunk, relation, fingerprint, depth, date, message, file, new_start, list)
                    SELECT x.function, x.hunk + r * \(h), x.relation,
                           (x.fingerprint | ((r - \(quoting)) << 40)) - (x.fingerprint & ((r - \(quoting)) << 40)),
                           x.depth + \(quoting), x.date + (r / 4) * 2592000 + \(quoting) * 86400, x.message + r * \(m), x.file + r * \(f),
                           x.new_start, x.list
                    FROM src.function_hunks x, rep
                    WHERE r < \(copies - 1) OR x.hunk <= \(cutoff)
                    """)
                try db.execute(sql: """
                    \(copy)
                    INSERT INTO hunk_labels (hunk, message_id, subject, date_text, old_path, new_path, header, section)
                    SELECT x.hunk + r * \(h), 'copy' || r || '.' || x.message_id, CASE WHEN \(quoting) THEN 'Re: ' ELSE '' END || x.subject,
                           x.date_text, x.old_path, x.new_path, x.header, x.section
                    FROM src.hunk_labels x, rep
                    WHERE r < \(copies - 1) OR x.hunk <= \(cutoff)
                    """)
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE src")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM hunks") ?? 0
        }
    }
}
