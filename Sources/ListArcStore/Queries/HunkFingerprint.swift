/// Identifies one hunk in one file, so the same patch quoted in ten replies (same
/// header and lines once unquoted) counts as one result. The header keeps another
/// revision of the patch (same lines, moved) apart.
struct HunkFingerprint: Hashable {
    let file: String
    let header: String
    /// FNV-1a over the text's bytes, trailing blanks of each line left out (mailers
    /// strip them from quoted copies), and the byte count hashed.
    let digest: UInt64
    let length: Int

    init(file: String, header: String, text: String) {
        self.file = file
        self.header = header
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        var text = text
        text.withUTF8 { bytes in
            var blanksFrom = -1  // start of a run of blanks not yet hashed
            for i in 0..<bytes.count {
                let byte = bytes[i]
                if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    if blanksFrom < 0 { blanksFrom = i }
                    continue
                }
                if blanksFrom >= 0 {
                    // Blanks inside a line count; blanks before a line end do not.
                    if byte != 0x0A {
                        for j in blanksFrom..<i { hash = (hash ^ UInt64(bytes[j])) &* 0x100_0000_01b3 }
                        length += i - blanksFrom
                    }
                    blanksFrom = -1
                }
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                length += 1
            }
        }
        digest = hash
        self.length = length
    }
}

/// `a/mm/mmap.c`, `b/mm/mmap.c` → `mm/mmap.c`; `/dev/null` stays.
enum DiffPath {
    static func plain(_ path: String?) -> String? {
        guard let path else { return nil }
        if path.hasPrefix("a/") || path.hasPrefix("b/") { return String(path.dropFirst(2)) }
        return path
    }

    /// The path a hunk's file is known by: the new one unless the file is deleted.
    static func of(old: String?, new: String?) -> String {
        let n = plain(new), o = plain(old)
        if let n, n != "/dev/null" { return n }
        return o ?? n ?? ""
    }
}
