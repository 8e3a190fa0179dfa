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
    /// cost no allocation each.
    mutating func split(_ b: [UInt8], code: inout [UInt8], comment: inout [UInt8]) {
        code.removeAll(keepingCapacity: true)
        code.append(contentsOf: repeatElement(0x20, count: b.count))
        comment.removeAll(keepingCapacity: true)
        var i = 0
        while i < b.count {
            let c = b[i]
            if inBlockComment {
                if c == 0x2A, i + 1 < b.count, b[i + 1] == 0x2F { inBlockComment = false; comment.append(0x20); i += 2; continue }
                comment.append(c)
                i += 1
                continue
            }
            if c == 0x2F, i + 1 < b.count {
                if b[i + 1] == 0x2A { inBlockComment = true; i += 2; continue }
                if b[i + 1] == 0x2F { comment.append(contentsOf: b[(i + 2)...]); break }
            }
            if c == 0x22 || c == 0x27 {
                code[i] = c
                var j = i + 1
                while j < b.count && b[j] != c {
                    if b[j] == 0x5C { j += 1 }
                    j += 1
                }
                if j < b.count { code[j] = c }
                i = j + 1
                continue
            }
            code[i] = c
            i += 1
        }
    }
}
