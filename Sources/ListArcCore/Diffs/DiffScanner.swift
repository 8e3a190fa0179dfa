/// Finds and reads the diffs in one depth's text: file sections (git, plain
/// unified, CVS/quilt `Index:`), their hunks and binary blocks.
struct DiffScanner {
    let text: DepthText

    /// One diff as read, before it becomes an `ExtractedDiff`.
    struct Found {
        var files: [FileDiff]
        var first: Int
        var next: Int
        var complete: Bool
        var repairs: [DiffRepair]
        var separator: QuoteSeparator
    }

    /// All diffs in this depth's text, in order.
    func scan() -> [Found] {
        var found: [Found] = []
        var k = 0
        while k < text.count {
            if let (separator, crlf) = startStyle(k), let diff = readDiff(from: k, separator, crlf: crlf), diff.next > k {
                found.append(diff)
                k = diff.next
            } else {
                k += 1
            }
        }
        return found
    }

    /// Separator and CRLF damage under which entry k starts a file section.
    private func startStyle(_ k: Int) -> (QuoteSeparator, Bool)? {
        let after = text.afterMarkers(k)
        guard let f = after.utf8.first else { return nil }
        let separators: [QuoteSeparator]
        if text.depth == 0 || text.lines[text.indices[k]].prefixLength == 0 {
            separators = [.none]
        } else {
            separators = f == UInt8(ascii: " ") ? [.space] : [.none]
        }
        for s in separators {
            let c = DepthText.strip(after, s, crlf: false)
            let crlf = c.utf8.last == UInt8(ascii: "\r")
            if isFileStart(k, HunkReader(text: text, separator: s, crlf: crlf)) { return (s, crlf) }
        }
        return nil
    }

    private func isFileStart(_ k: Int, _ r: HunkReader) -> Bool {
        let c = r.content(k)
        guard let f = c.utf8.first, f == UInt8(ascii: "d") || f == UInt8(ascii: "I") || f == UInt8(ascii: "-") else { return false }
        func next(_ j: Int) -> Substring? {
            let p = k + j
            guard p < text.count else { return nil }
            for i in (k + 1)...p where text.gapBefore(i) { return nil }
            return r.content(p)
        }
        if c.startsWith("diff --git ") { return true }
        if c.startsWith("diff --cc ") || c.startsWith("diff --combined ") { return false }
        if c.startsWith("diff ") || c.startsWith("Index: ") {
            // The file's ---/+++ pair must follow within a few header lines.
            for j in 1...6 {
                guard let l = next(j) else { return false }
                if l.startsWith("--- "), let p = next(j + 1), p.startsWith("+++ ") { return true }
                if l.startsWith("Binary files ") { return true }
                if !DiffText.isIndexHeader(l) { return false }
            }
            return false
        }
        if c.startsWith("--- "), let p = next(1), p.startsWith("+++ "), let h = next(2), h.startsWith("@@ -") { return true }
        return false
    }

    private func readDiff(from start: Int, _ separator: QuoteSeparator, crlf: Bool) -> Found? {
        let r = HunkReader(text: text, separator: separator, crlf: crlf)
        var found = Found(files: [], first: start, next: start, complete: true, repairs: crlf ? [.crlfNormalised] : [], separator: separator)
        var k = start
        while k < text.count, isFileStart(k, r), let (file, next) = readFile(at: k, r, &found) {
            found.files.append(file)
            found.next = next
            // Blank or "Only in" lines, or a reply, may sit between two files.
            var p = next
            var sawGap = false
            while p < text.count {
                if text.gapBefore(p) { sawGap = true }
                let c = r.content(p)
                guard c.isBlankText || c.startsWith("Only in ") || DiffText.isTrimMarker(c) else { break }
                if DiffText.isTrimMarker(c) { sawGap = true }
                p += 1
            }
            if p < text.count, text.gapBefore(p) { sawGap = true }
            guard p < text.count, isFileStart(p, r) else { break }
            if sawGap && text.depth > 0 { found.complete = false }
            k = p
        }
        return found.files.isEmpty ? nil : found
    }

    /// One file's section: header lines, then hunks or a binary block.
    private func readFile(at start: Int, _ r: HunkReader, _ found: inout Found) -> (FileDiff, Int)? {
        var k = start
        let first = r.header(k)
        if first.startsWith("--- ") {
            // A bare unified diff: the ---/+++ pair is its whole header.
            // Without one readable hunk (`@@ -49, 7 +49,34 @@` is not) it is no diff.
            var file = FileDiff(flavor: .unified, oldPath: nil, newPath: nil, headerLines: [], hunks: [])
            guard let read = readMarkersAndHunks(at: k, r, into: &file, isNew: false, isDeleted: false, &found),
                  !read.0.hunks.isEmpty else { return nil }
            return read
        }
        var header = [String(first)]
        var flavor = DiffFlavor.unified
        var oldPath: String?, newPath: String?
        var hasExtended = false
        var isNew = false, isDeleted = false
        func here() -> Substring? { k < text.count && !text.gapBefore(k) ? r.header(k) : nil }
        k += 1
        if first.startsWith("diff --git ") {
            flavor = .git
            (oldPath, newPath) = DiffText.gitPaths(first.dropping("diff --git "))
            while let c = here(), DiffText.isGitExtendedHeader(c) {
                header.append(String(c))
                // An `index` line alone says nothing a hunk-less header could apply.
                if !c.startsWith("index ") { hasExtended = true }
                if c.startsWith("new file mode ") { isNew = true }
                if c.startsWith("deleted file mode ") { isDeleted = true }
                k += 1
            }
        } else if first.startsWith("Index: ") {
            flavor = .cvs
            while let c = here(), DiffText.isIndexHeader(c) || c.startsWith("Binary files ") {
                header.append(String(c))
                k += 1
            }
        } else if first.startsWith("diff ") {
            while let c = here(), c.startsWith("Binary files ") || DiffText.isIndexHeader(c) {
                header.append(String(c))
                k += 1
            }
        }
        var file = FileDiff(flavor: flavor, oldPath: oldPath, newPath: newPath, headerLines: header, hunks: [])
        if flavor == .git, let c = here(), c.startsWith("GIT binary patch") {
            if isNew { file.oldPath = nil }
            if isDeleted { file.newPath = nil }
            let (lines, next) = readBinary(at: k, r)
            file.binaryLines = lines
            return (file, next)
        }
        let hadExtended = hasExtended
        guard let (read, next) = readMarkersAndHunks(at: k, r, into: &file, isNew: isNew, isDeleted: isDeleted, &found) else {
            return nil
        }
        if read.hunks.isEmpty {
            let binaryNote = read.headerLines.contains { $0.hasPrefix("Binary files ") }
            let hasMarkers = read.headerLines.contains { $0.hasPrefix("+++ ") }
            // A git header alone is a diff only when it says something (mode, rename…).
            guard (flavor == .git && hadExtended && !hasMarkers) || binaryNote else { return nil }
        }
        return (read, next)
    }

    /// The `---`/`+++` pair (if there) and the hunks after it.
    private func readMarkersAndHunks(at start: Int, _ r: HunkReader, into file: inout FileDiff, isNew: Bool, isDeleted: Bool,
                                     _ found: inout Found) -> (FileDiff, Int)? {
        var k = start
        if k < text.count, k == start || !text.gapBefore(k), r.content(k).startsWith("--- "),
           k + 1 < text.count, !text.gapBefore(k + 1), r.content(k + 1).startsWith("+++ ") {
            let minus = r.header(k), plus = r.header(k + 1)
            file.headerLines.append(String(minus))
            file.headerLines.append(String(plus))
            file.oldPath = DiffText.path(afterMarker: minus.dropping("--- "))
            file.newPath = DiffText.path(afterMarker: plus.dropping("+++ "))
            k += 2
        }
        if isNew { file.oldPath = nil }
        if isDeleted { file.newPath = nil }
        k = readHunks(from: k, r, into: &file, &found)
        if file.headerLines.isEmpty && file.hunks.isEmpty { return nil }
        return (file, k)
    }

    /// Hunks one after another; a reply's comments or a trim marker may sit between
    /// two of them (the diff is then incomplete when whole hunks went missing).
    private func readHunks(from start: Int, _ r: HunkReader, into file: inout FileDiff, _ found: inout Found) -> Int {
        var k = start
        var first = true
        while k < text.count {
            var p = k
            var cut = false
            if !first {
                // Between hunks: blank separators, trim markers, reply text at other depths.
                while p < text.count {
                    if text.gapBefore(p) { cut = true }
                    let c = r.content(p)
                    if c.isEmpty || c.isBlankText { p += 1; continue }
                    if DiffText.isTrimMarker(c) { cut = true; found.complete = false; p += 1; continue }
                    break
                }
                if p < text.count, text.gapBefore(p) { cut = true }
            }
            guard p < text.count else { break }
            let c = r.content(p)
            guard c.startsWith("@@ -"), let h = HunkHeader(c) else { break }
            if file.hunks.count == DiffLimits.maxHunksPerFile {
                found.complete = false
                if !found.repairs.contains(.hunkLimitReached) { found.repairs.append(.hunkLimitReached) }
                break
            }
            if !first, p != k, !cut, text.depth == 0 {
                // Blank lines between hunks of an unquoted diff end it.
                break
            }
            if cut, let prev = file.hunks.last, !Self.follows(prev, h) { found.complete = false }
            let result = r.read(at: p, header: h, raw: c)
            file.hunks.append(result.hunk)
            for rep in result.repairs where !found.repairs.contains(rep) { found.repairs.append(rep) }
            if !result.hunk.complete || result.interrupted { found.complete = false }
            k = result.next
            first = false
        }
        return k
    }

    /// Whether hunk `h` can directly follow `prev` (no whole hunk missing between):
    /// the offset between old and new line numbers moves by exactly prev's growth.
    static func follows(_ prev: Hunk, _ h: HunkHeader) -> Bool {
        func delta(_ oldStart: Int, _ oldCount: Int, _ newStart: Int, _ newCount: Int) -> Int {
            (newCount == 0 ? newStart + 1 : newStart) - (oldCount == 0 ? oldStart + 1 : oldStart)
        }
        let before = delta(prev.oldStart, prev.oldCount, prev.newStart, prev.newCount) + prev.newCount - prev.oldCount
        return delta(h.oldStart, h.oldCount, h.newStart, h.newCount) == before
    }

    /// `GIT binary patch` then one or two `literal N`/`delta N` blocks of base85 lines,
    /// each ended by an empty line (added when the mail lost it).
    private func readBinary(at start: Int, _ r: HunkReader) -> ([String], Int) {
        var lines = [String(r.content(start))]
        var k = start + 1
        var blocks = 0
        while blocks < 2, k < text.count, !text.gapBefore(k) {
            let c = r.content(k)
            guard c.startsWith("literal ") || c.startsWith("delta ") else { break }
            lines.append(String(c))
            k += 1
            while k < text.count, !text.gapBefore(k), DiffText.isBase85Line(r.content(k)) {
                lines.append(String(r.content(k)))
                k += 1
            }
            if k < text.count, !text.gapBefore(k), r.content(k).isEmpty { k += 1 }
            lines.append("")
            blocks += 1
        }
        return (lines, k)
    }
}
