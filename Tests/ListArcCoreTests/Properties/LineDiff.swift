import ListArcCore

/// A minimal unified diff writer (LCS over lines, 3 lines of context, git's
/// header and count conventions) and a strict applier, for the property tests.
enum LineDiff {
    enum Op: Equatable { case keep(String), remove(String), add(String) }

    /// Edit script from `a` to `b` (longest common subsequence by dynamic programming;
    /// the files in the tests are small).
    static func script(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] { ops.append(.keep(a[i])); i += 1; j += 1 }
            else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] { ops.append(.add(b[j])); j += 1 }
            else { ops.append(.remove(a[i])); i += 1 }
        }
        return ops
    }

    /// The hunks of a unified diff (without file headers), or [] when a == b.
    static func hunks(_ a: [String], _ b: [String], context: Int = 3) -> [String] {
        let ops = script(a, b)
        let changed = ops.indices.filter { if case .keep = ops[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return [] }
        // Group changes whose context would touch.
        var groups: [(Int, Int)] = []
        for c in changed {
            if let last = groups.last, c - last.1 <= 2 * context + 1 { groups[groups.count - 1].1 = c }
            else { groups.append((c, c)) }
        }
        // Old/new line numbers before each op.
        var oldAt = [Int](repeating: 0, count: ops.count + 1), newAt = oldAt
        for (k, op) in ops.enumerated() {
            switch op {
            case .keep: oldAt[k + 1] = oldAt[k] + 1; newAt[k + 1] = newAt[k] + 1
            case .remove: oldAt[k + 1] = oldAt[k] + 1; newAt[k + 1] = newAt[k]
            case .add: oldAt[k + 1] = oldAt[k]; newAt[k + 1] = newAt[k] + 1
            }
        }
        var out: [String] = []
        for (first, last) in groups {
            let from = max(0, first - context), to = min(ops.count, last + context + 1)
            var lines: [String] = []
            var oldCount = 0, newCount = 0
            for op in ops[from..<to] {
                switch op {
                case .keep(let t): lines.append(" " + t); oldCount += 1; newCount += 1
                case .remove(let t): lines.append("-" + t); oldCount += 1
                case .add(let t): lines.append("+" + t); newCount += 1
                }
            }
            let oldStart = oldCount == 0 ? oldAt[from] : oldAt[from] + 1
            let newStart = newCount == 0 ? newAt[from] : newAt[from] + 1
            func range(_ s: Int, _ c: Int) -> String { c == 1 ? "\(s)" : "\(s),\(c)" }
            out.append("@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@")
            out += lines
        }
        return out
    }

    /// Applies hunks exactly where they say (no offset, no fuzz); nil when a context or
    /// removed line does not match.
    static func apply(_ hunks: [Hunk], to file: [String]) -> [String]? {
        var out: [String] = []
        var at = 0 // next unread line of `file`
        for h in hunks {
            let start = h.oldCount == 0 ? h.oldStart : h.oldStart - 1
            guard start >= at, start <= file.count else { return nil }
            out += file[at..<start]
            at = start
            for line in h.lines {
                let body = String(line.dropFirst())
                switch line.first {
                case " ", "-":
                    guard at < file.count, file[at] == body else { return nil }
                    if line.first == " " { out.append(body) }
                    at += 1
                case "+": out.append(body)
                default: break
                }
            }
        }
        return out + file[at...]
    }
}

