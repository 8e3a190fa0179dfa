import GRDB
import ListArcCore

/// Keeps parent links and thread roots right as messages arrive in any order:
/// infers parents for replies that name none (against messages already stored),
/// re-infers older such replies when a batch brings a candidate for them, and
/// recomputes `thread_root` below every message whose place changed.
struct ThreadMaintenance {
    let db: Database
    /// Candidates examined per source, newest first (bounds the work per reply).
    static let candidateLimit = 60

    init(_ db: Database) { self.db = db }

    func update(touched: [(id: String, subjectKey: String, date: Int64?)], replies: [String: ThreadNode]) throws {
        var scope = replies
        try addStoredReplies(affectedBy: touched, to: &scope)
        var changed = touched.map(\.id)
        var cache: [String: ThreadNode] = [:]
        for (_, reply) in scope.sorted(by: { ($0.value.date ?? .max, $0.key) < ($1.value.date ?? .max, $1.key) }) {
            let candidates = try candidates(for: reply, cache: &cache)
            var parent = ParentInference.parent(of: reply, among: candidates)?.parent
            if let p = parent, try isAncestor(reply.id, of: p) { parent = nil }
            let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT parent_id, parent_inferred FROM messages WHERE message_id = ?"),
                                           arguments: [reply.id])
            let currentParent: String? = current?["parent_id"]
            if currentParent != parent {
                try db.execute(sql: "UPDATE messages SET parent_id = ?, parent_inferred = ? WHERE message_id = ?",
                               arguments: [parent, parent != nil, reply.id])
                changed.append(reply.id)
            }
        }
        try updateRoots(below: changed)
    }

    /// Stored replies without a parent that this batch may answer: same subject, or
    /// their body names one of the batch's Message-IDs.
    private func addStoredReplies(affectedBy touched: [(id: String, subjectKey: String, date: Int64?)], to scope: inout [String: ThreadNode]) throws {
        let keys = Array(Set(touched.map(\.subjectKey).filter { !$0.isEmpty }))
        // A new message can only be the parent of a reply written after it: when a
        // chronological import moves on, older stored replies are not looked at again.
        var earliest = Int64.min
        if !touched.contains(where: { $0.date == nil }), let first = touched.compactMap(\.date).min() {
            earliest = first - ParentInferenceSkew.seconds
        }
        var ids: Set<String> = []
        for chunk in stride(from: 0, to: keys.count, by: 400).map({ Array(keys[$0..<min($0 + 400, keys.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            ids.formUnion(try String.fetchAll(db, sql: "SELECT message_id FROM messages WHERE needs_inference = 1 AND subject_key IN (\(marks)) AND (date IS NULL OR date >= ?)",
                                              arguments: StatementArguments(chunk) + [earliest]))
        }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM mentions)") == true {
            for t in touched {
                guard let local = localPart(t.id) else { continue }
                ids.formUnion(try String.fetchAll(db, sql: """
                    SELECT m.message_id FROM mentions JOIN messages m ON m.id = mentions.message
                    WHERE mentions.mentioned >= ? AND mentions.mentioned < ? AND m.needs_inference = 1
                    """, arguments: [local + "@", local + "A"]))
            }
        }
        for id in ids where scope[id] == nil {
            if let row = try Row.fetchOne(db, sql: "SELECT \(ThreadMaintenance.nodeColumns) FROM messages WHERE message_id = ?", arguments: [id]) {
                scope[id] = node(row)
            }
        }
    }

    static let nodeColumns = #"message_id, subject, author, date, in_reply_to, "references", body"#

    private func node(_ row: Row) -> ThreadNode {
        let body: String = row["body"] ?? ""
        let analysis = QuoteAnalyzer.analyse(body)
        let refs: String? = row["references"]
        return ThreadNode(id: row["message_id"], subject: row["subject"] ?? "", from: row["author"] ?? "", date: row["date"],
                          inReplyTo: row["in_reply_to"], references: refs.map { $0.split(separator: " ").map(String.init) } ?? [],
                          lines: analysis.lines, attributions: analysis.attributions)
    }

    private func candidates(for reply: ThreadNode, cache: inout [String: ThreadNode]) throws -> [ThreadNode] {
        var rows: [Row] = []
        let latest = reply.date.map { $0 + ParentInferenceSkew.seconds } ?? Int64.max
        if !reply.subjectKey.isEmpty {
            rows += try Row.fetchAll(db, sql: """
                SELECT \(ThreadMaintenance.nodeColumns) FROM messages
                WHERE subject_key = ? AND message_id != ? AND (date IS NULL OR date <= ?) ORDER BY date DESC LIMIT \(ThreadMaintenance.candidateLimit)
                """, arguments: [reply.subjectKey, reply.id, latest])
        }
        for mention in Set(reply.mentions) {
            guard let local = localPart(mention) else { continue }
            rows += try Row.fetchAll(db, sql: "SELECT \(ThreadMaintenance.nodeColumns) FROM messages WHERE message_id >= ? AND message_id < ? LIMIT 20",
                                     arguments: [local + "@", local + "A"])
        }
        // The attribution's date (zone unknown: UTC-12…UTC+14) finds parents whose subject changed.
        let attributionText = reply.attributionLines.joined(separator: " ").lowercased()
        for local in reply.attributionLines.compactMap(AttributionDate.init).compactMap(\.localEpoch) {
            let window = try Row.fetchAll(db, sql: """
                SELECT \(ThreadMaintenance.nodeColumns), author_name FROM messages
                WHERE date BETWEEN ? AND ? AND message_id != ? LIMIT \(ThreadMaintenance.candidateLimit)
                """, arguments: [local - 14 * 3600, local + 12 * 3600 + 60, reply.id])
            rows += window.filter { row in
                guard let name: String = row["author_name"] else { return false }
                return ParentInference.nameMatches(name, in: attributionText)
            }
        }
        var out: [ThreadNode] = []
        var seen: Set<String> = []
        for row in rows {
            let id: String = row["message_id"]
            guard seen.insert(id).inserted else { continue }
            if let cached = cache[id] { out.append(cached); continue }
            let n = node(row)
            cache[id] = n
            out.append(n)
        }
        return out
    }

    /// Whether `ancestor` is `id` or above it through stored parent links.
    private func isAncestor(_ ancestor: String, of id: String) throws -> Bool {
        let parentOf = try self.parentOf
        var cursor: String? = id
        var seen: Set<String> = []
        while let c = cursor, seen.insert(c).inserted {
            if c == ancestor { return true }
            cursor = try String.fetchOne(parentOf, arguments: [c])
        }
        return false
    }

    /// The topmost known ancestor: a stored message without parent, or the id of a
    /// parent that is not stored (a "ghost" such as a cover letter never archived).
    func root(of id: String) throws -> String {
        var cursor = id
        var seen: Set<String> = [id]
        let parentOf = try self.parentOf
        while let p = try String.fetchOne(parentOf, arguments: [cursor]) {
            guard seen.insert(p).inserted else { return seen.min() ?? cursor } // a cycle: any stable member
            cursor = p
        }
        return cursor
    }

    private func updateRoots(below ids: [String]) throws {
        var done: Set<String> = []
        for id in ids where done.insert(id).inserted {
            let root = try root(of: id)
            try db.cachedStatement(sql: """
                WITH RECURSIVE below(id) AS (
                    SELECT ? UNION SELECT m.message_id FROM messages m JOIN below ON m.parent_id = below.id
                )
                UPDATE messages SET thread_root = ? WHERE message_id IN (SELECT id FROM below) AND thread_root IS NOT ?
                """).execute(arguments: [id, root, root])
        }
    }

    /// Compiled once per connection: every stored message's root is walked up to.
    private var parentOf: Statement {
        get throws { try db.cachedStatement(sql: "SELECT parent_id FROM messages WHERE message_id = ?") }
    }

    private func localPart(_ id: String) -> String? {
        guard let at = id.firstIndex(of: "@"), at != id.startIndex else { return nil }
        return String(id[..<at])
    }
}

/// Clock skew allowed between a parent and its reply (as in `ParentInference`).
enum ParentInferenceSkew {
    static let seconds: Int64 = 2 * 3600
}
