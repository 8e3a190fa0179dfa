/// The shapes a kernel prints a code location in:
/// `FUNC+0xOFF/0xSIZE [module]`, decoded `FUNC (FILE:LINE FILE:LINE)`,
/// syzbot-style `FUNC+0xOFF/0xSIZE FILE:LINE` and `FUNC FILE:LINE [inline]`,
/// with `? ` (unreliable), `[<address>]` and arm64's `(P)`/`(L)` decorations.
enum FrameSyntax {
    struct Symbol {
        var name: String
        var offset: Int?
        var size: Int?
        var end: Int
    }

    /// `NAME+0xOFF/0xSIZE` starting exactly at i.
    static func symbol(_ b: [UInt8], at i: Int) -> Symbol? {
        var j = i
        while j < b.count && ByteScan.isSymbol(b[j]) { j += 1 }
        guard j > i, j < b.count, b[j] == 0x2B, startsName(b[i]) else { return nil }
        guard let (off, e1) = ByteScan.hex(b, at: j + 1), e1 < b.count, b[e1] == 0x2F,
              let (size, e2) = ByteScan.hex(b, at: e1 + 1) else { return nil }
        if e2 < b.count && ByteScan.isSymbol(b[e2]) { return nil }
        return Symbol(name: ByteScan.string(b, i..<j), offset: off, size: size, end: e2)
    }

    /// The first `NAME+0xOFF/0xSIZE` anywhere in the line (for title lines).
    static func firstSymbol(_ b: [UInt8], from: Int = 0) -> Symbol? {
        var i = from
        while i < b.count {
            if (i == 0 || !ByteScan.isSymbol(b[i - 1])), startsName(b[i]), let s = symbol(b, at: i) { return s }
            i += 1
        }
        return nil
    }

    static func startsName(_ c: UInt8) -> Bool { ByteScan.isAlpha(c) || c == 0x5F || c == 0x24 }

    /// A frame line of a call trace (already stripped of log prefixes and trimmed).
    static func frame(_ b: [UInt8]) -> Frame? {
        var i = skipAddresses(b, 0)
        var reliable = true
        if i + 1 < b.count, b[i] == 0x3F, b[i + 1] == 0x20 { reliable = false; i = skipAddresses(b, i + 2) }
        var parenthesised = false
        if i < b.count, b[i] == 0x28 { parenthesised = true; i += 1 }   // arm: "(foo+0x1/0x2)"
        guard i < b.count, startsName(b[i]) else { return nil }
        var frame: Frame
        var j: Int
        if let s = symbol(b, at: i) {
            frame = Frame(function: s.name, offset: s.offset, size: s.size, reliable: reliable)
            j = s.end
            if parenthesised, j < b.count, b[j] == 0x29 { j += 1 }
        } else {
            var e = i
            while e < b.count && ByteScan.isSymbol(b[e]) { e += 1 }
            frame = Frame(function: ByteScan.string(b, i..<e), reliable: reliable)
            j = e
        }
        let hadOffset = frame.offset != nil
        var located = false
        // Trailing decorations.
        while true {
            j = ByteScan.skipSpaces(b, j)
            guard j < b.count else { break }
            if b[j] == 0x5B {                                   // [module], [module buildid], [inline]
                guard let close = ByteScan.find(b, [0x5D], from: j) else { return hadOffset ? frame : nil }
                let inner = Array(b[(j + 1)..<close])
                if inner == Array("inline".utf8) { frame.inlined = true; located = true }
                else if let name = moduleName(inner) { frame.module = name }
                else if !hadOffset { return nil }
                j = close + 1
            } else if b[j] == 0x28 {                            // (file:line …), (inlined), (P)
                guard let close = matchingParen(b, j) else { return hadOffset ? frame : nil }
                let inner = Array(b[(j + 1)..<close])
                if inner == Array("inlined".utf8) { frame.inlined = true; located = true }
                else if inner == Array("unreliable".utf8) { frame.reliable = false }     // powerpc
                else if let (file, line) = lastLocation(inner) { frame.file = file; frame.line = line; located = true }
                else if !(inner.count <= 2 && inner.allSatisfy(ByteScan.isUpper)) && !hadOffset { return nil }
                j = close + 1
            } else if let (file, line, end) = location(b, at: j) {
                frame.file = file; frame.line = line; located = true
                j = end
            } else if located || hadOffset, let (name, end) = bareModule(b, at: j) {
                // decode_stacktrace.sh prints the module unbracketed after the location.
                frame.module = name
                j = end
            } else {
                if !hadOffset { return nil }
                break
            }
        }
        guard hadOffset || located else { return nil }
        return frame
    }

    /// Skips address tokens and blanks: `[<ffffffff81234567>]` (x86, arm, riscv, s390,
    /// mips) and `[c000000000a1b3c90]` (powerpc).
    static func skipAddresses(_ b: [UInt8], _ i: Int) -> Int {
        var i = ByteScan.skipSpaces(b, i)
        while i + 1 < b.count, b[i] == 0x5B {
            if b[i + 1] == 0x3C, let close = ByteScan.find(b, [0x3E, 0x5D], from: i + 2, limit: i + 40) {
                i = ByteScan.skipSpaces(b, close + 2)
            } else if case let e = ByteScan.hexRunEnd(b, at: i + 1), e - i >= 9, e < b.count, b[e] == 0x5D {
                i = ByteScan.skipSpaces(b, e + 1)
            } else {
                break
            }
        }
        return i
    }

    /// A lone module name ending the line.
    private static func bareModule(_ b: [UInt8], at i: Int) -> (String, Int)? {
        var e = i
        while e < b.count && (ByteScan.isIdent(b[e]) || b[e] == 0x2D) { e += 1 }
        guard e > i, ByteScan.skipSpaces(b, e) == b.count else { return nil }
        return (ByteScan.string(b, i..<e), b.count)
    }

    private static func moduleName(_ inner: [UInt8]) -> String? {
        var e = 0
        while e < inner.count && (ByteScan.isIdent(inner[e]) || inner[e] == 0x2D) { e += 1 }
        guard e > 0, e == inner.count || inner[e] == 0x20 else { return nil }
        return ByteScan.string(inner, 0..<e)
    }

    private static func matchingParen(_ b: [UInt8], _ open: Int) -> Int? {
        var depth = 0, i = open
        while i < b.count {
            if b[i] == 0x28 { depth += 1 } else if b[i] == 0x29 { depth -= 1; if depth == 0 { return i } }
            i += 1
        }
        return nil
    }

    /// `path/file.c:123` (optionally `:COL`) at i; the path needs a `/` or `.`.
    static func location(_ b: [UInt8], at i: Int) -> (String, Int, Int)? {
        var j = i, sawDot = false
        while j < b.count && ByteScan.isPath(b[j]) { if b[j] == 0x2E || b[j] == 0x2F { sawDot = true }; j += 1 }
        guard j > i, sawDot, j < b.count, b[j] == 0x3A, let (line, e) = ByteScan.decimal(b, at: j + 1) else { return nil }
        var end = e
        if end < b.count, b[end] == 0x3A, let (_, e2) = ByteScan.decimal(b, at: end + 1) { end = e2 }
        if end < b.count && !ByteScan.isSpace(b[end]) && b[end] != 0x29 && b[end] != 0x21 && b[end] != 0x2C { return nil }
        return (ByteScan.string(b, i..<j), line, end)
    }

    /// decode_stacktrace.sh puts addr2line -i output in parentheses, innermost
    /// inline site first and the named function's own line last: take the last.
    private static func lastLocation(_ inner: [UInt8]) -> (String, Int)? {
        var best: (String, Int)?
        var i = 0
        while i < inner.count {
            if (i == 0 || inner[i - 1] == 0x20), let (f, l, e) = location(inner, at: i) { best = (f, l); i = e } else { i += 1 }
        }
        return best
    }
}
