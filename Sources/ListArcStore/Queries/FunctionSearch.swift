import Foundation
import GRDB
import GRDBSQLite
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
    /// fingerprint: file, header and text), newest patch first. The copy shown is the
    /// least quoted (the posting itself when archived), then the oldest, then the first
    /// Message-ID.
    ///
    /// One range scan of `function_hunks`, stepped through SQLite's C API: most rows are
    /// decided by their integers, and the strings are read only of a copy that will be
    /// shown.
    public func searchFunction(_ query: FunctionQuery) throws -> [FunctionHit] {
        let typed = query.name.trimmingCharacters(in: .whitespaces)
        let names = Array(Set([typed, FunctionName.normalise(typed)].filter { !$0.isEmpty }))
        guard !names.isEmpty else { return [] }
        var sql = """
            SELECT hunk, relation, fingerprint, depth, date, new_start, message_id, subject, date_text, old_path, new_path, header, section
            FROM function_hunks
            WHERE function IN (\(names.map { _ in "?" }.joined(separator: ", ")))
            """
        var args: [(any DatabaseValueConvertible)?] = names
        if let r = query.relation { sql += " AND relation = ?"; args.append(r.strength) }
        if let file = query.file.flatMap(HunkFingerprint.plainPath) {
            sql += " AND (new_path IN (?, 'b/' || ?) OR old_path IN (?, 'a/' || ?))"
            args += [file, file, file, file]
        }
        if let since = query.since { sql += " AND date >= ?"; args.append(since) }
        if let list = query.list {
            sql += " AND list IN (SELECT id FROM lists WHERE name = ? OR host || '/' || name = ?)"
            args += [list, list]
        }
        // In (function, hunk) order: which of two fully tied copies is shown must not
        // depend on the plan.
        sql += " ORDER BY function, hunk"
        return try read { db in
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(StatementArguments(args))
            let row = ScanRow(statement.sqliteStatement)
            defer { sqlite3_reset(row.handle) }
            var index: [Int64: Int] = [:]   // fingerprint → group
            var groups: [Group] = []
            // A hunk comes once per relation (consecutive rows), and under both names
            // (`sys_brk` and `SYSCALL_DEFINE1(brk)`): only then is a set of all needed.
            var seen: Set<Int64> = []
            var previous: Int64?
            while true {
                let rc = sqlite3_step(row.handle)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
                let hunk = row.int(0), relation = Int(row.int(1)), fingerprint = row.int(2)
                let again = hunk == previous || (names.count > 1 && !seen.insert(hunk).inserted)
                previous = hunk
                if again {
                    if let g = index[fingerprint] { groups[g].raise(relation) }
                    continue
                }
                let depth = Int(row.int(3)), date = row.optionalInt(4)
                guard let g = index[fingerprint] else {
                    index[fingerprint] = groups.count
                    groups.append(Group(file: row.path(old: 9, new: 10), shown: Copy(row), relation: relation))
                    continue
                }
                groups[g].count += 1
                groups[g].raise(relation)
                if groups[g].shown.isWorse(thanDepth: depth, date: date, messageID: row.text(6) ?? "") { groups[g].shown = Copy(row) }
            }
            let hits = groups.map { g in
                FunctionHit(messageID: g.shown.messageID, subject: g.shown.subject, date: g.shown.date, dateText: g.shown.dateText,
                            file: g.file, header: g.shown.header, section: g.shown.section,
                            relation: FunctionRelation(strength: g.relation), depth: g.shown.depth, count: g.count)
            }
            return FunctionHit.newestFirst(hits, starts: groups.map(\.shown.newStart))
        }
    }
}

/// The current row of a stepped statement, read by column position.
private struct ScanRow {
    let handle: SQLiteStatement
    init(_ handle: SQLiteStatement) { self.handle = handle }

    func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    func optionalInt(_ i: Int32) -> Int64? {
        sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, i)
    }

    /// `HunkFingerprint.path(old:new:)` of two columns, without the intermediate strings.
    func path(old: Int32, new: Int32) -> String {
        let n = bytes(new).map(Self.plain), o = bytes(old).map(Self.plain)
        if let n, !n.elementsEqual("/dev/null".utf8) { return String(decoding: n, as: UTF8.self) }
        if let o { return String(decoding: o, as: UTF8.self) }
        if let n { return String(decoding: n, as: UTF8.self) }
        return ""
    }

    /// Without `a/` or `b/`.
    private static func plain(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let cut = b.count >= 2 && (b[0] == UInt8(ascii: "a") || b[0] == UInt8(ascii: "b")) && b[1] == UInt8(ascii: "/") ? 2 : 0
        return UnsafeBufferPointer(rebasing: b[cut...])
    }

    /// A text column's bytes up to the first NUL, as GRDB reads a `String` (`String(cString:)`).
    private func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, i))
        let end = memchr(p, 0, n).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - p } ?? n
        return UnsafeBufferPointer(start: p, count: end)
    }

    func text(_ i: Int32) -> String? {
        bytes(i).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension FunctionHit {
    /// Newest patch first; undated last; then by message, file and position (`starts`:
    /// each hunk's new-side start line), so the order is stable. Sorts positions: moving
    /// the hits themselves (six strings each) would cost more than comparing them.
    static func newestFirst(_ hits: [FunctionHit], starts: [Int]) -> [FunctionHit] {
        // Through buffer pointers: the comparisons read fields in place, without copying
        // (and retaining) whole hits.
        let order = hits.withUnsafeBufferPointer { h in
            starts.withUnsafeBufferPointer { s in
                h.indices.sorted { i, j in
                    if h[i].date != h[j].date { return (h[i].date ?? Int64.min) > (h[j].date ?? Int64.min) }
                    if h[i].messageID != h[j].messageID { return h[i].messageID < h[j].messageID }
                    if h[i].file != h[j].file { return h[i].file < h[j].file }
                    if s[i] != s[j] { return s[i] < s[j] }
                    return h[i].header < h[j].header
                }
            }
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

    /// From the current row of `searchFunction`'s scan.
    init(_ row: ScanRow) {
        depth = Int(row.int(3)); date = row.optionalInt(4); newStart = Int(row.int(5))
        messageID = row.text(6) ?? ""; subject = row.text(7) ?? ""; dateText = row.text(8)
        header = row.text(11) ?? ""; section = row.text(12) ?? ""
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
    /// `FunctionRelation.strength`, the strongest of the copies.
    var relation: Int
    /// Distinct hunks (copies) in the group.
    var count = 1

    mutating func raise(_ strength: Int) {
        if strength > relation { relation = strength }
    }
}

extension FunctionRelation {
    /// From `strength` (as `function_hunks` stores it).
    init(strength: Int) {
        self = strength >= 3 ? .modifies : strength == 2 ? .calls : .mentions
    }
}
