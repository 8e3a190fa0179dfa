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
///
/// Two ways to get the strings: read in the scan (`texts` nil: every hit will be shown),
/// or, when only the first N hits are wanted, a scan of integers only (SQLite then
/// copies no strings out of the rows) and a lookup by hunk of the strings of the hits
/// that can be among the first N (`FunctionTexts`).
struct FunctionScan {
    /// The SELECT list, in the order the `Column` positions read it.
    /// `k` is `function_hunks`, `l` its `hunk_labels`.
    static func columns(strings: Bool) -> String {
        "k.hunk, k.relation, k.fingerprint, k.depth, k.date, k.new_start, k.message, k.file"
            + (strings ? ", l.message_id, l.subject, l.date_text, l.old_path, l.new_path, l.header, l.section" : "")
    }

    private enum Column {
        static let hunk: Int32 = 0, relation: Int32 = 1, fingerprint: Int32 = 2, depth: Int32 = 3, date: Int32 = 4, newStart: Int32 = 5
        static let message: Int32 = 6, file: Int32 = 7, messageID: Int32 = 8, subject: Int32 = 9, dateText: Int32 = 10
        static let oldPath: Int32 = 11, newPath: Int32 = 12, header: Int32 = 13, section: Int32 = 14
    }

    private let handle: SQLiteStatement
    private let twoNames: Bool
    private let texts: FunctionTexts?
    private var text = TextBuffer()
    private var index = FingerprintTable()
    private var groups: [Group] = []
    private var ties: [Tie] = []

    init(_ handle: SQLiteStatement, twoNames: Bool, texts: FunctionTexts?) {
        self.handle = handle
        self.twoNames = twoNames
        self.texts = texts
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
                if let g = index.find(fingerprint) { groups[g].raise(relation) }
                continue
            }
            guard let g = index.find(fingerprint) else {
                index.insert(fingerprint, groups.count)
                let path = texts == nil ? text.append(path()) : TextBuffer.Slice.null
                groups.append(Group(file: int(Column.file), pathHunk: hunk, path: path, shown: shownCopy(hunk), relation: relation))
                continue
            }
            groups[g].count += 1
            groups[g].raise(relation)
            switch compare(with: groups[g].shown) {
            case .better:
                groups[g].shown = shownCopy(hunk)
                groups[g].ties = -1
            case .tied:
                // Decided by Message-ID: now, when the strings are at hand, else only if the
                // group is shown (`resolveTie`).
                if texts == nil {
                    if text.order(bytes(Column.messageID), groups[g].shown.messageID) < 0 { groups[g].shown = shownCopy(hunk) }
                } else {
                    ties.append(Tie(hunk: hunk, message: int(Column.message), newStart: Int(int(Column.newStart)), next: groups[g].ties))
                    groups[g].ties = ties.count - 1
                }
            case .worse:
                break
            }
        }
    }

    /// The first `limit` hits (all when nil), newest patch first; undated last; then by
    /// Message-ID, file, position (new-side start line) and hunk header, so the order is
    /// stable. `total`: how many hits there are in all.
    mutating func hitsNewestFirst(limit: Int?) throws -> (hits: [FunctionHit], total: Int) {
        var chosen = Array(groups.indices)
        if let texts, let limit, limit < groups.count {
            // Only a hit dated at or after the limit-th newest date can be among the first
            // `limit`: those get their strings.
            let keys = groups.map { $0.shown.date ?? Int64.min }.sorted(by: >)
            let cutoff = keys[max(limit - 1, 0)]
            chosen = chosen.filter { groups[$0].shown.date ?? Int64.min >= cutoff }
            for i in chosen { try fill(i, texts) }
        } else if let texts {
            for i in chosen { try fill(i, texts) }
        }
        var order = groups.withUnsafeBufferPointer { g in
            chosen.sorted { i, j in
                let a = g[i].shown, b = g[j].shown
                if a.date != b.date { return (a.date ?? Int64.min) > (b.date ?? Int64.min) }
                if a.message != b.message, case let c = text.order(a.messageID, b.messageID), c != 0 { return c < 0 }
                if g[i].file != g[j].file, case let c = text.order(g[i].path, g[j].path), c != 0 { return c < 0 }
                if a.newStart != b.newStart { return a.newStart < b.newStart }
                return text.order(a.header, b.header) < 0
            }
        }
        if let limit, order.count > limit { order.removeSubrange(limit...) }
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
        return (hits, groups.count)
    }

    /// The strings of group `i`'s shown copy and path, looked up by hunk.
    private mutating func fill(_ i: Int, _ texts: FunctionTexts) throws {
        try resolveTie(i, texts)
        let shown = try texts.read(groups[i].shown.hunk, into: &text)
        groups[i].shown.messageID = shown.messageID
        groups[i].shown.subject = shown.subject
        groups[i].shown.dateText = shown.dateText
        groups[i].shown.header = shown.header
        groups[i].shown.section = shown.section
        groups[i].path = groups[i].pathHunk == groups[i].shown.hunk ? shown.path : try texts.read(groups[i].pathHunk, into: &text).path
    }

    // MARK: the current row

    private func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    private func optionalInt(_ i: Int32) -> Int64? {
        sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, i)
    }

    private func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? { FunctionTexts.bytes(handle, i) }

    /// `HunkFingerprint.path(old:new:)` of the row's paths.
    private func path() -> UnsafeBufferPointer<UInt8>? {
        FunctionTexts.path(old: bytes(Column.oldPath), new: bytes(Column.newPath))
    }

    private mutating func shownCopy(_ hunk: Int64) -> Shown {
        let strings = texts == nil
        return Shown(hunk: hunk, depth: Int(int(Column.depth)), date: optionalInt(Column.date), message: int(Column.message),
                     newStart: Int(int(Column.newStart)),
                     messageID: strings ? text.append(bytes(Column.messageID)) : .null,
                     subject: strings ? text.append(bytes(Column.subject)) : .null,
                     dateText: strings ? text.append(bytes(Column.dateText)) : .null,
                     header: strings ? text.append(bytes(Column.header)) : .null,
                     section: strings ? text.append(bytes(Column.section)) : .null)
    }

    private enum Comparison { case better, tied, worse }

    /// The posting itself beats a quote of it; among equals the oldest, then the first
    /// Message-ID (`tied`: depth and date equal, another message; the same message has
    /// the same Message-ID, and the first row stays).
    private func compare(with shown: Shown) -> Comparison {
        let depth = Int(int(Column.depth))
        if depth != shown.depth { return depth < shown.depth ? .better : .worse }
        let date = optionalInt(Column.date)
        if date != shown.date { return (date ?? Int64.max) < (shown.date ?? Int64.max) ? .better : .worse }
        return int(Column.message) != shown.message ? .tied : .worse
    }

    /// The copy shown of group `i` among its ties (same depth and date, other messages):
    /// the first Message-ID; of equal ones the first scanned, as the scan in rows decides.
    private mutating func resolveTie(_ i: Int, _ texts: FunctionTexts) throws {
        var chain: [Tie] = []
        var t = groups[i].ties
        while t >= 0 { chain.append(ties[t]); t = ties[t].next }
        guard !chain.isEmpty else { return }
        var best = try texts.messageID(groups[i].shown.hunk)
        for tie in chain.reversed() {   // in scan order
            let id = try texts.messageID(tie.hunk)
            guard TextBuffer.order(id, best) < 0 else { continue }
            best = id
            groups[i].shown.hunk = tie.hunk
            groups[i].shown.message = tie.message
            groups[i].shown.newStart = tie.newStart
        }
        groups[i].ties = -1
    }

    /// A row that tied a group's shown copy (a list per group, newest first, through `next`).
    private struct Tie {
        var hunk: Int64
        var message: Int64
        var newStart: Int
        var next: Int
    }

    private struct Shown {
        /// The copy's hunk row (where `FunctionTexts` finds its strings).
        var hunk: Int64
        var depth: Int
        var date: Int64?
        /// The message row: one row, one Message-ID, subject and date text.
        var message: Int64
        var newStart: Int
        var messageID, subject, dateText, header, section: TextBuffer.Slice
    }

    private struct Group {
        /// The file row the path was read from, and its hunk.
        var file: Int64
        var pathHunk: Int64
        var path: TextBuffer.Slice
        var shown: Shown
        /// `FunctionRelation.strength`, the strongest of the copies.
        var relation: Int
        /// Distinct hunks (copies) in the group.
        var count = 1
        /// The last of the rows that tied the shown copy, in `FunctionScan.ties` (-1: none).
        var ties = -1

        mutating func raise(_ strength: Int) {
            if strength > relation { relation = strength }
        }
    }
}
