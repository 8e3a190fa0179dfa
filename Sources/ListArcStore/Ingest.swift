import Foundation
import GRDB
import ListArcCore

extension Archive {
    /// Stores a batch of analysed messages in one transaction. Idempotent by
    /// Message-ID: the same copy again changes nothing; a better copy (see `CopyRank`)
    /// or one analysed by a newer parser replaces the stored one.
    public func ingest(_ batch: [AnalysedMessage], parserVersion: Int = Archive.parserVersion,
                       now: Date = Date()) throws -> IngestSummary {
        try ingest(prepared: batch.map { PreparedMessage($0, attributions: attributions) }, parserVersion: parserVersion, now: now)
    }

    /// Stores a batch of prepared messages in one transaction (as `ingest(_:)`).
    public func ingest(prepared batch: [PreparedMessage], parserVersion: Int = Archive.parserVersion,
                       now: Date = Date()) throws -> IngestSummary {
        if batch.isEmpty { return IngestSummary() }
        return try writeTransaction { db in
            var writer = try BatchWriter(db, parserVersion: parserVersion, fetchedAt: Int64(now.timeIntervalSince1970),
                                         attributions: attributions)
            var summary = IngestSummary()
            for prepared in batch { try writer.store(prepared, into: &summary) }
            try ThreadMaintenance(db).update(touched: writer.touched, replies: writer.repliesNeedingParents)
            try writer.indexTexts()
            return summary
        }
    }
}

/// One batch's inserts, with every statement prepared once and reused for all rows.
struct BatchWriter {
    let db: Database
    let parserVersion: Int
    let fetchedAt: Int64
    /// Message-IDs inserted or replaced, with their analysis (for threading).
    var touched: [(id: String, subjectKey: String, date: Int64?)] = []
    var repliesNeedingParents: [String: ThreadNode] = [:]
    /// Rows stored in this batch whose text the full-text index is still to get.
    private var unindexed: [Int64] = []
    private var unindexedSet: Set<Int64> = []
    private var listIDs: [String: Int64] = [:]
    /// Attributions of hunks stored before (by this archive object).
    private let attributions: AttributionCache

    private let lookup: Statement
    private let insertMessage: RawStatement
    private let updateMessage: RawStatement
    private let insertFTS: RawStatement
    private let deleteFTS: RawStatement
    private let insertSource: RawStatement
    private let insertMention: RawStatement
    private let insertEmbedded: RawStatement
    private let insertDiff: RawStatement
    private let insertFile: RawStatement
    private let insertHunk: RawStatement
    private let insertReport: RawStatement
    private let insertFrame: RawStatement
    private let insertHunkFunction: RawStatement
    private let insertFunctionHunk: RawStatement
    private let insertHunkLabel: RawStatement

    static let messageColumns = """
        message_id, synthetic_id, list, source_url, origin, copy_rank, subject, subject_key, author, author_name,
        author_address, date, date_text, in_reply_to, "references", raw, body, addresses_obfuscated, parser_version,
        content_hash, fetched_at, parent_id, parent_inferred, needs_inference
        """

    init(_ db: Database, parserVersion: Int, fetchedAt: Int64, attributions: AttributionCache = AttributionCache()) throws {
        self.db = db
        self.attributions = attributions
        self.parserVersion = parserVersion
        self.fetchedAt = fetchedAt
        lookup = try db.makeStatement(sql: "SELECT id, content_hash, copy_rank, parser_version FROM messages WHERE message_id = ?")
        let placeholders = Array(repeating: "?", count: 25).joined(separator: ", ")
        insertMessage = try RawStatement(db, "INSERT INTO messages (\(BatchWriter.messageColumns), thread_root) VALUES (\(placeholders))")
        let assignments = BatchWriter.messageColumns.split(separator: ",").map { "\($0.trimmingCharacters(in: .whitespacesAndNewlines)) = ?" }
        updateMessage = try RawStatement(db, "UPDATE messages SET \(assignments.joined(separator: ", ")), thread_root = NULL WHERE id = ?25")
        insertFTS = try RawStatement(db, """
            INSERT INTO messages_fts (rowid, subject, author, body)
            SELECT id, subject, author, body FROM messages WHERE id IN (SELECT value FROM json_each(?))
            """)
        deleteFTS = try RawStatement(db, "INSERT INTO messages_fts (messages_fts, rowid, subject, author, body) VALUES ('delete', ?, ?, ?, ?)")
        insertSource = try RawStatement(db, """
            INSERT INTO sources (url, message, origin, fetched_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(url) DO UPDATE SET message = excluded.message, origin = excluded.origin, fetched_at = excluded.fetched_at
            """)
        insertMention = try RawStatement(db, "INSERT INTO mentions (message, mentioned) VALUES (?, ?)")
        insertEmbedded = try RawStatement(db, """
            INSERT INTO embedded (message, part, depth, author, address, date, attribution_style, attribution_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertDiff = try RawStatement(db, """
            INSERT INTO diffs (message, position, depth, complete, repairs, part, line_start, line_end, author, date, subject)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFile = try RawStatement(db, "INSERT INTO files (diff, position, flavor, old_path, new_path, header, binary) VALUES (?, ?, ?, ?, ?, ?, ?)")
        insertHunk = try RawStatement(db, """
            INSERT INTO hunks (file, position, header, old_start, old_count, new_start, new_count, section, complete, text, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertReport = try RawStatement(db, """
            INSERT INTO reports (message, position, kind, title, file, line, version, depth, part, line_start, line_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertHunkFunction = try RawStatement(db, "INSERT OR IGNORE INTO hunk_functions (hunk, function, relation) VALUES (?, ?, ?)")
        insertFunctionHunk = try RawStatement(db, """
            INSERT OR IGNORE INTO function_hunks (function, hunk, relation, fingerprint, depth, date, message, file, new_start, list)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertHunkLabel = try RawStatement(db, """
            INSERT INTO hunk_labels (hunk, message_id, subject, date_text, old_path, new_path, header, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFrame = try RawStatement(db, """
            INSERT INTO report_frames (report, position, function, offset, size, module, file, line, reliable, inlined)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func store(_ prepared: PreparedMessage, into summary: inout IngestSummary) throws {
        let m = prepared.message, fields = prepared.fields
        if let why = prepared.rejection {
            summary.reject(prepared.label, why)
            return
        }
        let id = prepared.id, rank = prepared.rank
        let stored = try Row.fetchOne(lookup, arguments: [id])
        if let row = stored {
            let storedHash: String = row["content_hash"], storedRank: Int = row["copy_rank"], storedParser: Int = row["parser_version"]
            let better = rank > storedRank || (rank >= storedRank && parserVersion > storedParser)
            guard better, storedHash != (prepared.analysis?.hash ?? CopyRank.contentHash(m)) || parserVersion > storedParser else {
                try recordSource(m, message: row["id"])
                summary.unchanged += 1
                return
            }
        }
        guard let analysis = prepared.analysis ?? analyse(prepared) else { return }
        let list = try listID(for: fields.list)
        let rowID: Int64
        if let row = stored {
            rowID = row["id"]
            try removeAnalysis(of: rowID)
            try bindMessage(updateMessage, m, fields, id: id, synthetic: prepared.synthetic, list: list, analysis: analysis, rank: rank)
            updateMessage.bind(25, rowID)
            try updateMessage.run()
            summary.updated += 1
        } else {
            try bindMessage(insertMessage, m, fields, id: id, synthetic: prepared.synthetic, list: list, analysis: analysis, rank: rank)
            // The root as the stored messages say now: SQLite rewrites a whole row (raw
            // mail and all) to change one column, and the thread pass after the batch
            // only rewrites a row whose root then differs (a parent that came later).
            insertMessage.bind(25, try fields.declaredParent.map(ThreadMaintenance(db).root) ?? id)
            rowID = try insertMessage.run()
            summary.new += 1
        }
        var mentions: Set<String> = []
        if let node = analysis.reply {
            repliesNeedingParents[id] = node
            mentions = Set(node.mentions)
        }
        touched.append((id, analysis.subjectKey, analysis.date))
        if unindexedSet.insert(rowID).inserted { unindexed.append(rowID) }
        try recordSource(m, message: rowID)
        for mention in mentions {
            insertMention.bind(1, rowID); insertMention.bind(2, mention)
            try insertMention.run()
        }
        try storeAnalysis(analysis, of: MessageRow(row: rowID, id: id, subject: fields.subject, date: analysis.date,
                                                     dateText: fields.date, list: list))
    }

    private func bindMessage(_ s: RawStatement, _ m: MailMessage, _ f: PreparedMessage.Fields, id: String, synthetic: Bool,
                             list: Int64?, analysis: PreparedMessage.Analysis, rank: Int) throws {
        s.bind(1, id)
        s.bind(2, synthetic)
        s.bind(3, list)
        s.bind(4, m.sourceURL)
        s.bind(5, m.origin.rawValue)
        s.bind(6, rank)
        s.bind(7, f.subject)
        s.bind(8, analysis.subjectKey)
        s.bind(9, f.from)
        s.bind(10, f.author.name)
        s.bind(11, f.author.address)
        s.bind(12, analysis.date)
        s.bind(13, f.date)
        s.bind(14, f.inReplyTo)
        s.bind(15, f.references.isEmpty ? nil : f.references.joined(separator: " "))
        s.bind(16, m.raw)
        s.bind(17, m.body)
        s.bind(18, m.addressesObfuscated)
        s.bind(19, parserVersion)
        s.bind(20, analysis.hash)
        s.bind(21, fetchedAt)
        s.bind(22, f.declaredParent)
        s.bind(23, false)
        s.bind(24, analysis.reply != nil)   // needs_inference: ThreadMaintenance finds its parent
    }

    private mutating func listID(for list: (host: String, name: String)?) throws -> Int64? {
        guard let (host, name) = list else { return nil }
        let key = host + "/" + name
        if let id = listIDs[key] { return id }
        try db.execute(sql: "INSERT INTO lists (name, host) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [name, host])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM lists WHERE host = ? AND name = ?", arguments: [host, name])
        listIDs[key] = id
        return id
    }

    private func recordSource(_ m: MailMessage, message: Int64) throws {
        guard let url = m.sourceURL, !url.isEmpty else { return }
        insertSource.bind(1, url); insertSource.bind(2, message); insertSource.bind(3, m.origin.rawValue); insertSource.bind(4, fetchedAt)
        try insertSource.run()
    }

    /// The batch's texts into the full-text index, in one statement after every other
    /// write of the batch (so after the thread pass too). Indexed message by message
    /// between the batch's other inserts, FTS5 kept writing out and merging what it had
    /// pending: the corpus's import spent 0.5 s more of its 3 s CPU that way (measured;
    /// statements that open a savepoint make FTS5 flush).
    mutating func indexTexts() throws {
        guard !unindexed.isEmpty else { return }
        insertFTS.bind(1, "[" + unindexed.map(String.init).joined(separator: ",") + "]")
        try insertFTS.run()
        unindexed = []
        unindexedSet = []
    }

    /// Drops what was derived from the stored copy (cascades to files, hunks, frames).
    private func removeAnalysis(of message: Int64) throws {
        // The FTS index is external-content: deleting needs the indexed values. A row
        // stored earlier in this batch is not in the index yet.
        if !unindexedSet.contains(message),
           let old = try Row.fetchOne(db, sql: "SELECT subject, author, body FROM messages WHERE id = ?", arguments: [message]) {
            let subject: String? = old["subject"], author: String? = old["author"], body: String? = old["body"]
            deleteFTS.bind(1, message); deleteFTS.bind(2, subject ?? ""); deleteFTS.bind(3, author ?? ""); deleteFTS.bind(4, body ?? "")
            try deleteFTS.run()
        }
        for table in ["diffs", "embedded", "reports", "mentions"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE message = ?", arguments: [message])
        }
    }

    /// The analysis of a message queued unanalysed whose stored copy turned out worse.
    private func analyse(_ prepared: PreparedMessage) -> PreparedMessage.Analysis? {
        PreparedMessage(prepared, analysed: Analyser.analyse(prepared.message, buildingPatches: false), attributions: attributions).analysis
    }

    /// What a `search function` hit shows of the message.
    struct MessageRow {
        var row: Int64
        var id: String
        var subject: String
        var date: Int64?
        var dateText: String?
        var list: Int64?
    }

    /// The hunk's functions (heuristic attribution), for `search function` and blame
    /// candidates; a macro-defined function is also stored under its macro form
    /// (`SYSCALL_DEFINE1(brk)` next to `sys_brk`). Each link goes to `hunk_functions`
    /// and, with what a search sorts and filters on, to `function_hunks`; the strings a
    /// hit shows go once per hunk to `hunk_labels`.
    private func storeFunctions(_ functions: [HunkFunction], hunk: Hunk, header: String, id hunkID: Int64, fingerprint: Int64,
                                file: FileDiff, id fileID: Int64, depth: Int, message m: MessageRow) throws {
        var linked = false
        for f in functions {
            for name in [f.function, f.alias].compactMap({ $0 }) where !name.isEmpty {
                insertHunkFunction.bind(1, hunkID); insertHunkFunction.bind(2, name); insertHunkFunction.bind(3, f.relation.rawValue)
                try insertHunkFunction.run()
                let s = insertFunctionHunk
                s.bind(1, name); s.bind(2, hunkID); s.bind(3, f.relation.strength); s.bind(4, fingerprint); s.bind(5, depth)
                s.bind(6, m.date); s.bind(7, m.row); s.bind(8, fileID); s.bind(9, hunk.newStart); s.bind(10, m.list)
                try s.run()
                linked = true
            }
        }
        guard linked else { return }
        let s = insertHunkLabel
        s.bind(1, hunkID); s.bind(2, m.id); s.bind(3, m.subject); s.bind(4, m.dateText); s.bind(5, file.oldPath); s.bind(6, file.newPath)
        s.bind(7, header); s.bind(8, hunk.section)
        try s.run()
    }

    private func storeAnalysis(_ a: PreparedMessage.Analysis, of stored: MessageRow) throws {
        let message = stored.row
        for (part, e) in a.embedded {
            let s = insertEmbedded
            s.bind(1, message); s.bind(2, part); s.bind(3, e.depth); s.bind(4, e.author); s.bind(5, e.address); s.bind(6, e.date)
            s.bind(7, e.attribution?.style.rawValue); s.bind(8, e.attribution?.lineIndex)
            try s.run()
        }
        var hunks = a.hunks.makeIterator()
        for (position, d) in a.diffs.enumerated() {
            let s = insertDiff
            s.bind(1, message); s.bind(2, position); s.bind(3, d.depth); s.bind(4, d.complete)
            s.bind(5, d.repairs.map(\.rawValue).joined(separator: ",")); s.bind(6, d.partIndex)
            s.bind(7, d.lineRange.lowerBound); s.bind(8, d.lineRange.upperBound)
            s.bind(9, d.author); s.bind(10, d.date); s.bind(11, d.subject)
            let diffID = try s.run()
            for (filePosition, f) in d.files.enumerated() {
                let fs = insertFile
                fs.bind(1, diffID); fs.bind(2, filePosition); fs.bind(3, f.flavor.rawValue); fs.bind(4, f.oldPath); fs.bind(5, f.newPath)
                fs.bind(6, f.headerLines.joined(separator: "\n")); fs.bind(7, f.binaryLines.isEmpty ? nil : f.binaryLines.joined(separator: "\n"))
                let fileID = try fs.run()
                for (hunkPosition, h) in f.hunks.enumerated() {
                    guard let prepared = hunks.next() else { throw DatabaseError(message: "prepared hunks out of step with the diffs") }
                    let hs = insertHunk, header = h.header
                    hs.bind(1, fileID); hs.bind(2, hunkPosition); hs.bind(3, header)
                    hs.bind(4, h.oldStart); hs.bind(5, h.oldCount); hs.bind(6, h.newStart); hs.bind(7, h.newCount)
                    hs.bind(8, h.section); hs.bind(9, h.complete); hs.bind(10, prepared.text)
                    hs.bind(11, prepared.fingerprint)
                    let hunkID = try hs.run()
                    try storeFunctions(prepared.functions, hunk: h, header: header, id: hunkID, fingerprint: prepared.fingerprint,
                                       file: f, id: fileID, depth: d.depth, message: stored)
                }
            }
        }
        for (position, r) in a.reports.enumerated() {
            let s = insertReport
            s.bind(1, message); s.bind(2, position); s.bind(3, r.kind.rawValue); s.bind(4, r.title); s.bind(5, r.file); s.bind(6, r.line)
            s.bind(7, r.kernelVersion); s.bind(8, r.depth); s.bind(9, r.partIndex); s.bind(10, r.lineRange.lowerBound); s.bind(11, r.lineRange.upperBound)
            let reportID = try s.run()
            for (framePosition, f) in r.frames.enumerated() {
                let fs = insertFrame
                fs.bind(1, reportID); fs.bind(2, framePosition); fs.bind(3, f.function); fs.bind(4, f.offset); fs.bind(5, f.size)
                fs.bind(6, f.module); fs.bind(7, f.file); fs.bind(8, f.line); fs.bind(9, f.reliable); fs.bind(10, f.inlined)
                try fs.run()
            }
        }
    }
}
