/// For every changed line of a hunk, the function it belongs to, and for the
/// hunk, which functions it modifies, calls and mentions.
///
/// The `@@ … @@ section` text names the function *before* the hunk, so it is used
/// only as the starting state; definitions starting inside the hunk, braces and
/// column-0 structure decide the rest. Removed lines are read against the
/// pre-image (context + removed), added lines against the post-image (context + added).
public enum FunctionAttributor {
    public static func functions(in hunk: Hunk) -> [HunkFunction] { attribute(hunk).functions }

    private static let cFamily: Set<String> = ["c", "h", "cc", "cpp", "cxx", "c++", "hh", "hpp", "hxx", "inl", "m", "mm", "y", "l", "rs", "cu"]

    /// Whether attribution makes sense for a file (C-family source); a caller can
    /// skip documentation, scripts, Makefiles and DT sources.
    public static func isCFamily(path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return cFamily.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Heuristic mode: the hunk alone.
    public static func attribute(_ hunk: Hunk) -> HunkAttribution {
        attribute(hunk, old: SideWalker(section: hunk.section), new: SideWalker(section: hunk.section))
    }

    /// Exact mode: the pre-image and/or post-image text of the file (`--tree`).
    /// A side whose file does not match the hunk falls back to the heuristic.
    public static func attribute(_ hunk: Hunk, oldFile: String?, newFile: String?) -> HunkAttribution {
        let old = oldFile.flatMap { walker(for: $0, start: hunk.oldStart, expected: side(hunk, keep: 0x2D)) } ?? SideWalker(section: hunk.section)
        let new = newFile.flatMap { walker(for: $0, start: hunk.newStart, expected: side(hunk, keep: 0x2B)) } ?? SideWalker(section: hunk.section)
        return attribute(hunk, old: old, new: new)
    }

    private static func attribute(_ hunk: Hunk, old: SideWalker, new: SideWalker) -> HunkAttribution {
        var old = old, new = new
        // Which side-line each hunk line is (or nil).
        var oldIndex: [Int?] = [], newIndex: [Int?] = []
        for line in hunk.lines {
            let marker = line.utf8.first ?? 0x20
            let body = Array(line.utf8.dropFirst())
            switch marker {
            case 0x2D:
                oldIndex.append(old.roles.count); old.feed(body); newIndex.append(nil)
            case 0x2B:
                newIndex.append(new.roles.count); new.feed(body); oldIndex.append(nil)
            case 0x5C:
                oldIndex.append(nil); newIndex.append(nil)
            default:
                oldIndex.append(old.roles.count); old.feed(body)
                newIndex.append(new.roles.count); new.feed(body)
            }
        }
        old.finish()
        new.finish()

        var relations = RelationSet()
        var changed: [ChangedLine] = []
        var oldNumber = hunk.oldStart, newNumber = hunk.newStart
        for (i, line) in hunk.lines.enumerated() {
            let marker = line.utf8.first ?? 0x20
            guard marker == 0x2D || marker == 0x2B else {
                if marker != 0x5C { oldNumber += 1; newNumber += 1 }
                continue
            }
            let isOld = marker == 0x2D
            guard let k = isOld ? oldIndex[i] : newIndex[i], k < (isOld ? old.roles.count : new.roles.count) else { continue }
            let role = isOld ? old.roles[k] : new.roles[k]
            var calls: [String] = []
            if let f = role.function { relations.add(f, .modifies, alias: role.alias) }
            if let p = role.prototypeOf {
                relations.add(p, .mentions)
            } else {
                calls = CDeclaration.calls(isOld ? old.codes[k] : new.codes[k], excluding: role.signature ? role.function : nil)
                for c in calls { relations.add(c, .calls) }
            }
            let comment = isOld ? old.comments[k] : new.comments[k]
            if !comment.isEmpty { for m in CDeclaration.mentions(comment) { relations.add(m, .mentions) } }
            changed.append(ChangedLine(index: i, side: isOld ? .old : .new, number: isOld ? oldNumber : newNumber,
                                       function: role.function, calls: calls, text: String(decoding: line.utf8.dropFirst(), as: UTF8.self)))
            if isOld { oldNumber += 1 } else { newNumber += 1 }
        }
        return HunkAttribution(functions: relations.ordered, lines: changed)
    }

    private static func side(_ hunk: Hunk, keep marker: UInt8) -> [[UInt8]] {
        hunk.lines.compactMap { line in
            let b = Array(line.utf8)
            guard let m = b.first else { return [] }
            return m == 0x20 || m == marker ? Array(b[1...]) : nil
        }
    }

    /// A walker primed with the file's lines above the hunk, if the file matches it.
    private static func walker(for file: String, start: Int, expected: [[UInt8]]) -> SideWalker? {
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false)
        let first = max(0, start - 1)
        guard first + expected.count <= lines.count else { return nil }
        for (k, e) in expected.enumerated() where ByteScan.trimmed(Array(lines[first + k].utf8)) != ByteScan.trimmed(e) { return nil }
        var w = SideWalker()
        for line in lines[0..<first] { w.feed(Array(line.utf8)) }
        w.rebase()
        return w
    }
}

/// Strongest relation per function, in order of first appearance.
private struct RelationSet {
    private var order: [String] = []
    private var best: [String: HunkFunction] = [:]

    private var last: (String, FunctionRelation)?

    mutating func add(_ name: String, _ relation: FunctionRelation, alias: String? = nil) {
        // Consecutive lines of one function repeat the same pair: skip the lookup.
        if let last, last.1 == relation, last.0 == name { return }
        last = (name, relation)
        if var existing = best[name] {
            if relation.strength > existing.relation.strength { existing.relation = relation }
            if existing.alias == nil { existing.alias = alias }
            best[name] = existing
        } else {
            order.append(name)
            best[name] = HunkFunction(function: name, relation: relation, alias: alias)
        }
    }

    var ordered: [HunkFunction] {
        let all = order.compactMap { best[$0] }
        return FunctionRelation.allCases.flatMap { r in all.filter { $0.relation == r } }
    }
}
