/// Reads the function name out of a C declaration or definition head:
/// `static inline int foo(…)`, `int\nfoo(…)`, `SYSCALL_DEFINE1(brk, unsigned long, brk)`
/// (→ `sys_brk`), `BPF_CALL_2(bpf_foo, …)`, attributes before or after.
enum CDeclaration {
    struct Name: Equatable {
        var function: String
        /// Macro form, e.g. `SYSCALL_DEFINE1(brk)`.
        var alias: String?
    }

    private static let attributes: Set<String> = [
        "__attribute__", "__attribute", "__declspec", "__printf", "__scanf", "__aligned", "__section", "__alloc_size",
        "__acquires", "__releases", "__must_hold", "__cond_acquires", "__cond_releases", "__diagnose_as", "alignas", "_Alignas",
        "__counted_by", "__free", "__cleanup", "__guarded_by", "__assume_aligned", "__malloc", "__no_sanitize", "__weak",
        "__visible", "__used", "__maybe_unused", "__init", "__exit", "__cold", "__must_check", "__pure", "__noreturn",
        "__releases_shared", "__acquires_shared", "__no_context_analysis", "__context__",
    ]
    static let keywords: Set<String> = [
        "if", "for", "while", "switch", "return", "sizeof", "typeof", "__typeof__", "__typeof", "alignof", "_Alignof",
        "__alignof__", "offsetof", "__builtin_offsetof", "defined", "case", "do", "else", "goto", "asm", "__asm__", "__asm",
        "volatile", "__volatile__", "_Generic", "likely", "unlikely", "_Static_assert", "static_assert", "typedef", "__is_constexpr",
    ]
    // The same lists for matching bytes: most `name(` sites are rejected or kept
    // without making a String, which is created only for a name that is kept.
    private static let attributeWords = ByteWords(attributes)
    private static let keywordWords = ByteWords(keywords)

    /// The function a declaration head names, or nil (struct, variable, initializer).
    static func name(_ code: [UInt8]) -> Name? {
        var i = 0, depth = 0
        var lastIdent: Range<Int>?
        while i < code.count {
            let c = code[i]
            if ByteScan.isIdent(c) {
                let s = i
                while i < code.count && ByteScan.isIdent(code[i]) { i += 1 }
                if depth == 0 { lastIdent = s..<i }
                continue
            }
            if c == 0x3D && depth == 0 { return nil }          // "= …": an initializer
            if c == 0x28 {
                if depth == 0, let r = lastIdent, ByteScan.skipSpaces(code, r.upperBound) == i {
                    if ByteScan.isDigit(code[r.lowerBound]) || keywordWords.contains(code, r) { return nil }
                    if !attributeWords.contains(code, r) { return resolve(ByteScan.string(code, r), code, open: i) }
                }
                depth += 1
                lastIdent = nil
            } else if c == 0x29 {
                depth = max(0, depth - 1)
            } else if c == 0x3B || c == 0x7B {
                if depth == 0 { break }
            } else if !ByteScan.isSpace(c) && c != 0x2A {
                if depth == 0 { lastIdent = nil }
            }
            i += 1
        }
        return nil
    }

    /// Macro definers: the function is named by the first argument.
    private static func resolve(_ word: String, _ code: [UInt8], open: Int) -> Name? {
        guard isMacroName(word.utf8) else { return Name(function: word) }
        guard let arg = firstArgument(code, open: open) else { return nil }
        if word.hasPrefix("SYSCALL_DEFINE") { return Name(function: "sys_" + arg, alias: "\(word)(\(arg))") }
        if word.hasPrefix("COMPAT_SYSCALL_DEFINE") { return Name(function: "compat_sys_" + arg, alias: "\(word)(\(arg))") }
        return Name(function: arg, alias: "\(word)(\(arg))")
    }

    /// ALL_CAPS: at least one capital, no lower-case letter (`word.utf8` or a slice of a line).
    static func isMacroName<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        var sawUpper = false
        for c in word {
            if c >= 0x61 && c <= 0x7A { return false }
            if ByteScan.isUpper(c) { sawUpper = true }
        }
        return sawUpper
    }

    private static func firstArgument(_ code: [UInt8], open: Int) -> String? {
        let s = ByteScan.skipSpaces(code, open + 1)
        var e = s
        while e < code.count && ByteScan.isIdent(code[e]) { e += 1 }
        guard e > s, !ByteScan.isDigit(code[s]) else { return nil }
        let after = ByteScan.skipSpaces(code, e)
        guard after < code.count, code[after] == 0x2C || code[after] == 0x29 else { return nil }
        return ByteScan.string(code, s..<e)
    }

    /// `name(` call sites in code (not `.name(` / `->name(`, not keywords or ALL_CAPS
    /// macros), in order, without repeats. A signature line also names its own
    /// function: the caller leaves that one out.
    static func calls(_ code: [UInt8]) -> [String] {
        var out: [String] = []
        // From each `(` back over blanks to the identifier before it: most bytes are
        // only compared with `(`, and each identifier is seen once.
        for j in code.indices where code[j] == 0x28 {
            var i = j
            while i > 0 && ByteScan.isSpace(code[i - 1]) { i -= 1 }
            let e = i
            while i > 0 && ByteScan.isIdent(code[i - 1]) { i -= 1 }
            let s = i
            guard s < e, !ByteScan.isDigit(code[s]) else { continue }
            if s > 0 && (code[s - 1] == 0x2E || (s > 1 && code[s - 1] == 0x3E && code[s - 2] == 0x2D)) { continue }
            if isMacroName(code[s..<e]) || keywordWords.contains(code, s..<e) || attributeWords.contains(code, s..<e) { continue }
            let word = ByteScan.string(code, s..<e)
            if !out.contains(word) { out.append(word) }
        }
        return out
    }

    /// `name(` or `name()` references in comment prose.
    static func mentions(_ comment: [UInt8]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < comment.count {
            guard ByteScan.isIdent(comment[i]) else { i += 1; continue }
            let s = i
            while i < comment.count && ByteScan.isIdent(comment[i]) { i += 1 }
            guard i < comment.count, comment[i] == 0x28, !ByteScan.isDigit(comment[s]), i - s >= 3 else { continue }
            if keywordWords.contains(comment, s..<i) || isMacroName(comment[s..<i]) { continue }
            // Prose "(s)" plurals: "page(s)".
            if i + 2 < comment.count, comment[i + 2] == 0x29, comment[i + 1] == 0x73 { continue }
            let word = ByteScan.string(comment, s..<i)
            if !out.contains(word) { out.append(word) }
        }
        return out
    }
}

/// A fixed word list matched against a byte range without making a String: the
/// words bucketed by length, so a name is compared with a handful of words at most.
struct ByteWords: Sendable {
    private let byLength: [[[UInt8]]]

    init(_ words: Set<String>) {
        var byLength = [[[UInt8]]](repeating: [], count: 1 + (words.map(\.utf8.count).max() ?? 0))
        for w in words.sorted() { byLength[w.utf8.count].append(Array(w.utf8)) }
        self.byLength = byLength
    }

    func contains(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        guard r.count < byLength.count else { return false }
        for w in byLength[r.count] where ByteScan.has(b, w, at: r.lowerBound) { return true }
        return false
    }
}
