import Foundation
import GRDB
import GRDBSQLite

/// The strings of a hit (its `hunk_labels` row) looked up by hunk, for scans that read
/// integers only.
struct FunctionTexts {
    private let statement: Statement
    private let error: (Int32) -> any Error

    struct Strings {
        var messageID, subject, dateText, header, section, path: TextBuffer.Slice
    }

    init(_ db: Database, error: @escaping (Int32) -> any Error) throws {
        statement = try db.makeStatement(sql: """
            SELECT message_id, subject, date_text, old_path, new_path, header, section FROM hunk_labels WHERE hunk = ?
            """)
        self.error = error
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    /// Steps to the hunk's row; the caller reads it, then resets.
    private func seek(_ hunk: Int64) throws {
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, hunk)
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_ROW else { throw rc == SQLITE_DONE ? DatabaseError(message: "hunk_labels has no hunk \(hunk)") : error(rc) }
    }

    func read(_ hunk: Int64, into text: inout TextBuffer) throws -> Strings {
        try seek(hunk)
        defer { sqlite3_reset(handle) }
        return Strings(messageID: text.append(Self.bytes(handle, 0)), subject: text.append(Self.bytes(handle, 1)),
                       dateText: text.append(Self.bytes(handle, 2)), header: text.append(Self.bytes(handle, 5)),
                       section: text.append(Self.bytes(handle, 6)),
                       path: text.append(Self.path(old: Self.bytes(handle, 3), new: Self.bytes(handle, 4))))
    }

    func messageID(_ hunk: Int64) throws -> [UInt8] {
        try seek(hunk)
        defer { sqlite3_reset(handle) }
        return Self.bytes(handle, 0).map(Array.init) ?? []
    }

    /// A text column's bytes up to the first NUL, as GRDB reads a `String` (`String(cString:)`).
    static func bytes(_ handle: SQLiteStatement, _ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, i))
        let end = memchr(p, 0, n).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - p } ?? n
        return UnsafeBufferPointer(start: p, count: end)
    }

    /// `HunkFingerprint.path(old:new:)` of two paths, without the intermediate strings.
    static func path(old: UnsafeBufferPointer<UInt8>?, new: UnsafeBufferPointer<UInt8>?) -> UnsafeBufferPointer<UInt8>? {
        let n = new.map(plain), o = old.map(plain)
        if let n, !n.elementsEqual("/dev/null".utf8) { return n }
        return o ?? n
    }

    /// Without `a/` or `b/`.
    private static func plain(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let cut = b.count >= 2 && (b[0] == UInt8(ascii: "a") || b[0] == UInt8(ascii: "b")) && b[1] == UInt8(ascii: "/") ? 2 : 0
        return UnsafeBufferPointer(rebasing: b[cut...])
    }
}
