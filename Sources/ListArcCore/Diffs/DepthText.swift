/// How the client that first quoted a diff separated its quote marker from the
/// text: `> +foo` (one space) or `>+foo` (none). Decided per diff from lines that
/// must start with a diff marker (`diff`, `---`, `+++`, `@@`, `Index:`).
enum QuoteSeparator: Sendable {
    case none, space
}

/// The lines of one quote depth of a text part (one embedded message's share of it),
/// seen as the text they carried before they were quoted.
struct DepthText {
    let lines: [QuoteLine]
    /// Line numbers (into `lines`) at this depth, ascending.
    let indices: [Int]
    let depth: Int

    var count: Int { indices.count }

    /// The text after the depth's quote markers, nothing else removed.
    func afterMarkers(_ k: Int) -> Substring {
        lines[indices[k]].afterMarkers
    }

    /// True when lines of another depth sit between entry k-1 and entry k.
    func gapBefore(_ k: Int) -> Bool {
        k > 0 && k < indices.count && indices[k] != indices[k - 1] + 1
    }

    /// The diff text of entry k: markers and the separator (when the client put one)
    /// removed, and a CR that was a line end when the diff came CRLF-damaged.
    func content(_ k: Int, _ separator: QuoteSeparator, crlf: Bool) -> Substring {
        Self.strip(afterMarkers(k), separator, crlf: crlf)
    }

    static func strip(_ text: Substring, _ separator: QuoteSeparator, crlf: Bool) -> Substring {
        var s = text
        if separator == .space, s.utf8.first == UInt8(ascii: " ") {
            s = s[s.utf8.index(after: s.utf8.startIndex)...]
        }
        if crlf, s.utf8.last == UInt8(ascii: "\r") {
            s = s[..<s.utf8.index(before: s.utf8.endIndex)]
        }
        return s
    }

    /// The text of a line quoted deeper than this depth, read as if only this depth's
    /// markers were quote markers (a `>`-style client quoting a context line " > x"
    /// makes it look one level deeper). Nil when it has fewer markers.
    static func stripMarkers(_ raw: String, count: Int) -> Substring? {
        let u = raw.utf8
        var i = u.startIndex
        var seen = 0
        while seen < count, i < u.endIndex {
            let b = u[i]
            if b == UInt8(ascii: ">") {
                seen += 1
                i = u.index(after: i)
            } else if b == UInt8(ascii: " "), seen > 0 {
                i = u.index(after: i)
            } else {
                return nil
            }
        }
        return seen == count ? raw[i...] : nil
    }
}

extension Substring {
    @inline(__always)
    func startsWith(_ prefix: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var i = utf8.startIndex
        for b in p {
            guard i < utf8.endIndex, utf8[i] == b else { return false }
            i = utf8.index(after: i)
        }
        return true
    }

    /// The text after `prefix` (which must be there).
    func dropping(_ prefix: StaticString) -> Substring {
        self[utf8.index(utf8.startIndex, offsetBy: prefix.utf8CodeUnitCount)...]
    }

    var isBlankText: Bool {
        utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
