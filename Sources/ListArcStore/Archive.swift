import Foundation
import GRDB
import ListArcCore

/// The SQLite archive: one file in WAL mode, safe to share between processes
/// (each batch is one transaction; writers wait for each other).
public final class Archive: Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// Function attributions of hunks ingested through this object (repeats are common).
    let attributions = AttributionCache()

    /// Bumped when the analysis changes enough that stored messages should be redone.
    public static let parserVersion = 1

    /// Opens (and with `create`, makes) the archive at `path`, creating parent folders.
    /// `mapped`: read the file through a memory map (fast queries). Writers (import,
    /// fetch) pass false: mapped pages count as the process's memory, and a long import
    /// reading back across a gigabyte archive would show all of it as its RSS.
    public init(path: String, create: Bool = true, mapped: Bool = true) throws {
        self.path = path
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            guard create else { throw InputError(path, "no archive here (import or fetch something first)") }
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty {
                do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                    throw InputError(path, "cannot create the folder for the archive: \(error.localizedDescription)")
                }
            }
        }
        var config = Configuration()
        config.journalMode = .wal
        // Another import may hold the write lock for one batch; wait for it.
        config.busyMode = .timeout(600)
        config.prepareDatabase { db in
            // Queries jump between rows all over a large file (a function's hunks, their
            // messages): mapped pages cost a memory read where pread costs a system call.
            try db.execute(sql: """
                PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16000;
                PRAGMA mmap_size = \(mapped ? 2147418112 : 0)
                """)
        }
        let queue: DatabaseQueue
        do {
            queue = try Archive.retryingBusy { try DatabaseQueue(path: path, configuration: config) }
        } catch let e as DatabaseError {
            throw InputError(path, "cannot open the archive: \(e.message ?? e.description)")
        }
        self.queue = queue
        do {
            try Archive.retryingBusy { try Schema.migrator.migrate(queue) }
        } catch let e as DatabaseError {
            throw InputError(path, "not a listarc archive or damaged: \(e.message ?? e.description)")
        }
    }

    /// Two processes opening a fresh archive race to create it: the loser sees a busy
    /// database or tables that just appeared, and simply tries again.
    static func retryingBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do { return try body() } catch let e as DatabaseError where attempt < 20 &&
                (e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED || (e.message ?? "").contains("already exists")) {
                attempt += 1
                usleep(useconds_t(50_000 * attempt))
            }
        }
    }

    /// Runs `body` in one IMMEDIATE transaction (takes the write lock up front, so a
    /// concurrent writer waits in the busy handler instead of failing on upgrade).
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try Archive.retryingBusy {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw DatabaseError(message: "transaction produced no result") }
                return result
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    /// Whether a message with this Message-ID is stored.
    public func contains(messageID: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM messages WHERE message_id = ?)", arguments: [messageID]) ?? false }
    }

    /// Whether a page or file at this URL has been stored before.
    public func hasSource(url: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sources WHERE url = ?)", arguments: [url]) ?? false }
    }

    /// `PRAGMA integrity_check` result ("ok" when sound).
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }
}
