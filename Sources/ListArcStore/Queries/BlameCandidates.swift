import Foundation
import GRDB
import ListArcCore

/// Where a report came from, so the archive can tell which patches it answers or quotes.
public struct ReportSource: Sendable {
    /// The report's Message-ID (its stored parents are followed too when it is archived).
    public var messageID: String?
    /// In-Reply-To and References of the report's message.
    public var references: [String]
    /// Hunks the report's message quotes: (file path, `@@ -a,b +c,d @@` header, hunk lines joined by "\n").
    public var quotedHunks: [(file: String, header: String, text: String)]
    public var date: Date?
    public init(messageID: String? = nil, references: [String] = [], quotedHunks: [(file: String, header: String, text: String)] = [], date: Date? = nil) {
        self.messageID = messageID
        self.references = references
        self.quotedHunks = quotedHunks
        self.date = date
    }
}

extension Archive {
    /// How far (lines) from a reported FILE:LINE a hunk still counts as near; as wide as the ranker's window.
    static let nearLines = 30

    /// Archived hunks a report may implicate: those that modify or call a function on
    /// its trace, those near a FILE:LINE it names, and those of the messages it replies
    /// to or quotes. One candidate per distinct hunk (file + text); the copy kept is the
    /// posting itself when archived, else the least quoted, oldest copy.
    public func blameCandidates(for report: CrashReport, from source: ReportSource) throws -> [BlameCandidate] {
        let names = BlameRanker.traceFunctions(of: report)
        var places: [(file: String, line: Int)] = []
        if let f = report.file, let l = report.line { places.append((f, l)) }
        for frame in report.frames { if let f = frame.file, let l = frame.line { places.append((f, l)) } }
        let quoted = Set(source.quotedHunks.map { HunkFingerprint(file: DiffPath.plain($0.file) ?? $0.file, header: $0.header, text: $0.text) })

        return try read { db in
            var hunkIDs: Set<Int64> = []
            func collect(_ sql: String, _ args: StatementArguments) throws {
                for id in try Int64.fetchAll(db, sql: sql, arguments: args) { hunkIDs.insert(id) }
            }
            for chunk in stride(from: 0, to: names.count, by: 200) {
                let part = Array(names[chunk..<min(names.count, chunk + 200)])
                try collect("""
                    SELECT hunk FROM hunk_functions WHERE function IN (\(part.map { _ in "?" }.joined(separator: ", ")))
                    AND relation IN ('modifies', 'calls')
                    """, StatementArguments(part))
            }
            for place in places {
                let file = DiffPath.plain(place.file) ?? place.file
                try collect("""
                    SELECT h.id FROM files f JOIN hunks h ON h.file = f.id
                    WHERE f.new_path IN (?, 'b/' || ?) AND h.new_start <= ? AND h.new_start + h.new_count >= ?
                    """, [file, file, place.line + Archive.nearLines, place.line - Archive.nearLines])
            }
            let replied = try repliedTo(db, source)
            if !replied.isEmpty {
                let ids = Array(replied)
                try collect("""
                    SELECT h.id FROM messages m JOIN diffs d ON d.message = m.id JOIN files f ON f.diff = d.id JOIN hunks h ON h.file = f.id
                    WHERE m.message_id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
                    """, StatementArguments(ids))
            }
            if let own = source.messageID {
                try collect("""
                    SELECT h.id FROM messages m JOIN diffs d ON d.message = m.id JOIN files f ON f.diff = d.id JOIN hunks h ON h.file = f.id
                    WHERE m.message_id = ? AND d.depth > 0
                    """, [own])
            }
            return try candidates(db, hunks: hunkIDs.sorted(), replied: replied, quoted: quoted)
        }
    }

    /// The report's declared and stored ancestors (In-Reply-To, References, parent chain).
    private func repliedTo(_ db: Database, _ source: ReportSource) throws -> Set<String> {
        var out = Set(source.references)
        var next = source.messageID
        var steps = 0
        while let id = next, steps < 100 {
            steps += 1
            guard let row = try Row.fetchOne(db, sql: "SELECT parent_id, \"references\" FROM messages WHERE message_id = ?", arguments: [id])
            else { break }
            if let refs: String = row["references"] { for r in refs.split(separator: " ") { out.insert(String(r)) } }
            let parent: String? = row["parent_id"]
            if let parent, !out.contains(parent) || steps == 1 { out.insert(parent); next = parent } else { next = nil }
        }
        if let own = source.messageID { out.remove(own) }
        return out
    }

    private func candidates(_ db: Database, hunks: [Int64], replied: Set<String>, quoted: Set<HunkFingerprint>) throws -> [BlameCandidate] {
        var best: [HunkFingerprint: (candidate: BlameCandidate, depth: Int, date: Int64?)] = [:]
        var order: [HunkFingerprint] = []
        for chunk in stride(from: 0, to: hunks.count, by: 500) {
            let part = Array(hunks[chunk..<min(hunks.count, chunk + 500)])
            let rows = try Row.fetchAll(db, sql: """
                SELECT h.id, h.header, h.old_start, h.old_count, h.new_start, h.new_count, h.section, h.complete, h.text,
                       f.old_path, f.new_path, d.depth, d.date AS diff_date, m.message_id, m.subject, m.date
                FROM hunks h JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff JOIN messages m ON m.id = d.message
                WHERE h.id IN (\(part.map { _ in "?" }.joined(separator: ", ")))
                ORDER BY h.id
                """, arguments: StatementArguments(part))
            for r in rows {
                let text: String = r["text"]
                let file = DiffPath.of(old: r["old_path"], new: r["new_path"])
                let key = HunkFingerprint(file: file, header: r["header"], text: text)
                let hunk = Hunk(oldStart: r["old_start"], oldCount: r["old_count"], newStart: r["new_start"], newCount: r["new_count"],
                                section: r["section"], lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                complete: r["complete"])
                let messageID: String = r["message_id"]
                let depth: Int = r["depth"]
                // A quoted copy is dated by its attribution when the archive knows it.
                let posted: Int64? = (r["diff_date"] as String?).flatMap(MailDate.parse) ?? r["date"]
                let candidate = BlameCandidate(messageID: messageID, subject: r["subject"], date: posted.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                                               file: file, hunk: hunk, reportRepliesToPatch: replied.contains(messageID),
                                               reportQuotesPatch: quoted.contains(key))
                if let existing = best[key] {
                    var keep = existing
                    let better = depth < existing.depth || (depth == existing.depth && (posted ?? .max) < (existing.date ?? .max))
                    if better { keep = (candidate, depth, posted) }
                    keep.candidate.reportRepliesToPatch = existing.candidate.reportRepliesToPatch || candidate.reportRepliesToPatch
                    keep.candidate.reportQuotesPatch = existing.candidate.reportQuotesPatch || candidate.reportQuotesPatch
                    best[key] = keep
                } else {
                    best[key] = (candidate, depth, posted)
                    order.append(key)
                }
            }
        }
        return order.compactMap { best[$0]?.candidate }
    }
}
