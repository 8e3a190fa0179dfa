/// Identifies one hunk in one file, so the same patch quoted in ten replies (same
/// header and lines once unquoted) counts as one result. The header keeps another
/// revision of the patch (same lines, moved) apart.
struct HunkFingerprint: Hashable {
    let file: String
    let header: String
    let text: String
    init(file: String, header: String, text: String) {
        self.file = file
        self.header = header
        // Trailing blanks differ between a patch and its quoted copies (mailers strip them).
        self.text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSuffix(while: { $0 == " " || $0 == "\t" || $0 == "\r" }) }
            .joined(separator: "\n")
    }
}

extension Substring {
    func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
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
