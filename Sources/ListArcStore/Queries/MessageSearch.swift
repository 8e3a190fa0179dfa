import Foundation
import GRDB
import ListArcCore

/// One message found by `search QUERY`.
public struct MessageHit: Sendable, Hashable {
    public var messageID: String
    public var subject: String
    public var from: String
    public var date: Int64?
    public var dateText: String?
}

extension Archive {
    /// Messages matching a parsed lore/lei query, newest first (undated last).
    /// Every user value is a bound parameter or a quoted FTS5 string.
    public func search(_ query: QueryNode, limit: Int = 200) throws -> [MessageHit] {
        var compiled = QuerySQL()
        guard let condition = compiled.condition(query) else {
            throw InputError("query", "nothing to search for (no word, date, Message-ID or function in it)")
        }
        let sql = """
            SELECT m.message_id, m.subject, m.author, m.date, m.date_text FROM messages m
            WHERE \(condition)
            ORDER BY m.date IS NULL, m.date DESC, m.message_id
            LIMIT ?
            """
        let arguments = StatementArguments(compiled.arguments + [max(0, limit)])
        return try read { db in
            db.add(function: ChangedLineFunction.function)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { r in
                MessageHit(messageID: r["message_id"], subject: r["subject"], from: r["author"], date: r["date"], dateText: r["date_text"])
            }
        }
    }
}

/// A query compiled to an SQL condition on `messages m` and its bound arguments.
struct QuerySQL {
    var arguments: [(any DatabaseValueConvertible)?] = []

    /// nil when the node has nothing searchable (it then constrains nothing).
    mutating func condition(_ node: QueryNode) -> String? {
        switch node {
        case let .and(parts):
            let c = parts.compactMap { condition($0) }
            return c.isEmpty ? nil : c.count == 1 ? c[0] : "(" + c.joined(separator: " AND ") + ")"
        case let .or(parts):
            let c = parts.compactMap { condition($0) }
            return c.isEmpty ? nil : c.count == 1 ? c[0] : "(" + c.joined(separator: " OR ") + ")"
        case let .not(inner):
            return condition(inner).map { "NOT " + $0 }
        case let .date(from, to):
            var c = ["m.date IS NOT NULL"]
            if let from { c.append("m.date >= ?"); arguments.append(from) }
            if let to { c.append("m.date < ?"); arguments.append(to) }
            return "(" + c.joined(separator: " AND ") + ")"
        case let .term(t):
            return term(t)
        }
    }

    private static let hunkMessages = """
        SELECT d.message FROM hunks h JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff
        """

    private mutating func term(_ t: QueryTerm) -> String? {
        switch t.field {
        case .text, .subject, .from, .body, .bodySubject:
            guard let match = FTSMatch.string(for: t) else { return nil }
            arguments.append(match)
            return "m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)"
        case .messageID:
            let id = MessageID.first(in: t.value) ?? t.value.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
            arguments.append(id)
            return "m.message_id = ?"
        case .diffFile:
            arguments += [t.value, t.value]
            return "m.id IN (SELECT d.message FROM files f JOIN diffs d ON d.id = f.diff WHERE instr(f.new_path, ?) > 0 OR instr(f.old_path, ?) > 0)"
        case .hunkHeader:
            arguments.append(t.value)
            return "m.id IN (\(Self.hunkMessages) WHERE instr(h.section, ?) > 0)"
        case .added, .removed:
            arguments += [t.value, t.field == .added ? "+" : "-", t.value]
            return "m.id IN (\(Self.hunkMessages) WHERE instr(h.text, ?) > 0 AND \(ChangedLineFunction.name)(h.text, ?, ?))"
        case .function:
            let names = Array(Set([t.value, FunctionName.normalise(t.value)]))
            arguments += names.map { $0 as (any DatabaseValueConvertible)? }
            return "m.id IN (SELECT message FROM function_hunks WHERE function IN (\(names.map { _ in "?" }.joined(separator: ", "))))"
        }
    }
}

/// `listarc_changed_line(text, marker, needle)`: whether a line of the hunk text that
/// starts with `marker` (`+` or `-`) contains `needle` (for `dfa:` / `dfb:`).
enum ChangedLineFunction {
    static let name = "listarc_changed_line"
    static let function = DatabaseFunction(name, argumentCount: 3, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let marker = String.fromDatabaseValue(values[1])?.utf8.first,
              let needle = String.fromDatabaseValue(values[2]) else { return false }
        let needleBytes = Array(needle.utf8)
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true) where line.first == marker {
            if line.dropFirst().firstRange(of: needleBytes) != nil { return true }
        }
        return false
    }
}
