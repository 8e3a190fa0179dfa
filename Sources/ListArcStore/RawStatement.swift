import GRDB
import GRDBSQLite

/// A prepared GRDB statement driven through the SQLite C API: bound and stepped
/// directly, reset and reused for every row of the hot insert loops.
struct RawStatement {
    let statement: Statement
    let connection: SQLiteConnection

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        guard let connection = db.sqliteConnection else { throw DatabaseError(message: "database connection is closed") }
        self.connection = connection
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        var v = value
        v.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                _ = sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text(handle, index, $0, Int32(buffer.count), sqliteTransient)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

    /// Steps to completion; returns the last inserted rowid.
    @discardableResult
    func run() throws -> Int64 {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
        }
        return sqlite3_last_insert_rowid(connection)
    }
}

/// SQLite copies the bytes before bind returns (SQLITE_TRANSIENT).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
