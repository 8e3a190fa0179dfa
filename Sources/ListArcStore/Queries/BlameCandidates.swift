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

    /// Archived hunks a report may implicate: those that modify a function on its
    /// trace (or call one and mention one), those near a FILE:LINE it names, and those
    /// of the messages it replies to or quotes. One candidate per distinct hunk (stored
    /// fingerprint); the copy kept is the posting itself when archived, else the least
    /// quoted, oldest copy. Each carries its stored functions; only hunks that modify a
    /// trace function carry their lines (see `BlameRanker.needsLines`).
    public func blameCandidates(for report: CrashReport, from source: ReportSource) throws -> [BlameCandidate] {
        let names = BlameRanker.traceFunctions(of: report)
        var places: [(file: String, line: Int)] = []
        if let f = report.file, let l = report.line { places.append((f, l)) }
        for frame in report.frames { if let f = frame.file, let l = frame.line { places.append((f, l)) } }
        let quoted = Set(source.quotedHunks.map { HunkFingerprint(path: HunkFingerprint.path(old: nil, new: $0.file), header: $0.header, text: $0.text).value })

        return try read { db in
            var hunkIDs: Set<Int64> = []
            func collect(_ sql: String, _ args: StatementArguments) throws {
                for id in try Int64.fetchAll(db, sql: sql, arguments: args) { hunkIDs.insert(id) }
            }
            // By trace function: a hunk that modifies one, or calls one and mentions one
            // (the ranker scores nothing else a hunk does to them; it needs `modifies`
            // for changed lines, `mentions` for a mention).
            var relations: [Int64: Set<FunctionRelation>] = [:]
            for chunk in stride(from: 0, to: names.count, by: 500) {
                let part = Array(names[chunk..<min(names.count, chunk + 500)])
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT hunk, relation FROM function_hunks WHERE function IN (\(part.map { _ in "?" }.joined(separator: ", ")))
                    """, arguments: StatementArguments(part))
                while let r = try rows.next() { relations[r["hunk"], default: []].insert(FunctionRelation(strength: r["relation"])) }
            }
            for (hunk, kinds) in relations where kinds.contains(.modifies) || kinds.contains(.calls) && kinds.contains(.mentions) {
                hunkIDs.insert(hunk)
            }
            for place in places {
                let file = HunkFingerprint.plainPath(place.file) ?? place.file
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
            return try candidates(db, hunks: hunkIDs.sorted(), traceNames: Set(names), replied: replied, quoted: quoted)
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

    /// One candidate per fingerprint: the copies are compared on a few small columns,
    /// and only the kept copy's text is read and turned into a `Hunk`.
    private func candidates(_ db: Database, hunks: [Int64], traceNames: Set<String>, replied: Set<String>,
                            quoted: Set<Int64>) throws -> [BlameCandidate] {
        struct Copy {
            var hunk: Int64
            var depth: Int
            var posted: Int64?
            var messageID: String
            var repliedTo: Bool
            var quoted: Bool
        }
        var best: [Int64: Copy] = [:]
        var order: [Int64] = []
        for chunk in stride(from: 0, to: hunks.count, by: 500) {
            let part = Array(hunks[chunk..<min(hunks.count, chunk + 500)])
            let rows = try Row.fetchCursor(db, sql: """
                SELECT h.id, h.fingerprint, d.depth, d.date AS diff_date, m.message_id, m.date
                FROM hunks h JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff JOIN messages m ON m.id = d.message
                WHERE h.id IN (\(part.map { _ in "?" }.joined(separator: ", ")))
                ORDER BY h.id
                """, arguments: StatementArguments(part))
            while let r = try rows.next() {
                let key: Int64 = r["fingerprint"]
                let messageID: String = r["message_id"]
                // A quoted copy is dated by its attribution when the archive knows it.
                let posted: Int64? = (r["diff_date"] as String?).flatMap(MailDate.parse) ?? r["date"]
                let copy = Copy(hunk: r["id"], depth: r["depth"], posted: posted, messageID: messageID,
                                repliedTo: replied.contains(messageID), quoted: quoted.contains(key))
                if let existing = best[key] {
                    let better = copy.depth < existing.depth || (copy.depth == existing.depth && (copy.posted ?? .max) < (existing.posted ?? .max))
                    var keep = better ? copy : existing
                    keep.repliedTo = existing.repliedTo || copy.repliedTo
                    keep.quoted = existing.quoted || copy.quoted
                    best[key] = keep
                } else {
                    best[key] = copy
                    order.append(key)
                }
            }
        }
        let kept = order.compactMap { best[$0] }
        let functions = try storedFunctions(db, hunks: kept.map(\.hunk))
        var built: [Int64: BlameCandidate] = [:]
        for chunk in stride(from: 0, to: kept.count, by: 500) {
            let part = kept[chunk..<min(kept.count, chunk + 500)]
            let ids = part.map(\.hunk)
            // Only a hunk that modifies a trace function has its text read and its lines attributed.
            let withLines = Set(ids.filter { BlameRanker.needsLines(functions[$0] ?? [], traceNames: traceNames) })
            let rows = try Row.fetchCursor(db, sql: """
                SELECT h.id, h.old_start, h.old_count, h.new_start, h.new_count, h.section, h.complete,
                       f.old_path, f.new_path, m.subject
                FROM hunks h JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff JOIN messages m ON m.id = d.message
                WHERE h.id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments(ids))
            let copies = Dictionary(part.map { ($0.hunk, $0) }, uniquingKeysWith: { a, _ in a })
            while let r = try rows.next() {
                let id: Int64 = r["id"]
                guard let copy = copies[id] else { continue }
                let hunk = Hunk(oldStart: r["old_start"], oldCount: r["old_count"], newStart: r["new_start"], newCount: r["new_count"],
                                section: r["section"], lines: [], complete: r["complete"])
                built[id] = BlameCandidate(messageID: copy.messageID, subject: r["subject"],
                                           date: copy.posted.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                                           file: HunkFingerprint.path(old: r["old_path"], new: r["new_path"]), hunk: hunk,
                                           functions: functions[id] ?? [], reportRepliesToPatch: copy.repliedTo, reportQuotesPatch: copy.quoted)
            }
            if withLines.isEmpty { continue }
            let texts = try Row.fetchCursor(db, sql: """
                SELECT id, text FROM hunks WHERE id IN (\(withLines.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments(Array(withLines)))
            while let r = try texts.next() {
                let id: Int64 = r["id"]
                let text: String = r["text"]
                // Split on the byte: as Characters, a line ending in CR would swallow the next.
                built[id]?.hunk.lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        return kept.compactMap { built[$0.hunk] }
    }

    /// The stored hunk↔function rows of these hunks.
    private func storedFunctions(_ db: Database, hunks: [Int64]) throws -> [Int64: [HunkFunction]] {
        var out: [Int64: [HunkFunction]] = [:]
        for chunk in stride(from: 0, to: hunks.count, by: 500) {
            let part = Array(hunks[chunk..<min(hunks.count, chunk + 500)])
            let rows = try Row.fetchCursor(db, sql: """
                SELECT hunk, function, relation FROM hunk_functions WHERE hunk IN (\(part.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments(part))
            while let r = try rows.next() {
                guard let relation = FunctionRelation(rawValue: r["relation"]) else { continue }
                out[r["hunk"], default: []].append(HunkFunction(function: r["function"], relation: relation))
            }
        }
        return out
    }
}
