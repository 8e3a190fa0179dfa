import GRDB
import ListArcCore

/// One message of a stored thread.
public struct ThreadMessage: Sendable, Hashable {
    public var messageID: String
    public var parent: String?
    public var inferred: Bool
    public var subject: String
    public var from: String
    /// UTC seconds when the Date header could be read.
    public var date: Int64?
    public var dateText: String?

    public init(messageID: String, parent: String?, inferred: Bool, subject: String, from: String, date: Int64?, dateText: String?) {
        self.messageID = messageID
        self.parent = parent
        self.inferred = inferred
        self.subject = subject
        self.from = from
        self.date = date
        self.dateText = dateText
    }
}

extension Archive {
    /// Every stored message of the thread `messageID` belongs to, or nil when that
    /// message is not stored.
    public func thread(containing messageID: String) throws -> [ThreadMessage]? {
        try read { db in
            guard let root = try String.fetchOne(db, sql: "SELECT COALESCE(thread_root, message_id) FROM messages WHERE message_id = ?",
                                                 arguments: [messageID]) else { return nil }
            let rows = try Row.fetchAll(db, sql: """
                SELECT message_id, parent_id, parent_inferred, subject, author, date, date_text FROM messages
                WHERE thread_root = ? OR message_id = ? ORDER BY date, message_id
                """, arguments: [root, messageID])
            return rows.map { r in
                ThreadMessage(messageID: r["message_id"], parent: r["parent_id"], inferred: r["parent_inferred"], subject: r["subject"],
                              from: r["author"], date: r["date"], dateText: r["date_text"])
            }
        }
    }
}
