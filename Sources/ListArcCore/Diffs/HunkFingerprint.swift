/// Identifies one hunk of one file across its copies, so the same patch quoted in
/// ten replies counts once. Same file (prefixes `a/`, `b/` aside), same header and
/// same lines once each line's trailing blanks are dropped (mailers strip them from
/// quoted copies) give the same value; the header keeps another revision of the
/// patch (same lines, moved) apart.
///
/// Computed once at ingest and stored with the hunk (`hunks.fingerprint`), so
/// queries group copies by an integer instead of rereading every hunk's text.
public struct HunkFingerprint: Hashable, Sendable {
    /// 64 bits, as SQLite stores them.
    public let value: Int64

    public init(stored value: Int64) { self.value = value }

    /// `path` is the hunk's file as `HunkFingerprint.path(old:new:)` gives it.
    public init(path: String, header: String, text: String) {
        var h = FNV1a()
        h.add(path)
        h.add(0)
        h.add(header)
        h.add(0)
        var text = text
        text.withUTF8 { h.addDroppingTrailingBlanks($0) }
        value = Int64(bitPattern: h.finished)
    }

    /// A hunk as the diff extractor gives it (lines joined by "\n", as stored).
    public init(file: FileDiff, hunk: Hunk) {
        self.init(path: HunkFingerprint.path(old: file.oldPath, new: file.newPath), header: hunk.header,
                  text: hunk.lines.joined(separator: "\n"))
    }

    /// The path a hunk's file is known by: the new one unless the file is deleted,
    /// without `a/` or `b/`.
    public static func path(old: String?, new: String?) -> String {
        let n = plainPath(new), o = plainPath(old)
        if let n, n != "/dev/null" { return n }
        return o ?? n ?? ""
    }

    /// `a/mm/mmap.c`, `b/mm/mmap.c` → `mm/mmap.c`; `/dev/null` stays.
    public static func plainPath(_ path: String?) -> String? {
        guard let path else { return nil }
        if path.hasPrefix("a/") || path.hasPrefix("b/") { return String(path.dropFirst(2)) }
        return path
    }

    /// One changed line's key with every blank left out (like `git patch-id
    /// --stable`), for comparing whole patches whose copies were re-indented.
    public static func lineKey<S: StringProtocol>(_ line: S) -> UInt64 {
        var h = FNV1a()
        for b in line.utf8 where !(b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0x0B || b == 0x0C) { h.add(b) }
        return h.state
    }
}

/// 64-bit FNV-1a, with a final mix so that similar texts spread over all bits.
struct FNV1a {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { for b in $0 { add(b) } }
    }

    /// Hashes text with the blanks (space, tab, CR) that end each line left out.
    mutating func addDroppingTrailingBlanks(_ bytes: UnsafeBufferPointer<UInt8>) {
        var blanksFrom = -1  // start of a run of blanks not yet hashed
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                if blanksFrom < 0 { blanksFrom = i }
            } else {
                if blanksFrom >= 0 {
                    // Blanks inside a line count; blanks before a line end do not.
                    if byte != 0x0A { for j in blanksFrom..<i { add(bytes[j]) } }
                    blanksFrom = -1
                }
                add(byte)
            }
            i += 1
        }
    }

    /// The state through a 64-bit finaliser (splitmix64's).
    var finished: UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
