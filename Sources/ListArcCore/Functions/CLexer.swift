/// Splits C source lines into code and comment text, remembering an open
/// `/* … */` across lines. String and character literals are blanked in the code
/// so braces and parentheses inside them do not count.
struct CLexer {
    private(set) var inBlockComment = false

    /// `code` has the same length as the line, with comments and literal contents
    /// replaced by blanks; `comment` is the comment text.
    mutating func split(_ b: [UInt8]) -> (code: [UInt8], comment: [UInt8]) {
        var code: [UInt8] = [], comment: [UInt8] = []
        split(b, code: &code, comment: &comment)
        return (code, comment)
    }

    /// The same into buffers the caller reuses line after line, so a hunk's lines
    /// cost no allocation each. The code starts as a copy of the line (one block
    /// copy) and only comments and literal contents are blanked in it.
    mutating func split(_ b: [UInt8], code: inout [UInt8], comment: inout [UInt8]) {
        code.removeAll(keepingCapacity: true)
        code.append(contentsOf: b)
        if !comment.isEmpty { comment.removeAll(keepingCapacity: true) }   // most lines have none
        var i = 0
        while i < b.count {
            if inBlockComment {
                let start = i
                while i < b.count && !(b[i] == 0x2A && i + 1 < b.count && b[i + 1] == 0x2F) { i += 1 }
                comment.append(contentsOf: b[start..<i])
                if i < b.count { inBlockComment = false; comment.append(0x20); i += 2 }
                Self.blank(&code, start..<i)
                continue
            }
            // Plain code stays as copied: skip to the next byte that may open a comment or literal.
            while i < b.count && b[i] != 0x2F && b[i] != 0x22 && b[i] != 0x27 { i += 1 }
            guard i < b.count else { break }
            let c = b[i]
            if c == 0x2F, i + 1 < b.count {
                if b[i + 1] == 0x2A { inBlockComment = true; Self.blank(&code, i..<(i + 2)); i += 2; continue }
                if b[i + 1] == 0x2F { comment.append(contentsOf: b[(i + 2)...]); Self.blank(&code, i..<b.count); break }
            }
            if c == 0x22 || c == 0x27 {
                var j = i + 1
                while j < b.count && b[j] != c {
                    if b[j] == 0x5C { j += 1 }
                    j += 1
                }
                Self.blank(&code, (i + 1)..<min(j, b.count))     // the quotes themselves stay
                i = j + 1
                continue
            }
            i += 1
        }
    }

    private static func blank(_ code: inout [UInt8], _ r: Range<Int>) {
        for k in r { code[k] = 0x20 }
    }
}
