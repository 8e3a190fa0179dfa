/// Splits C source lines into code and comment text, remembering an open
/// `/* … */` across lines. String and character literals are blanked in the code
/// so braces and parentheses inside them do not count.
struct CLexer {
    private(set) var inBlockComment = false

    /// `code` has the same length as the line, with comments and literal contents
    /// replaced by blanks; `comment` is the comment text.
    mutating func split(_ b: [UInt8]) -> (code: [UInt8], comment: [UInt8]) {
        var code = [UInt8](repeating: 0x20, count: b.count)
        var comment: [UInt8] = []
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
        return (code, comment)
    }
}
