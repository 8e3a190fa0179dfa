/// For every changed line of a hunk, the function it belongs to, and for the
/// hunk, which functions it modifies, calls and mentions.
///
/// The `@@ … @@ section` text names the function *before* the hunk, so it is used
/// only as the starting state; definitions starting inside the hunk, braces and
/// column-0 structure decide the rest. Removed lines are read against the
/// pre-image (context + removed), added lines against the post-image (context + added).
public enum FunctionAttributor {
    public static func functions(in hunk: Hunk) -> [HunkFunction] {
        let start = SideWalker(section: hunk.section)
        return attribute(hunk, old: start, new: start, keepingLines: false).functions
    }

    private static let cFamily: Set<String> = ["c", "h", "cc", "cpp", "cxx", "c++", "hh", "hpp", "hxx", "inl", "m", "mm", "y", "l", "rs", "cu"]

    /// Whether attribution makes sense for a file (C-family source); a caller can
    /// skip documentation, scripts, Makefiles and DT sources.
    public static func isCFamily(path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return cFamily.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Heuristic mode: the hunk alone.
    public static func attribute(_ hunk: Hunk) -> HunkAttribution {
        let start = SideWalker(section: hunk.section)
        return attribute(hunk, old: start, new: start, keepingLines: true)
    }

    /// Exact mode: the pre-image and/or post-image text of the file (`--tree`).
    /// A side whose file does not match the hunk falls back to the heuristic.
    public static func attribute(_ hunk: Hunk, oldFile: String?, newFile: String?) -> HunkAttribution {
        let old = oldFile.flatMap { walker(for: $0, start: hunk.oldStart, expected: side(hunk, keep: 0x2D)) } ?? SideWalker(section: hunk.section)
        let new = newFile.flatMap { walker(for: $0, start: hunk.newStart, expected: side(hunk, keep: 0x2B)) } ?? SideWalker(section: hunk.section)
        return attribute(hunk, old: old, new: new, keepingLines: true)
    }

    /// A changed line as read: what its code calls and its comment mentions. Its
    /// role is final only at the end of the hunk (a head resolves the lines above
    /// it), so the relations are added afterwards.
    private struct Change {
        var index: Int
        var side: ChangedLine.Side
        /// Index into that side's roles.
        var role: Int
        var number: Int
        var calls: [String]
        var mentions: [String]
    }

    /// `keepingLines: false` when only the functions are wanted (import): no
    /// per-line text is copied out.
    private static func attribute(_ hunk: Hunk, old: SideWalker, new: SideWalker, keepingLines: Bool) -> HunkAttribution {
        var old = old, new = new
        var changes: [Change] = []
        var body: [UInt8] = []                    // one buffer for every line's bytes after the marker
        var oldNumber = hunk.oldStart, newNumber = hunk.newStart
        for (i, line) in hunk.lines.enumerated() {
            let marker = line.utf8.first ?? 0x20
            if marker == 0x5C { continue }        // "\ No newline at end of file"
            load(line, dropping: 1, into: &body)
            switch marker {
            case 0x2D:
                old.feed(body)
                changes.append(change(i, .old, role: old.roles.count - 1, number: oldNumber, code: old.code, comment: old.comment))
                oldNumber += 1
            case 0x2B:
                new.feed(body)
                changes.append(change(i, .new, role: new.roles.count - 1, number: newNumber, code: new.code, comment: new.comment))
                newNumber += 1
            default:
                old.feed(body)
                new.feed(body)
                oldNumber += 1
                newNumber += 1
            }
        }
        old.finish()
        new.finish()

        var relations = RelationSet()
        var lines: [ChangedLine] = []
        for c in changes {
            let role = c.side == .old ? old.roles[c.role] : new.roles[c.role]
            var calls: [String] = []
            if let f = role.function { relations.add(f, .modifies, alias: role.alias) }
            if let p = role.prototypeOf {
                relations.add(p, .mentions)
            } else {
                // A signature line names its own function: not a call.
                calls = role.signature ? c.calls.filter { $0 != role.function } : c.calls
                for name in calls { relations.add(name, .calls) }
            }
            for m in c.mentions { relations.add(m, .mentions) }
            if keepingLines {
                lines.append(ChangedLine(index: c.index, side: c.side, number: c.number, function: role.function, calls: calls,
                                         text: String(decoding: hunk.lines[c.index].utf8.dropFirst(), as: UTF8.self)))
            }
        }
        return HunkAttribution(functions: relations.ordered, lines: lines)
    }

    /// `line`'s bytes after the first `count` into `buffer`, reusing its storage. A
    /// native string is copied as one block; `Array(line.utf8.dropFirst())` goes
    /// byte by byte through the generic sequence copy and allocates.
    private static func load<Line: StringProtocol>(_ line: Line, dropping count: Int, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        let copied: Void? = line.utf8.withContiguousStorageIfAvailable { all in
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: all.dropFirst(count)))
        }
        if copied == nil { buffer.append(contentsOf: line.utf8.dropFirst(count)) }
    }

    /// The line just fed to a walker, read while its split is at hand.
    private static func change(_ index: Int, _ side: ChangedLine.Side, role: Int, number: Int, code: [UInt8], comment: [UInt8]) -> Change {
        Change(index: index, side: side, role: role, number: number, calls: CDeclaration.calls(code),
               mentions: comment.isEmpty ? [] : CDeclaration.mentions(comment))
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
        var bytes: [UInt8] = []
        for line in lines[0..<first] {
            load(line, dropping: 0, into: &bytes)
            w.feed(bytes)
        }
        w.rebase()
        return w
    }
}

/// Strongest relation per function, in order of first appearance.
private struct RelationSet {
    private var all: [HunkFunction] = []
    private var position: [String: Int] = [:]

    private var last: (String, FunctionRelation)?

    mutating func add(_ name: String, _ relation: FunctionRelation, alias: String? = nil) {
        // Consecutive lines of one function repeat the same pair: skip the lookup.
        if let last, last.1 == relation, last.0 == name { return }
        last = (name, relation)
        if let k = position[name] {
            if relation.strength > all[k].relation.strength { all[k].relation = relation }
            if all[k].alias == nil { all[k].alias = alias }
        } else {
            position[name] = all.count
            all.append(HunkFunction(function: name, relation: relation, alias: alias))
        }
    }

    var ordered: [HunkFunction] {
        FunctionRelation.allCases.flatMap { r in all.filter { $0.relation == r } }
    }
}
