/// Follows one side of a hunk (context + removed lines, or context + added lines)
/// through C structure: which function's signature or body each line is in, and
/// which lines are prototypes.
///
/// Brace depth alone is not enough because a hunk starts mid-file; kernel style
/// gives the missing facts: a function's closing `}` and its definition head sit
/// in column 0, labels are the only other column-0 lines inside a body.
struct SideWalker {
    struct Role {
        var function: String?
        var alias: String?
        /// The line is part of the function head (return type, name, parameters).
        var signature = false
        /// The line is part of a prototype (declaration ending in `;`) of this function.
        var prototypeOf: String?
    }

    private struct Pending {
        var start: Int
        var text: [UInt8] = []
        var paren = 0
    }

    private var lexer = CLexer()
    private var depth = 0
    private var function: String?
    private var alias: String?
    private var inFunction = false
    /// The state came from the `@@` section text, not from braces seen here.
    private var fromHint = false
    private var inMacro = false
    private var pending: Pending?
    private(set) var roles: [Role] = []
    /// The last line fed, split: its code and its comment text. Only the changed
    /// lines' are needed, so the caller reads them right after feeding one, and the
    /// buffers are reused for the next line.
    private(set) var code: [UInt8] = []
    private(set) var comment: [UInt8] = []

    init() {}

    /// Starts inside the function the `@@` section names, if it names one.
    init(section: String) {
        var sectionLexer = CLexer()
        let code = sectionLexer.split(Array(section.utf8)).code
        guard !code.isEmpty, !code.contains(0x3B) else { return }
        if let n = CDeclaration.name(code) {
            depth = 1; inFunction = true; function = n.function; alias = n.alias; fromHint = true
        } else if code.contains(0x7B) {
            depth = 1; fromHint = true
        }
    }

    /// Forget per-line results (after feeding a file prefix in exact mode), keep the state.
    mutating func rebase() {
        roles = []
        if pending != nil { pending?.start = 0 }
    }

    mutating func feed(_ raw: [UInt8]) {
        let idx = roles.count
        let wasInComment = lexer.inBlockComment
        lexer.split(raw, code: &code, comment: &comment)
        roles.append(Role(function: inFunction ? function : nil, alias: inFunction ? alias : nil))
        let first = ByteScan.skipSpaces(raw, 0)
        let col0 = first == 0 && !raw.isEmpty
        if inMacro { inMacro = raw.last == 0x5C; return }
        if !wasInComment, first < raw.count, raw[first] == 0x23 { inMacro = raw.last == 0x5C; return }
        let codeStart = ByteScan.skipSpaces(code, 0)
        guard codeStart < code.count else {
            if first >= raw.count { pending = nil }                   // a blank line ends any head
            else if col0 && !wasInComment && depth > 0 && inFunction && fromHint { leaveToFileScope(idx) }
            return
        }
        let codeCol0 = col0 && codeStart == 0
        if depth > 0 {
            let c0 = code[codeStart]
            let (opens, closes) = braces(code, from: codeStart)
            if codeCol0 && c0 == 0x7D {
                depth += opens - closes
                if inFunction || depth <= 0 { depth = 0; endBlock() }
                return
            }
            if codeCol0 && c0 == 0x7B && inFunction {
                depth = opens - closes
                fromHint = false
                if depth <= 0 { depth = 0; endBlock() }
                return
            }
            if codeCol0 && isLabel(code) { return }
            if codeCol0 && inFunction && startsHead(code) {
                leaveToFileScope(idx)                                 // the function ended before this line
            } else {
                depth += opens - closes
                if depth <= 0 {
                    if inFunction && !codeCol0 { depth = 1 } else { depth = 0; endBlock() }
                }
                return
            }
        }
        if pending == nil {
            guard startsHead(code) else {
                let (opens, closes) = braces(code, from: codeStart)
                if opens > closes { depth = opens - closes }
                return
            }
            pending = Pending(start: idx)
        }
        scanHead(code, idx)
    }

    /// Resolves a head still open at the end of the hunk as a signature.
    mutating func finish() {
        guard let p = pending, let name = CDeclaration.name(p.text), p.text.contains(0x28) else { return }
        for k in p.start..<roles.count {
            roles[k].function = name.function; roles[k].alias = name.alias; roles[k].signature = true
        }
        pending = nil
    }

    private mutating func scanHead(_ code: [UInt8], _ idx: Int) {
        guard var p = pending else { return }
        p.text += code
        p.text.append(0x20)
        var i = 0
        while i < code.count {
            let c = code[i]
            if c == 0x28 { p.paren += 1 }
            else if c == 0x29 { p.paren = max(0, p.paren - 1) }
            else if p.paren == 0 && c == 0x3B {
                if let n = CDeclaration.name(p.text), n.alias == nil || n.alias!.hasPrefix("EXPORT_SYMBOL") {
                    for k in p.start...idx { roles[k].prototypeOf = n.function }
                }
                pending = nil
                return
            } else if p.paren == 0 && c == 0x7B {
                if let n = CDeclaration.name(p.text) {
                    inFunction = true; function = n.function; alias = n.alias
                    for k in p.start...idx {
                        roles[k].function = n.function; roles[k].alias = n.alias; roles[k].signature = true
                    }
                } else {
                    inFunction = false; function = nil; alias = nil
                }
                fromHint = false
                pending = nil
                let (opens, closes) = braces(code, from: i + 1)
                depth = 1 + opens - closes
                if depth <= 0 { depth = 0; endBlock() }
                return
            }
            i += 1
        }
        pending = (idx - p.start > 40) ? nil : p
    }

    private mutating func leaveToFileScope(_ idx: Int) {
        depth = 0
        endBlock()
        roles[idx].function = nil
        roles[idx].alias = nil
    }

    private mutating func endBlock() {
        inFunction = false; function = nil; alias = nil; fromHint = false
    }

    private func braces(_ code: [UInt8], from: Int) -> (Int, Int) {
        var o = 0, c = 0, i = from
        while i < code.count {
            if code[i] == 0x7B { o += 1 } else if code[i] == 0x7D { c += 1 }
            i += 1
        }
        return (o, c)
    }

    /// A column-0 line that can begin a declaration: an identifier, not a label.
    private func startsHead(_ code: [UInt8]) -> Bool {
        guard let c = code.first, ByteScan.isAlpha(c) || c == 0x5F else { return false }
        return !isLabel(code)
    }

    private static let notLabels = ByteWords(["default", "case", "public", "private"])

    /// `name:` alone (goto label), not `name::` or `case x:`.
    private func isLabel(_ code: [UInt8]) -> Bool {
        var i = ByteScan.skipSpaces(code, 0)
        let s = i
        while i < code.count && ByteScan.isIdent(code[i]) { i += 1 }
        guard i > s else { return false }
        if Self.notLabels.contains(code, s..<i) { return false }
        i = ByteScan.skipSpaces(code, i)
        guard i < code.count, code[i] == 0x3A, i + 1 >= code.count || code[i + 1] != 0x3A else { return false }
        return true
    }
}
