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
    /// Only the first N hits (nil: all); `FunctionSearch.total` still counts them all.
    public var limit: Int?
    public init(name: String, relation: FunctionRelation? = nil, file: String? = nil, since: Int64? = nil, list: String? = nil,
                limit: Int? = nil) {
        self.name = name
        self.relation = relation
        self.file = file
        self.since = since
        self.list = list
        self.limit = limit
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

/// The hits of a `search function`, and how many there are without the limit.
public struct FunctionSearch: Sendable, Hashable {
    public var hits: [FunctionHit]
    public var total: Int
}

extension Archive {
    /// The hits of `query` (up to its limit), newest patch first.
    public func searchFunction(_ query: FunctionQuery) throws -> [FunctionHit] {
        try searchFunctionCounting(query).hits
    }

    /// Hunks that modify, call or mention `query.name`, one per distinct hunk (stored
    /// fingerprint: file, header and text), newest patch first. The copy shown is the
    /// least quoted (the posting itself when archived), then the oldest, then the first
    /// Message-ID.
    ///
    /// One range scan of `function_hunks`, stepped through SQLite's C API: rows are
    /// decided by their integers, and strings are read only of a copy that will be shown
    /// (with a limit, looked up by hunk after a scan of integers only; see `FunctionScan`).
    public func searchFunctionCounting(_ query: FunctionQuery) throws -> FunctionSearch {
        let typed = query.name.trimmingCharacters(in: .whitespaces)
        let names = Array(Set([typed, FunctionName.normalise(typed)].filter { !$0.isEmpty }))
        guard !names.isEmpty else { return FunctionSearch(hits: [], total: 0) }
        // Up to a few thousand hits shown, the strings of the shown ones are looked up;
        // beyond, reading them in the scan costs less.
        let lookUp = query.limit.map { $0 <= 2_000 } ?? false
        let file = query.file.flatMap(HunkFingerprint.plainPath)
        // The labels are joined row by row (CROSS JOIN: the name's range scan stays outside).
        var sql = """
            SELECT \(FunctionScan.columns(strings: !lookUp))
            FROM function_hunks k\(!lookUp || file != nil ? " CROSS JOIN hunk_labels l ON l.hunk = k.hunk" : "")
            WHERE k.function IN (\(names.map { _ in "?" }.joined(separator: ", ")))
            """
        var args: [(any DatabaseValueConvertible)?] = names
        if let r = query.relation { sql += " AND k.relation = ?"; args.append(r.strength) }
        if let file {
            sql += " AND (l.new_path IN (?, 'b/' || ?) OR l.old_path IN (?, 'a/' || ?))"
            args += [file, file, file, file]
        }
        if let since = query.since { sql += " AND k.date >= ?"; args.append(since) }
        if let list = query.list {
            sql += " AND k.list IN (SELECT id FROM lists WHERE name = ? OR host || '/' || name = ?)"
            args += [list, list]
        }
        // In (function, hunk) order: which of two fully tied copies is shown must not
        // depend on the plan.
        sql += " ORDER BY k.function, k.hunk"
        return try read { db in
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(StatementArguments(args))
            let error = { (rc: Int32) -> any Error in
                DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            let texts = lookUp ? try FunctionTexts(db, error: error) : nil
            var scan = FunctionScan(statement.sqliteStatement, twoNames: names.count > 1, texts: texts)
            defer { sqlite3_reset(statement.sqliteStatement) }
            try scan.run(error: error)
            let (hits, total) = try scan.hitsNewestFirst(limit: query.limit.map { max($0, 0) })
            return FunctionSearch(hits: hits, total: total)
        }
    }
}

extension FunctionRelation {
    /// From `strength` (as `function_hunks` stores it).
    init(strength: Int) {
        self = strength >= 3 ? .modifies : strength == 2 ? .calls : .mentions
    }
}
