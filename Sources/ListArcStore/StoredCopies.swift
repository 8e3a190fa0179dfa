import GRDB
import ListArcCore

/// Tells an import, before it analyses a message, whether the archive already holds
/// an equal or better copy (then storing would change nothing, and the analysis is
/// skipped). Reads through its own connection: in WAL mode it sees the last commit
/// without waiting for the writer. Only a hint — the writer decides again inside its
/// transaction and analyses the message itself if the hint was stale.
public final class StoredCopies {
    private let queue: DatabaseQueue
    private let parserVersion: Int

    public init(archive: Archive, parserVersion: Int = Archive.parserVersion) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(600)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA mmap_size = 0")
        }
        queue = try DatabaseQueue(path: archive.path, configuration: config)
        self.parserVersion = parserVersion
    }

    /// Whether the stored copy of the message is at least as good as it (the rule of
    /// `BatchWriter.store`: only a better rank or a newer parser replaces a copy).
    public func holdsCopy(of message: PreparedMessage) -> Bool {
        guard let row = try? queue.read({ db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT copy_rank, parser_version FROM messages WHERE message_id = ?"), arguments: [message.id])
        }) else { return false }
        let storedRank: Int = row["copy_rank"], storedParser: Int = row["parser_version"]
        return storedRank > message.rank || (storedRank == message.rank && storedParser >= parserVersion)
    }
}
