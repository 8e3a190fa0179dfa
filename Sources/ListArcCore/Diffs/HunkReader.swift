/// Reads one hunk by its `@@` counts from a depth's text, repairing what quoting
/// did to it, and says how sure it is that the hunk is whole.
struct HunkReader {
    let text: DepthText
    let separator: QuoteSeparator
    let crlf: Bool

    struct Result {
        var hunk: Hunk
        /// Entry after the hunk.
        var next: Int
        var repairs: [DiffRepair]
        /// Lines of other depths sat inside the hunk.
        var interrupted: Bool
    }

    /// Why a hunk stopped before its counts were satisfied.
    private enum Stop { case none, endOfText, gap, trimmed, structure, signature, prose, overrun }

    private struct Attempt {
        var lines: [String] = []
        /// Which of `lines` were blank context restored from an empty line.
        var restored: [Bool] = []
        var next: Int
        var stop: Stop = .none
        var joined = false
        var restoredAny = false
        /// Counts still unmet when reading stopped.
        var missingOld = 0
        var missingNew = 0
    }

    func content(_ k: Int) -> Substring { text.content(k, separator, crlf: crlf) }

    /// A file header line (`diff --git`, `index`, `---`/`+++`…) of entry k: git quotes a
    /// CR in a path, so every trailing CR is damage, not only the CRLF one.
    func header(_ k: Int) -> Substring {
        var c = content(k)
        while c.utf8.last == UInt8(ascii: "\r") { c = c[..<c.utf8.index(before: c.utf8.endIndex)] }
        return c
    }

    /// True when entry k starts a hunk, a file or a diff: a boundary a hunk cannot cross.
    func isStructural(_ k: Int) -> Bool {
        let c = content(k)
        if c.startsWith("@@ -") || c.startsWith("diff ") || c.startsWith("Index: ") || c.startsWith("GIT binary patch") { return true }
        if c.startsWith("--- "), k + 1 < text.count, !text.gapBefore(k + 1), content(k + 1).startsWith("+++ ") { return true }
        return false
    }

    func read(at start: Int, header h: HunkHeader, raw: Substring) -> Result {
        var repairs: [DiffRepair] = []
        var attempt = readLines(from: start + 1, old: h.oldCount, new: h.newCount, joins: true, believeCounts: h.believable)
        if attempt.stop != .none && attempt.joined {
            // Joining was only a guess that had to end with the counts satisfied.
            // (Without a join the second reading would take the very same path.)
            attempt = readLines(from: start + 1, old: h.oldCount, new: h.newCount, joins: false, believeCounts: h.believable)
        }
        var complete = true
        var recount = false
        var interrupted = false
        switch attempt.stop {
        case .none:
            // Lines past the counts that are still hunk lines and run into the next
            // hunk: the counts were wrong (a hand-edited patch), the lines are whole.
            let extra = overrun(from: attempt.next)
            if extra.count > 0 {
                attempt.lines += extra.lines
                attempt.next = extra.next
                recount = true
            }
        case .overrun:
            recount = true
        case .structure, .signature:
            dropTrailingRestored(&attempt)
            if text.depth == 0 { recount = true } else { complete = false }
        case .endOfText where text.depth == 0 && attempt.missingOld == 1 && attempt.missingNew == 1
                && attempt.lines.last.map({ DiffLineKind(Substring($0)) != .noNewline }) ?? false:
            // The part ended one blank context line early: a MIME boundary (or the
            // text's final line break) took the empty line that stood for it.
            attempt.lines.append(" ")
            attempt.restored.append(true)
            attempt.restoredAny = true
        case .trimmed, .gap, .endOfText, .prose:
            dropTrailingRestored(&attempt)
            complete = false
            if attempt.stop == .trimmed || attempt.stop == .gap {
                interrupted = attempt.stop == .gap
                // What follows the cut may still be this hunk's lines; keep them.
                continueAfterCut(&attempt)
            }
        }
        if attempt.joined { repairs.append(.rewrappedLineJoined) }
        if attempt.restoredAny, attempt.restored.contains(true) {
            repairs.append(.blankContextRestored)
            repairs.append(.trailingWhitespaceLost)
        }
        var hunk = Hunk(oldStart: h.oldStart, oldCount: h.oldCount, newStart: h.newStart, newCount: h.newCount,
                        section: h.section, lines: attempt.lines, complete: complete, originalHeaderLine: String(raw))
        if recount && complete {
            var old = 0, new = 0
            for l in attempt.lines {
                switch DiffLineKind(Substring(l)) {
                case .context: old += 1; new += 1
                case .removed: old += 1
                case .added: new += 1
                default: break
                }
            }
            if old != hunk.oldCount || new != hunk.newCount {
                // A zero-length side starts one line earlier in unified diffs.
                if old == 0, hunk.oldCount > 0 { hunk.oldStart = max(0, hunk.oldStart - 1) }
                if new == 0, hunk.newCount > 0 { hunk.newStart = max(0, hunk.newStart - 1) }
                if old > 0, hunk.oldCount == 0 { hunk.oldStart += 1 }
                if new > 0, hunk.newCount == 0 { hunk.newStart += 1 }
                hunk.oldCount = old
                hunk.newCount = new
                hunk.originalHeaderLine = nil
                repairs.append(.hunkRecounted)
            }
        }
        return Result(hunk: hunk, next: attempt.next, repairs: repairs, interrupted: interrupted)
    }

    private func readLines(from first: Int, old oldCount: Int, new newCount: Int, joins: Bool, believeCounts: Bool) -> Attempt {
        var a = Attempt(next: first)
        var old = oldCount, new = newCount
        var q = first
        var lastJoined = false
        while !believeCounts || old > 0 || new > 0 {
            guard q < text.count else { a.stop = .endOfText; break }
            if text.gapBefore(q) {
                if let absorbed = deeperHunkLines(before: q) {
                    for c in absorbed {
                        let kind = DiffLineKind(c)
                        if kind == .context || kind == .removed { old -= 1 }
                        if kind == .context || kind == .added { new -= 1 }
                        a.lines.append(String(c))
                        a.restored.append(false)
                    }
                    if believeCounts, old < 0 || new < 0 { a.stop = .overrun; a.next = q; return a }
                    if believeCounts, old == 0, new == 0 { break }
                } else {
                    a.stop = .gap
                    break
                }
            }
            let c = content(q)
            let kind = DiffLineKind(c)
            switch kind {
            case .context, .removed, .added:
                // "-- " with signature text after it is the signature, even where it
                // would satisfy the counts: a reply that cut the hunk's last line must
                // not make the signature pass for it. With nothing after it at this
                // depth, and the counts wanting exactly one removed line, it is that line
                // (a file losing a "-" line; a rendered diff must read back as itself).
                if kind == .removed, c.utf8.count <= 3, c.startsWith("--"), c.dropping("--").isBlankText,
                   !continuesHunk(q + 1), !(believeCounts && old == 1 && new == 0 && endsRun(q)) {
                    a.stop = .signature
                    break
                }
                if kind != .added { old -= 1 }
                if kind != .removed { new -= 1 }
                a.lines.append(String(c))
                a.restored.append(false)
            case .noNewline:
                // "\ No newline" belongs after a counted line; a second one ends the hunk.
                guard Self.endsInCountedLine(a.lines) else { a.stop = .structure; break }
                a.lines.append(String(c))
                a.restored.append(false)
            case .blank:
                if !believeCounts && !continuesHunk(q + 1) { a.stop = .prose; break }
                old -= 1
                new -= 1
                a.lines.append(" ")
                a.restored.append(true)
                a.restoredAny = true
            case .other:
                if DiffText.isTrimMarker(c) { a.stop = .trimmed; break }
                if isStructural(q) { a.stop = .structure; break }
                if joins, !lastJoined, let last = a.lines.last, last.utf8.count >= 50,
                   a.restored.last == false, DiffLineKind(Substring(last)).isCounted {
                    let glue = (last.utf8.last == 32 || last.utf8.last == 9) ? "" : " "
                    a.lines[a.lines.count - 1] = last + glue + String(c)
                    a.joined = true
                    lastJoined = true
                    q += 1
                    continue
                }
                a.stop = .prose
            }
            if a.stop != .none { break }
            lastJoined = false
            q += 1
            if believeCounts, old < 0 || new < 0 {
                a.stop = .overrun
                a.next = q
                // Keep reading while the lines are still hunk lines: the counts lied.
                let more = structuralRun(from: q)
                a.lines += more.lines
                a.next = more.next
                return a
            }
        }
        // "\ No newline at end of file" follows the last counted line.
        if a.stop == .none, q < text.count, !text.gapBefore(q), DiffLineKind(content(q)) == .noNewline, Self.endsInCountedLine(a.lines) {
            a.lines.append(String(content(q)))
            a.restored.append(false)
            q += 1
        }
        a.next = q
        a.missingOld = old
        a.missingNew = new
        return a
    }

    static func endsInCountedLine(_ lines: [String]) -> Bool {
        lines.last.map { DiffLineKind(Substring($0)).isCounted } ?? false
    }

    /// Whether entry k is the last line of its depth's run (text ends or another depth follows).
    private func endsRun(_ k: Int) -> Bool {
        k + 1 >= text.count || text.gapBefore(k + 1)
    }

    /// Whether entry k can continue a hunk (a hunk line of this depth, not a boundary).
    private func continuesHunk(_ k: Int) -> Bool {
        guard k < text.count, !text.gapBefore(k) else { return false }
        let kind = DiffLineKind(content(k))
        return kind.isCounted || kind == .noNewline
    }

    /// Hunk lines (no blank ones) from k on, as long as they last.
    private func structuralRun(from k: Int) -> (lines: [String], next: Int) {
        var out: [String] = []
        var q = k
        while q < text.count, !text.gapBefore(q) {
            let c = content(q)
            let kind = DiffLineKind(c)
            guard kind.isCounted || (kind == .noNewline && Self.endsInCountedLine(out)), !isStructural(q) else { break }
            if kind == .removed, c.utf8.count <= 3, c.startsWith("--"), c.dropping("--").isBlankText, !continuesHunk(q + 1) { break }
            out.append(String(c))
            q += 1
        }
        return (out, q)
    }

    /// Hunk lines after satisfied counts that lead straight into another hunk header.
    private func overrun(from k: Int) -> (lines: [String], next: Int, count: Int) {
        let run = structuralRun(from: k)
        guard !run.lines.isEmpty, run.next < text.count, !text.gapBefore(run.next), content(run.next).startsWith("@@ -") else {
            return ([], k, 0)
        }
        return (run.lines, run.next, run.lines.count)
    }

    /// After a cut (`[...]` or reply text), the quoted hunk may go on: keep its lines.
    private func continueAfterCut(_ a: inout Attempt) {
        var q = a.next
        // Skip the cut itself: trim markers, and reply lines of other depths.
        while q < text.count, DiffText.isTrimMarker(content(q)) || content(q).isEmpty { q += 1 }
        guard q < text.count else { return }
        let c = content(q)
        let kind = DiffLineKind(c)
        guard kind.isCounted || kind == .noNewline, !isStructural(q) else { return }
        var p = q
        while p < text.count {
            if p > q, text.gapBefore(p) { break }
            let k = DiffLineKind(content(p))
            if k == .blank {
                // A blank line is context only when the hunk continues after it.
                guard continuesHunk(p + 1) else { break }
                a.lines.append(" ")
                a.restored.append(true)
            } else if k.isCounted || (k == .noNewline && Self.endsInCountedLine(a.lines)) {
                let t = content(p)
                if k == .removed, t.utf8.count <= 3, t.startsWith("--"), t.dropping("--").isBlankText, !continuesHunk(p + 1) { break }
                a.lines.append(String(t))
                a.restored.append(false)
            } else {
                break
            }
            p += 1
        }
        a.next = p
    }

    /// Blank lines restored at the end of a cut-short hunk were separators, not context.
    private func dropTrailingRestored(_ a: inout Attempt) {
        while a.restored.last == true {
            a.lines.removeLast()
            a.restored.removeLast()
        }
    }

    /// Lines between entries k-1 and k that quoting made look deeper (a context line
    /// " > x" quoted as ">  > x" or "> > x"): their text at this depth when
    /// every one of them is a hunk line; nil when the gap is real reply text.
    private func deeperHunkLines(before k: Int) -> [Substring]? {
        guard text.depth > 0 else { return nil }
        let from = text.indices[k - 1] + 1, to = text.indices[k]
        guard to - from <= 8 else { return nil }
        var out: [Substring] = []
        for i in from..<to {
            let line = text.lines[i]
            guard line.depth > text.depth, let s = DepthText.stripMarkers(line.raw, count: text.depth) else { return nil }
            // A real deeper quote still starts with a marker here: never a hunk line.
            let c = DepthText.strip(s, separator, crlf: crlf)
            guard DiffLineKind(c).isCounted else { return nil }
            out.append(c)
        }
        return out
    }
}
