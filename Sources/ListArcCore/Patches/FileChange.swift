/// What a file section of a diff does, read from its git extended headers: the
/// facts `git diff --stat --summary` prints (paths without a/ b/, renames, modes,
/// binary sizes, counts).
struct FileChange: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case modified, added, deleted, renamed, copied }
    var kind: Kind
    var oldPath: String
    var newPath: String
    var oldMode: String?
    var newMode: String?
    var similarity: Int?
    var dissimilarity: Int?
    var isBinary: Bool
    /// For binary files: byte sizes when the `GIT binary patch` block says them.
    var binaryOldSize: Int
    var binaryNewSize: Int
    var added: Int
    var deleted: Int

    init(_ file: FileDiff) {
        var renameFrom: String?, renameTo: String?, copyFrom: String?, copyTo: String?
        var newFileMode: String?, deletedFileMode: String?
        var oldMode: String?, newMode: String?
        var similarity: Int?, dissimilarity: Int?
        var indexMode: String?
        var binary = !file.binaryLines.isEmpty
        var gitOld: String?, gitNew: String?
        for line in file.headerLines {
            if let v = Self.value(line, "rename from ") { renameFrom = FilePath.unquote(v) }
            else if let v = Self.value(line, "rename to ") { renameTo = FilePath.unquote(v) }
            else if let v = Self.value(line, "copy from ") { copyFrom = FilePath.unquote(v) }
            else if let v = Self.value(line, "copy to ") { copyTo = FilePath.unquote(v) }
            else if let v = Self.value(line, "new file mode ") { newFileMode = v }
            else if let v = Self.value(line, "deleted file mode ") { deletedFileMode = v }
            else if let v = Self.value(line, "old mode ") { oldMode = v }
            else if let v = Self.value(line, "new mode ") { newMode = v }
            else if let v = Self.value(line, "similarity index ") { similarity = Int(v.dropLast()) }
            else if let v = Self.value(line, "dissimilarity index ") { dissimilarity = Int(v.dropLast()) }
            else if let v = Self.value(line, "index ") {
                let parts = v.split(separator: " ")
                if parts.count == 2 { indexMode = String(parts[1]) }
            }
            else if line.hasPrefix("Binary files ") { binary = true }
            else if let v = Self.value(line, "diff --git ") {
                (gitOld, gitNew) = FilePath.splitGitHeader(v)
            }
        }
        let strip = file.flavor != .cvs
        let old = file.oldPath.map { FilePath.display($0, strip: strip) } ?? gitOld
        let new = file.newPath.map { FilePath.display($0, strip: strip) } ?? gitNew

        self.oldPath = copyFrom ?? renameFrom ?? old ?? new ?? ""
        self.newPath = copyTo ?? renameTo ?? new ?? old ?? ""
        if copyFrom != nil || copyTo != nil { kind = .copied }
        else if renameFrom != nil || renameTo != nil { kind = .renamed }
        else if newFileMode != nil || (file.oldPath == nil && file.newPath != nil) { kind = .added }
        else if deletedFileMode != nil || (file.newPath == nil && file.oldPath != nil) { kind = .deleted }
        else { kind = .modified }
        self.oldMode = deletedFileMode ?? oldMode ?? (kind == .added ? nil : indexMode)
        self.newMode = newFileMode ?? newMode ?? (kind == .deleted ? nil : indexMode)
        self.similarity = similarity
        self.dissimilarity = dissimilarity
        self.isBinary = binary
        var added = 0, deleted = 0
        for hunk in file.hunks {
            for line in hunk.lines {
                switch line.utf8.first {
                case UInt8(ascii: "+"): added += 1
                case UInt8(ascii: "-"): deleted += 1
                default: break
                }
            }
        }
        self.added = added
        self.deleted = deleted
        (binaryNewSize, binaryOldSize) = Self.binarySizes(file.binaryLines)
    }

    static func value(_ line: String, _ prefix: String) -> String? {
        line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
    }

    /// Sizes from `literal N` lines: forward block (new), then reverse (old).
    /// Delta blocks carry their sizes inside compressed data: counted as 0.
    static func binarySizes(_ lines: [String]) -> (Int, Int) {
        var sizes: [Int] = []
        for line in lines {
            if let v = value(line, "literal ") { sizes.append(Int(v) ?? 0) }
            else if line.hasPrefix("delta ") { sizes.append(0) }
        }
        return (sizes.first ?? 0, sizes.count > 1 ? sizes[1] : 0)
    }
}

/// Paths in diff headers.
enum FilePath {
    /// `"a/dir/f\303\251"` → `a/dir/fé`; unquoted paths as they are.
    static func unquote(_ raw: String) -> String {
        let bytes = Array(raw.utf8)
        guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 else { return raw }
        var out: [UInt8] = []
        var i = 1
        let end = bytes.count - 1
        while i < end {
            let b = bytes[i]
            guard b == 0x5C, i + 1 < end else { out.append(b); i += 1; continue }
            let c = bytes[i + 1]
            switch c {
            case UInt8(ascii: "a"): out.append(7); i += 2
            case UInt8(ascii: "b"): out.append(8); i += 2
            case UInt8(ascii: "t"): out.append(9); i += 2
            case UInt8(ascii: "n"): out.append(10); i += 2
            case UInt8(ascii: "v"): out.append(11); i += 2
            case UInt8(ascii: "f"): out.append(12); i += 2
            case UInt8(ascii: "r"): out.append(13); i += 2
            case UInt8(ascii: "0")...UInt8(ascii: "3"):
                var v = 0, k = i + 1
                while k < end, k < i + 4, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[k]) { v = v * 8 + Int(bytes[k] - 48); k += 1 }
                out.append(UInt8(truncatingIfNeeded: v)); i = k
            default: out.append(c); i += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The path git shows: unquoted, first component (`a/`, `b/`) removed when
    /// `strip`; nil stays nil (/dev/null).
    static func display(_ raw: String, strip: Bool) -> String {
        let path = unquote(raw)
        guard strip, let slash = path.firstIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `a/x b/y` from a `diff --git` line (unquoted, prefixes removed); for
    /// unquoted names with spaces, the split where both halves name the same file.
    static func splitGitHeader(_ rest: String) -> (String?, String?) {
        if rest.hasPrefix("\"") {
            // "a/…" "b/…" or "a/…" b/…
            var i = rest.index(after: rest.startIndex)
            var escaped = false
            while i < rest.endIndex {
                let c = rest[i]
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break }
                i = rest.index(after: i)
            }
            guard i < rest.endIndex else { return (nil, nil) }
            let first = String(rest[...i])
            let second = PatchText.trim(rest[rest.index(after: i)...])
            return (display(first, strip: true), display(second, strip: true))
        }
        if let r = rest.range(of: " \"") {
            return (display(String(rest[..<r.lowerBound]), strip: true), display(String(rest[rest.index(after: r.lowerBound)...]), strip: true))
        }
        // Same name both sides: "a/NAME b/NAME".
        let count = rest.count
        if count % 2 == 1 {
            let half = rest.index(rest.startIndex, offsetBy: count / 2)
            if rest[half] == " " {
                let a = display(String(rest[..<half]), strip: true)
                let b = display(String(rest[rest.index(after: half)...]), strip: true)
                if a == b { return (a, b) }
            }
        }
        if let space = rest.firstIndex(of: " ") {
            return (display(String(rest[..<space]), strip: true), display(String(rest[rest.index(after: space)...]), strip: true))
        }
        return (nil, nil)
    }

    /// git's `quote_c_style` with core.quotePath on: names with control
    /// characters, `"`, `\` or bytes ≥ 0x80 are quoted with C escapes.
    static func quoteC(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let needs = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }
        guard needs else { return path }
        var out = "\""
        for b in bytes {
            switch b {
            case 7: out += "\\a"
            case 8: out += "\\b"
            case 9: out += "\\t"
            case 10: out += "\\n"
            case 11: out += "\\v"
            case 12: out += "\\f"
            case 13: out += "\\r"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case let b where b < 0x20 || b >= 0x7F:
                out += "\\" + String(b >> 6) + String((b >> 3) & 7) + String(b & 7)
            default: out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out + "\""
    }
}
