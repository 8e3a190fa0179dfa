import GRDB

/// Counts of what the archive holds.
public struct ArchiveStatistics: Sendable, Hashable, Codable {
    public var lists: Int
    public var messages: Int
    public var threads: Int
    public var diffs: Int
    public var hunks: Int
    public var reports: Int

    public init(lists: Int = 0, messages: Int = 0, threads: Int = 0, diffs: Int = 0, hunks: Int = 0, reports: Int = 0) {
        self.lists = lists
        self.messages = messages
        self.threads = threads
        self.diffs = diffs
        self.hunks = hunks
        self.reports = reports
    }
}

extension Archive {
    public func statistics() throws -> ArchiveStatistics {
        try read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return ArchiveStatistics(
                lists: try count("SELECT COUNT(*) FROM lists"),
                messages: try count("SELECT COUNT(*) FROM messages"),
                threads: try count("SELECT COUNT(DISTINCT COALESCE(thread_root, message_id)) FROM messages"),
                diffs: try count("SELECT COUNT(*) FROM diffs"),
                hunks: try count("SELECT COUNT(*) FROM hunks"),
                reports: try count("SELECT COUNT(*) FROM reports"))
        }
    }
}
