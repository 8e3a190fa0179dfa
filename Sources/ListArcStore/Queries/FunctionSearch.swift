import Foundation
import GRDB
import ListArcCore

/// What `search function` looks for.
public struct FunctionQuery: Sendable, Hashable {
    public var name: String
    public var relation: FunctionRelation?
    public var file: String?
    /// Only patches dated at or after (UTC seconds).
    public var since: Int64?
    /// A list name (`linux-kernel`) or `host/name`.
    public var list: String?
    public init(name: String, relation: FunctionRelation? = nil, file: String? = nil, since: Int64? = nil, list: String? = nil) {
        self.name = name
        self.relation = relation
        self.file = file
        self.since = since
        self.list = list
    }
}

/// One hunk (all its copies in the archive grouped) related to the function.
public struct FunctionHit: Sendable, Hashable {
    public var messageID: String
    public var subject: String
    /// UTC seconds of the copy shown.
    public var date: Int64?
    public var dateText: String?
    public var file: String
    public var header: String
    public var section: String
    public var relation: FunctionRelation
    /// Quote depth of the copy shown (0 = the posted patch).
    public var depth: Int
    /// How many archived copies of this hunk matched (the patch and its quotes).
    public var count: Int
}

extension Archive {
    /// Hunks that modify, call or mention `query.name`, one per distinct hunk (stored
    /// fingerprint: file, header and text), newest patch first. The copy shown is the least quoted (the posting itself
    /// when archived), then the oldest.
    public func searchFunction(_ query: FunctionQuery) throws -> [FunctionHit] {
        let typed = query.name.trimmingCharacters(in: .whitespaces)
        let names = Array(Set([typed, FunctionName.normalise(typed)].filter { !$0.isEmpty }))
        guard !names.isEmpty else { return [] }
        var sql = """
            SELECT h.id AS hunk, h.header, h.section, h.fingerprint, f.old_path, f.new_path, d.depth,
                   m.message_id, m.subject, m.date, m.date_text,
                   CASE hf.relation WHEN 'modifies' THEN 3 WHEN 'calls' THEN 2 ELSE 1 END, h.new_start
            FROM hunk_functions hf
            JOIN hunks h ON h.id = hf.hunk
            JOIN files f ON f.id = h.file
            JOIN diffs d ON d.id = f.diff
            JOIN messages m ON m.id = d.message
            WHERE hf.function IN (\(names.map { _ in "?" }.joined(separator: ", ")))
            """
        var args: [(any DatabaseValueConvertible)?] = names
        if let r = query.relation { sql += " AND hf.relation = ?"; args.append(r.rawValue) }
        if let file = query.file.flatMap(HunkFingerprint.plainPath) {
            sql += " AND (f.new_path IN (?, 'b/' || ?) OR f.old_path IN (?, 'a/' || ?))"
            args += [file, file, file, file]
        }
        if let since = query.since { sql += " AND m.date >= ?"; args.append(since) }
        if let list = query.list {
            sql += " AND m.list IN (SELECT id FROM lists WHERE name = ? OR host || '/' || name = ?)"
            args += [list, list]
        }
        return try read { db in
            var index: [Int64: Int] = [:]   // fingerprint → group
            var groups: [Group] = []
            // A hunk stored under both names (`sys_brk` and `SYSCALL_DEFINE1(brk)`) comes twice.
            var seen: Set<Int64> = []
            seen.reserveCapacity(256)
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                // By position (the SELECT's order), and the strings only of a copy that will be
                // shown: most rows are decided by their integers.
                let hunk: Int64 = row[0]
                let relation = FunctionRelation(strength: row[11])
                if !seen.insert(hunk).inserted {
                    if let g = index[row[3]] { groups[g].raise(relation) }
                    continue
                }
                let depth: Int = row[6], date: Int64? = row[9]
                guard let g = index[row[3]] else {
                    index[row[3]] = groups.count
                    groups.append(Group(file: HunkFingerprint.path(old: row[4], new: row[5]), shown: Copy(row), relation: relation))
                    continue
                }
                groups[g].count += 1
                groups[g].raise(relation)
                if groups[g].shown.isWorse(thanDepth: depth, date: date, messageID: row[7]) { groups[g].shown = Copy(row) }
            }
            let hits = groups.map { g in
                FunctionHit(messageID: g.shown.messageID, subject: g.shown.subject, date: g.shown.date, dateText: g.shown.dateText,
                            file: g.file, header: g.shown.header, section: g.shown.section, relation: g.relation,
                            depth: g.shown.depth, count: g.count)
            }
            return FunctionHit.newestFirst(hits, starts: groups.map(\.shown.newStart))
        }
    }
}

extension FunctionHit {
    /// Newest patch first; undated last; then by message, file and position (`starts`:
    /// each hunk's new-side start line), so the order is stable. Sorts positions: moving
    /// the hits themselves (six strings each) would cost more than comparing them.
    static func newestFirst(_ hits: [FunctionHit], starts: [Int]) -> [FunctionHit] {
        let order = hits.indices.sorted { i, j in
            let a = hits[i], b = hits[j]
            if a.date != b.date { return (a.date ?? Int64.min) > (b.date ?? Int64.min) }
            if a.messageID != b.messageID { return a.messageID < b.messageID }
            if a.file != b.file { return a.file < b.file }
            if starts[i] != starts[j] { return starts[i] < starts[j] }
            return a.header < b.header
        }
        return order.map { hits[$0] }
    }
}

private struct Copy {
    var messageID: String
    var subject: String
    var date: Int64?
    var dateText: String?
    var header: String
    var section: String
    var depth: Int
    var newStart: Int

    /// From a row of `searchFunction`'s SELECT.
    init(_ row: Row) {
        messageID = row[7]; subject = row[8]; date = row[9]; dateText = row[10]; header = row[1]; section = row[2]; depth = row[6]
        newStart = row[12]
    }

    /// The posting itself beats a quote of it; among equals the oldest, then the first
    /// Message-ID (read only when depth and date tie).
    func isWorse(thanDepth otherDepth: Int, date otherDate: Int64?, messageID other: @autoclosure () -> String) -> Bool {
        if depth != otherDepth { return otherDepth < depth }
        if date != otherDate { return (otherDate ?? Int64.max) < (date ?? Int64.max) }
        return other() < messageID
    }
}

private struct Group {
    var file: String
    var shown: Copy
    var relation: FunctionRelation
    /// Distinct hunks (copies) in the group.
    var count = 1

    mutating func raise(_ r: FunctionRelation) {
        if r.strength > relation.strength { relation = r }
    }
}

extension FunctionRelation {
    /// From `strength` (as the search's SELECT computes it).
    init(strength: Int) {
        self = strength >= 3 ? .modifies : strength == 2 ? .calls : .mentions
    }
}
