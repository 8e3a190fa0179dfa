/// What one line of diff text is, judged from its first byte only.
enum DiffLineKind {
    case context, removed, added, noNewline, blank, other

    init(_ line: Substring) {
        guard let b = line.utf8.first else { self = .blank; return }
        switch b {
        case UInt8(ascii: " "): self = .context
        case UInt8(ascii: "-"): self = .removed
        case UInt8(ascii: "+"): self = .added
        case UInt8(ascii: "\\"): self = .noNewline
        case UInt8(ascii: "\r") where line.utf8.count == 1: self = .blank
        default: self = .other
        }
    }

    var isCounted: Bool { self == .context || self == .removed || self == .added }
}

enum DiffText {
    /// Lines a replier leaves where they cut quoted text: `[...]`, `<snip>`, `...`.
    static func isTrimMarker(_ line: Substring) -> Bool {
        let u = line.utf8
        // Fast exit: markers start with '.', '[', '<', '(' or '…' (after blanks).
        guard let first = u.first(where: { $0 != 32 && $0 != 9 }),
              first == UInt8(ascii: ".") || first == UInt8(ascii: "[") || first == UInt8(ascii: "<")
                || first == UInt8(ascii: "(") || first == 0xE2 else { return false }
        guard u.count <= 80 else { return false }
        var bytes = Array(u)
        while let l = bytes.last, l == 32 || l == 9 || l == 13 { bytes.removeLast() }
        while let f = bytes.first, f == 32 || f == 9 { bytes.removeFirst() }
        guard !bytes.isEmpty else { return false }
        if bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) { return bytes.count >= 2 }
        let s = String(decoding: bytes, as: UTF8.self)
        if s == "…" { return true }
        guard let f = bytes.first, let l = bytes.last,
              (f == UInt8(ascii: "[") && l == UInt8(ascii: "]")) || (f == UInt8(ascii: "<") && l == UInt8(ascii: ">"))
                || (f == UInt8(ascii: "(") && l == UInt8(ascii: ")")) else { return false }
        let inner = s.lowercased()
        return ["...", "…", "snip", "trim", "cut", "skip", "elided", "deleted", "removed", ".."].contains { inner.contains($0) }
    }

    /// Git extended header lines that may follow `diff --git`.
    static func isGitExtendedHeader(_ c: Substring) -> Bool {
        guard let f = c.utf8.first else { return false }
        switch f {
        case UInt8(ascii: "o"): return c.startsWith("old mode ")
        case UInt8(ascii: "n"): return c.startsWith("new mode ") || c.startsWith("new file mode ")
        case UInt8(ascii: "d"): return c.startsWith("deleted file mode ") || c.startsWith("dissimilarity index ")
        case UInt8(ascii: "c"): return c.startsWith("copy from ") || c.startsWith("copy to ")
        case UInt8(ascii: "r"): return c.startsWith("rename from ") || c.startsWith("rename to ")
            || c.startsWith("rename old ") || c.startsWith("rename new ")
        case UInt8(ascii: "s"): return c.startsWith("similarity index ")
        case UInt8(ascii: "i"): return c.startsWith("index ")
        case UInt8(ascii: "B"): return c.startsWith("Binary files ")
        default: return false
        }
    }

    /// Lines between `Index:` and `---` in CVS, Subversion and quilt diffs.
    static func isIndexHeader(_ c: Substring) -> Bool {
        c.startsWith("====") || c.startsWith("RCS file: ") || c.startsWith("retrieving revision ")
            || (c.startsWith("diff ") && !c.startsWith("diff --git "))
    }

    /// One line of a `GIT binary patch` block: a length letter then base85 in groups of 5.
    static func isBase85Line(_ c: Substring) -> Bool {
        let u = c.utf8
        guard let f = u.first else { return false }
        let n: Int
        switch f {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): n = Int(f - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): n = Int(f - UInt8(ascii: "a")) + 27
        default: return false
        }
        guard u.count == 1 + (n + 3) / 4 * 5 else { return false }
        return u.dropFirst().allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || "!#$%&()*+-;<=>?@^_`{|}~".utf8.contains(b)
        }
    }

    /// A path as `---`/`+++` write it: up to a tab (timestamps follow it); nil for /dev/null.
    static func path(afterMarker c: Substring) -> String? {
        var p = c
        if let tab = p.utf8.firstIndex(of: 9) { p = p[..<tab] }
        while p.utf8.last == 32 || p.utf8.last == 13 { p = p[..<p.utf8.index(before: p.utf8.endIndex)] }
        let s = unquote(p)
        return s == "/dev/null" ? nil : s
    }

    /// The two paths of a `diff --git A B` line (prefixes kept).
    static func gitPaths(_ rest: Substring) -> (String?, String?) {
        if rest.utf8.first == UInt8(ascii: "\"") {
            guard let (a, after) = quoted(rest) else { return (nil, nil) }
            var b = after
            while b.utf8.first == 32 { b = b[b.utf8.index(after: b.utf8.startIndex)...] }
            return (a, unquote(b))
        }
        let u = Array(rest.utf8)
        if let q = u.firstIndex(of: UInt8(ascii: "\"")), q > 0, u[q - 1] == 32 {
            return (String(decoding: u[..<(q - 1)], as: UTF8.self), unquote(Substring(String(decoding: u[q...], as: UTF8.self))))
        }
        // Same name on both sides (the usual case, and the only way to split names
        // with spaces): the line splits in the middle.
        if u.count % 2 == 1, u[u.count / 2] == 32 {
            let a = u[..<(u.count / 2)], b = u[(u.count / 2 + 1)...]
            if dropComponent(a).elementsEqual(dropComponent(b)) {
                return (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
            }
        }
        if let r = rest.range(of: " b/") {
            return (String(rest[..<r.lowerBound]), String(rest[rest.index(after: r.lowerBound)...]))
        }
        if let sp = u.firstIndex(of: 32) {
            return (String(decoding: u[..<sp], as: UTF8.self), String(decoding: u[(sp + 1)...], as: UTF8.self))
        }
        return (String(rest), String(rest))
    }

    private static func dropComponent(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let slash = s.firstIndex(of: UInt8(ascii: "/")) { return s[(slash + 1)...] }
        return s
    }

    /// A C-quoted name (`"a/tab\there"`) and what follows it.
    private static func quoted(_ s: Substring) -> (String, Substring)? {
        var out: [UInt8] = []
        var i = s.utf8.index(after: s.utf8.startIndex)
        let u = s.utf8
        while i < u.endIndex {
            let b = u[i]
            if b == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), s[u.index(after: i)...]) }
            if b == UInt8(ascii: "\\") {
                i = u.index(after: i)
                guard i < u.endIndex else { return nil }
                let e = u[i]
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var v = 0, k = 0
                    while k < 3, i < u.endIndex, u[i] >= 48, u[i] <= 55 { v = v * 8 + Int(u[i] - 48); i = u.index(after: i); k += 1 }
                    out.append(UInt8(truncatingIfNeeded: v))
                    continue
                default: out.append(e)
                }
            } else {
                out.append(b)
            }
            i = u.index(after: i)
        }
        return nil
    }

    private static func unquote(_ s: Substring) -> String {
        if s.utf8.first == UInt8(ascii: "\""), let (name, _) = quoted(s) { return name }
        return String(s)
    }
}
