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
                   m.message_id, m.subject, m.date, m.date_text, hf.relation
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
            var groups: [Int64: Group] = [:]
            var order: [Int64] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                // By position (the SELECT's order): a name lookup per column would cost more than the row.
                let relation = FunctionRelation(rawValue: row[11]) ?? .mentions
                let key: Int64 = row[3]
                let copy = Copy(hunk: row[0], messageID: row[7], subject: row[8], date: row[9],
                                dateText: row[10], header: row[1], section: row[2], depth: row[6])
                if groups[key] == nil {
                    order.append(key)
                    groups[key] = Group(file: HunkFingerprint.path(old: row[4], new: row[5]), shown: copy, relation: relation)
                }
                groups[key]?.add(copy, relation)
            }
            let hits = order.compactMap { groups[$0] }.map { g in
                FunctionHit(messageID: g.shown.messageID, subject: g.shown.subject, date: g.shown.date, dateText: g.shown.dateText,
                            file: g.file, header: g.shown.header, section: g.shown.section, relation: g.relation,
                            depth: g.shown.depth, count: g.hunks.count)
            }
            return hits.sorted(by: FunctionHit.newestFirst)
        }
    }
}

extension FunctionHit {
    /// Newest patch first; undated last; then by message, file and position, so the order is stable.
    static func newestFirst(_ a: FunctionHit, _ b: FunctionHit) -> Bool {
        if a.date != b.date { return (a.date ?? Int64.min) > (b.date ?? Int64.min) }
        if a.messageID != b.messageID { return a.messageID < b.messageID }
        if a.file != b.file { return a.file < b.file }
        let x = HunkRange(a.header), y = HunkRange(b.header)
        if x != y { return x < y }
        return a.header < b.header
    }
}

/// The new-side start of a `@@ -a,b +c,d @@` header, for ordering hunks of one file.
private func HunkRange(_ header: String) -> Int {
    guard let plus = header.firstIndex(of: "+") else { return 0 }
    return Int(header[header.index(after: plus)...].prefix { $0.isNumber }) ?? 0
}

private struct Copy {
    var hunk: Int64
    var messageID: String
    var subject: String
    var date: Int64?
    var dateText: String?
    var header: String
    var section: String
    var depth: Int

    /// The posting itself beats a quote of it; among equals the oldest.
    func isBetterShown(than other: Copy) -> Bool {
        if depth != other.depth { return depth < other.depth }
        if date != other.date { return (date ?? Int64.max) < (other.date ?? Int64.max) }
        return messageID < other.messageID
    }
}

private struct Group {
    var file: String
    var shown: Copy
    var relation: FunctionRelation
    var hunks: Set<Int64> = []

    mutating func add(_ copy: Copy, _ r: FunctionRelation) {
        hunks.insert(copy.hunk)
        if r.strength > relation.strength { relation = r }
        if copy.isBetterShown(than: shown) { shown = copy }
    }
}
