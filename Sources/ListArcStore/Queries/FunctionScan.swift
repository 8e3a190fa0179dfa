import Foundation
import GRDB
import GRDBSQLite
import ListArcCore

/// `search function`'s pass over the `function_hunks` rows of a name: groups the copies
/// of each hunk (by fingerprint), keeps the copy to show, then sorts and makes the hits.
///
/// Built for names with thousands of rows: a row is decided by its integers; the strings
/// of a copy to show are copied as bytes into one buffer (no `String`, no allocation per
/// row); the sort compares integers first (the same message or file row has the same
/// strings) and bytes only on a tie; a hit's strings are made once per message and file.
struct FunctionScan {
    /// The SELECT list, in the order the `Column` positions read it.
    static let columns = "hunk, relation, fingerprint, depth, date, new_start, message, file, message_id, subject, date_text, old_path, new_path, header, section"
    private enum Column {
        static let hunk: Int32 = 0, relation: Int32 = 1, fingerprint: Int32 = 2, depth: Int32 = 3, date: Int32 = 4, newStart: Int32 = 5
        static let message: Int32 = 6, file: Int32 = 7, messageID: Int32 = 8, subject: Int32 = 9, dateText: Int32 = 10
        static let oldPath: Int32 = 11, newPath: Int32 = 12, header: Int32 = 13, section: Int32 = 14
    }

    private let handle: SQLiteStatement
    private let twoNames: Bool
    private var text = TextBuffer()
    private var index: [Int64: Int] = [:]   // fingerprint → group
    private var groups: [Group] = []

    init(_ handle: SQLiteStatement, twoNames: Bool) {
        self.handle = handle
        self.twoNames = twoNames
    }

    /// Steps the statement to its end.
    mutating func run(error: (Int32) -> any Error) throws {
        // A hunk comes once per relation (consecutive rows), and under both names
        // (`sys_brk` and `SYSCALL_DEFINE1(brk)`): only then is a set of all needed.
        var seen: Set<Int64> = []
        var previous: Int64?
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc) }
            let hunk = int(Column.hunk), relation = Int(int(Column.relation)), fingerprint = int(Column.fingerprint)
            let again = hunk == previous || (twoNames && !seen.insert(hunk).inserted)
            previous = hunk
            if again {
                if let g = index[fingerprint] { groups[g].raise(relation) }
                continue
            }
            guard let g = index[fingerprint] else {
                index[fingerprint] = groups.count
                let file = int(Column.file)
                groups.append(Group(file: file, path: text.append(path()), shown: shownCopy(), relation: relation))
                continue
            }
            groups[g].count += 1
            groups[g].raise(relation)
            if isBetter(than: groups[g].shown) { groups[g].shown = shownCopy() }
        }
    }

    /// The hits, newest patch first; undated last; then by Message-ID, file, position
    /// (new-side start line) and hunk header, so the order is stable.
    func hitsNewestFirst() -> [FunctionHit] {
        let order = groups.withUnsafeBufferPointer { g in
            g.indices.sorted { i, j in
                let a = g[i].shown, b = g[j].shown
                if a.date != b.date { return (a.date ?? Int64.min) > (b.date ?? Int64.min) }
                if a.message != b.message, case let c = text.order(a.messageID, b.messageID), c != 0 { return c < 0 }
                if g[i].file != g[j].file, case let c = text.order(g[i].path, g[j].path), c != 0 { return c < 0 }
                if a.newStart != b.newStart { return a.newStart < b.newStart }
                return text.order(a.header, b.header) < 0
            }
        }
        // Hits of one message (and file) come together: their strings are shared.
        var message: (id: Int64, messageID: String, subject: String, dateText: String?)?
        var file: (id: Int64, path: String)?
        var hits: [FunctionHit] = []
        hits.reserveCapacity(order.count)
        for i in order {
            let g = groups[i], s = g.shown
            if message?.id != s.message {
                message = (s.message, text.string(s.messageID) ?? "", text.string(s.subject) ?? "", text.string(s.dateText))
            }
            if file?.id != g.file { file = (g.file, text.string(g.path) ?? "") }
            guard let message, let file else { continue }
            hits.append(FunctionHit(messageID: message.messageID, subject: message.subject, date: s.date, dateText: message.dateText,
                                    file: file.path, header: text.string(s.header) ?? "", section: text.string(s.section) ?? "",
                                    relation: FunctionRelation(strength: g.relation), depth: s.depth, count: g.count))
        }
        return hits
    }

    // MARK: the current row

    private func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    private func optionalInt(_ i: Int32) -> Int64? {
        sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, i)
    }

    /// A text column's bytes up to the first NUL, as GRDB reads a `String` (`String(cString:)`).
    private func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, i))
        let end = memchr(p, 0, n).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - p } ?? n
        return UnsafeBufferPointer(start: p, count: end)
    }

    /// `HunkFingerprint.path(old:new:)` of the row's paths.
    private func path() -> UnsafeBufferPointer<UInt8>? {
        let n = bytes(Column.newPath).map(Self.plain), o = bytes(Column.oldPath).map(Self.plain)
        if let n, !n.elementsEqual("/dev/null".utf8) { return n }
        return o ?? n
    }

    /// Without `a/` or `b/`.
    private static func plain(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let cut = b.count >= 2 && (b[0] == UInt8(ascii: "a") || b[0] == UInt8(ascii: "b")) && b[1] == UInt8(ascii: "/") ? 2 : 0
        return UnsafeBufferPointer(rebasing: b[cut...])
    }

    private mutating func shownCopy() -> Shown {
        Shown(depth: Int(int(Column.depth)), date: optionalInt(Column.date), message: int(Column.message), newStart: Int(int(Column.newStart)),
              messageID: text.append(bytes(Column.messageID)), subject: text.append(bytes(Column.subject)),
              dateText: text.append(bytes(Column.dateText)), header: text.append(bytes(Column.header)),
              section: text.append(bytes(Column.section)))
    }

    /// The posting itself beats a quote of it; among equals the oldest, then the first
    /// Message-ID (read only when depth and date tie between two messages).
    private func isBetter(than shown: Shown) -> Bool {
        let depth = Int(int(Column.depth))
        if depth != shown.depth { return depth < shown.depth }
        let date = optionalInt(Column.date)
        if date != shown.date { return (date ?? Int64.max) < (shown.date ?? Int64.max) }
        guard int(Column.message) != shown.message else { return false }
        return text.order(bytes(Column.messageID), shown.messageID) < 0
    }

    private struct Shown {
        var depth: Int
        var date: Int64?
        /// The message row: one row, one Message-ID, subject and date text.
        var message: Int64
        var newStart: Int
        var messageID, subject, dateText, header, section: TextBuffer.Slice
    }

    private struct Group {
        /// The file row the path was read from.
        var file: Int64
        var path: TextBuffer.Slice
        var shown: Shown
        /// `FunctionRelation.strength`, the strongest of the copies.
        var relation: Int
        /// Distinct hunks (copies) in the group.
        var count = 1

        mutating func raise(_ strength: Int) {
            if strength > relation { relation = strength }
        }
    }
}

/// Text columns kept as bytes in one growing buffer; a `Slice` (start, count; count -1 =
/// NULL) names one.
struct TextBuffer {
    struct Slice { var start: Int; var count: Int }
    private var bytes: [UInt8] = []

    mutating func append(_ b: UnsafeBufferPointer<UInt8>?) -> Slice {
        guard let b else { return Slice(start: 0, count: -1) }
        let start = bytes.count
        bytes.append(contentsOf: b)
        return Slice(start: start, count: b.count)
    }

    func string(_ s: Slice) -> String? {
        guard s.count >= 0 else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s.start..<s.start + s.count]), as: UTF8.self) }
    }

    /// The order of the two texts as `String` orders them (NULL as ""): bytes when both
    /// are ASCII, else the strings themselves.
    func order(_ a: Slice, _ b: Slice) -> Int {
        bytes.withUnsafeBufferPointer { all in
            Self.order(all, a, UnsafeBufferPointer(rebasing: all[b.start..<b.start + max(b.count, 0)]))
        }
    }

    /// `other` (a row's bytes, nil = NULL) against a kept slice.
    func order(_ other: UnsafeBufferPointer<UInt8>?, _ kept: Slice) -> Int {
        bytes.withUnsafeBufferPointer { all in
            -Self.order(all, kept, other ?? UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    private static func order(_ all: UnsafeBufferPointer<UInt8>, _ a: Slice, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let x = UnsafeBufferPointer(rebasing: all[a.start..<a.start + max(a.count, 0)])
        guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else {
            let s = String(decoding: x, as: UTF8.self), t = String(decoding: y, as: UTF8.self)
            return s < t ? -1 : s == t ? 0 : 1
        }
        let n = min(x.count, y.count)
        if n > 0, let xp = x.baseAddress, let yp = y.baseAddress {
            let c = memcmp(xp, yp, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return x.count < y.count ? -1 : x.count == y.count ? 0 : 1
    }
}
