import GRDB
import ListArcCore

/// A stored message's text and headers, enough to analyse it again.
public struct StoredMessage: Sendable, Hashable {
    public var messageID: String
    public var subject: String
    public var from: String
    public var dateText: String?
    public var inReplyTo: String?
    public var references: [String]
    /// The raw mail when the archive has it (mail files, public-inbox raw copies).
    public var raw: String?
    public var body: String
    public var sourceURL: String?
}

extension Archive {
    public func storedMessage(_ messageID: String) throws -> StoredMessage? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: """
                SELECT message_id, subject, author, date_text, in_reply_to, "references", raw, body, source_url
                FROM messages WHERE message_id = ?
                """, arguments: [messageID]) else { return nil }
            let refs: String? = r["references"]
            return StoredMessage(messageID: r["message_id"], subject: r["subject"], from: r["author"], dateText: r["date_text"],
                                 inReplyTo: r["in_reply_to"], references: refs.map { $0.split(separator: " ").map(String.init) } ?? [],
                                 raw: r["raw"], body: r["body"], sourceURL: r["source_url"])
        }
    }

    /// The Message-ID stored from this page or file URL, if any.
    public func messageID(forSource url: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT m.message_id FROM sources s JOIN messages m ON m.id = s.message WHERE s.url = ?", arguments: [url])
        }
    }
}
