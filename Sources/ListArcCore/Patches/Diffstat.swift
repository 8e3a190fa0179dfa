/// `git diff --stat --summary` as `git format-patch` prints it below `---`
/// (git's `show_stats`, `print_stat_summary` and `diff_summary`, 72 columns).
public enum Diffstat {
    /// format-patch's width (MAIL_DEFAULT_WRAP); `git diff --stat` on a terminal uses its width.
    public static let mailWidth = 72

    /// The stat lines, the `N files changed…` line and the summary lines, each
    /// ending in "\n".
    public static func render(_ files: [FileDiff], width: Int = mailWidth) -> String {
        let changes = files.map(FileChange.init)
        if changes.isEmpty { return " 0 files changed\n" }
        var out = stat(changes, width: width)
        out += totals(changes)
        for change in changes { out += summary(change) }
        return out
    }

    static func printName(_ c: FileChange) -> String {
        if c.kind == .renamed || c.kind == .copied, c.oldPath != c.newPath {
            return renameName(c.oldPath, c.newPath)
        }
        return FilePath.quoteC(c.kind == .deleted ? c.oldPath : c.newPath)
    }

    /// git's `pprint_rename`: `dir/{old => new}/file`.
    static func renameName(_ a: String, _ b: String) -> String {
        let qa = FilePath.quoteC(a), qb = FilePath.quoteC(b)
        if qa != a || qb != b { return qa + " => " + qb }
        let x = Array(a.utf8), y = Array(b.utf8)
        var pfx = 0, i = 0
        while i < x.count, i < y.count, x[i] == y[i] {
            if x[i] == UInt8(ascii: "/") { pfx = i + 1 }
            i += 1
        }
        var sfx = 0
        var oi = x.count, ni = y.count // one past the compared byte, as git's pointers at the NUL
        let adjust = pfx > 0 ? 1 : 0
        // git compares from the terminating NULs backwards.
        while pfx - adjust <= oi, pfx - adjust <= ni {
            let cx: UInt8 = oi < x.count ? x[oi] : 0
            let cy: UInt8 = ni < y.count ? y[ni] : 0
            guard cx == cy else { break }
            if cx == UInt8(ascii: "/") { sfx = x.count - oi }
            if oi == 0 || ni == 0 { break }
            oi -= 1
            ni -= 1
        }
        let aMid = max(0, x.count - pfx - sfx), bMid = max(0, y.count - pfx - sfx)
        func s(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        var out = ""
        if pfx + sfx > 0 { out += s(x[0..<pfx]) + "{" }
        out += s(x[pfx..<min(x.count, pfx + aMid)])
        out += " => "
        out += s(y[pfx..<min(y.count, pfx + bMid)])
        if pfx + sfx > 0 { out += "}" + s(x[(x.count - sfx)...]) }
        return out
    }

    static func decimalWidth(_ n: Int) -> Int {
        var w = 1, v = n
        while v >= 10 { v /= 10; w += 1 }
        return w
    }

    static func scaleLinear(_ it: Int, _ width: Int, _ maxChange: Int) -> Int {
        if it == 0 || maxChange == 0 { return 0 }
        return 1 + (it * (width - 1) / maxChange)
    }

    static func stat(_ changes: [FileChange], width requested: Int) -> String {
        var maxLen = 0, maxChange = 0, numberWidth = 0, binWidth = 0
        let names = changes.map(printName)
        for (c, name) in zip(changes, names) {
            maxLen = max(maxLen, name.utf8.count)
            if c.isBinary {
                binWidth = max(binWidth, 14 + decimalWidth(c.binaryNewSize) + decimalWidth(c.binaryOldSize))
                numberWidth = 3
                continue
            }
            maxChange = max(maxChange, c.added + c.deleted)
        }
        var width = requested
        numberWidth = max(decimalWidth(maxChange), numberWidth)
        if width < 16 + 6 + numberWidth { width = 16 + 6 + numberWidth }
        var graphWidth = maxChange + 4 > binWidth ? maxChange : binWidth - 4
        var nameWidth = maxLen
        if nameWidth + numberWidth + 6 + graphWidth > width {
            if graphWidth > width * 3 / 8 - numberWidth - 6 {
                graphWidth = width * 3 / 8 - numberWidth - 6
                if graphWidth < 6 { graphWidth = 6 }
            }
            if nameWidth > width - numberWidth - 6 - graphWidth {
                nameWidth = width - numberWidth - 6 - graphWidth
            } else {
                graphWidth = width - numberWidth - 6 - nameWidth
            }
        }

        var out = ""
        for (c, fullName) in zip(changes, names) {
            var prefix = ""
            var name = Substring(fullName)
            var len = nameWidth
            if nameWidth < name.utf8.count {
                prefix = "..."
                len = max(0, len - 3)
                // Drop characters from the front until the rest fits (one pass).
                var excess = name.utf8.count - len
                var cut = name.startIndex
                while excess > 0, cut < name.endIndex {
                    excess -= name[cut].utf8.count
                    cut = name.index(after: cut)
                }
                name = name[cut...]
                if let slash = name.firstIndex(of: "/") { name = name[slash...] }
            }
            let padding = String(repeating: " ", count: max(0, len - name.utf8.count))
            out += " " + prefix + name + padding + " | "
            if c.isBinary {
                out += String(repeating: " ", count: max(0, numberWidth - 3)) + "Bin"
                if c.binaryNewSize == 0 && c.binaryOldSize == 0 { out += "\n"; continue }
                out += " \(c.binaryOldSize) -> \(c.binaryNewSize) bytes\n"
                continue
            }
            var add = c.added, del = c.deleted
            if graphWidth <= maxChange {
                var total = scaleLinear(add + del, graphWidth, maxChange)
                if total < 2, add > 0, del > 0 { total = 2 }
                if add < del {
                    add = scaleLinear(add, graphWidth, maxChange)
                    del = total - add
                } else {
                    del = scaleLinear(del, graphWidth, maxChange)
                    add = total - del
                }
            }
            let count = String(c.added + c.deleted)
            out += String(repeating: " ", count: max(0, numberWidth - count.utf8.count)) + count
            if c.added + c.deleted > 0 { out += " " }
            out += String(repeating: "+", count: max(0, add)) + String(repeating: "-", count: max(0, del)) + "\n"
        }
        return out
    }

    static func totals(_ changes: [FileChange]) -> String {
        let files = changes.count
        var insertions = 0, deletions = 0
        for c in changes where !c.isBinary {
            insertions += c.added
            deletions += c.deleted
        }
        var out = files == 1 ? " 1 file changed" : " \(files) files changed"
        if insertions > 0 || deletions == 0 {
            out += insertions == 1 ? ", 1 insertion(+)" : ", \(insertions) insertions(+)"
        }
        if deletions > 0 || insertions == 0 {
            out += deletions == 1 ? ", 1 deletion(-)" : ", \(deletions) deletions(-)"
        }
        return out + "\n"
    }

    static func summary(_ c: FileChange) -> String {
        func modeChange(showName: Bool) -> String {
            guard let o = c.oldMode, let n = c.newMode, o != n else { return "" }
            return " mode change \(o) => \(n)" + (showName ? " " + FilePath.quoteC(c.newPath) : "") + "\n"
        }
        switch c.kind {
        case .deleted:
            return c.oldMode.map { " delete mode \($0) " } .map { $0 + FilePath.quoteC(c.oldPath) + "\n" } ?? " delete \(FilePath.quoteC(c.oldPath))\n"
        case .added:
            return c.newMode.map { " create mode \($0) " } .map { $0 + FilePath.quoteC(c.newPath) + "\n" } ?? " create \(FilePath.quoteC(c.newPath))\n"
        case .renamed, .copied:
            let word = c.kind == .renamed ? "rename" : "copy"
            return " \(word) \(renameName(c.oldPath, c.newPath)) (\(c.similarity ?? 100)%)\n" + modeChange(showName: false)
        case .modified:
            var out = ""
            if let d = c.dissimilarity { out += " rewrite \(FilePath.quoteC(c.newPath)) (\(d)%)\n" }
            return out + modeChange(showName: c.dissimilarity == nil)
        }
    }
}
