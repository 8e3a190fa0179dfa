import Foundation

/// Parses lore/lei query syntax into a `QueryNode`:
/// `s:` `f:` `b:` `bs:` `d:` `mid:`/`m:` `dfn:` `dfhh:` `dfa:` `dfb:` `fn:`, AND / OR / NOT
/// (upper case, as Xapian reads them), `-term`, `+term`, parentheses and "quoted phrases".
///
/// Tolerant like a search box: an unknown prefix is searched as text, a dangling
/// operator is a word, an unclosed quote or parenthesis closes at the end, a stray `)`
/// is ignored. Errors: a date that cannot be read, and a query past the limits below.
public enum QueryParser {
    /// Parentheses and NOT/`-` inside one another: each level nests the SQL, whose
    /// parser stack is small (and a deep recursion here would exhaust ours).
    public static let maxNesting = 16
    /// Terms in one query: each is a subquery, and SQLite bounds expression size.
    public static let maxTerms = 100

    public static func parse(_ text: String, now: Date = Date()) throws -> QueryNode {
        var p = Parser(tokens: QueryLexer.tokens(text), now: now)
        var parts: [QueryNode] = []
        while p.peek != nil {
            if let node = try p.parseOr() { parts.append(node) }
            if p.peek == .close { p.i += 1 }  // a stray `)`
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }
}

/// A query token: parentheses, operators, or a (possibly prefixed) value.
enum QueryToken: Hashable {
    case open, close
    case and, or, not
    case minus  // `-` directly before a value or `(`
    case value(prefix: String?, text: String, quoted: Bool)
}

enum QueryLexer {
    static func tokens(_ text: String) -> [QueryToken] {
        var out: [QueryToken] = []
        let s = Array(text.unicodeScalars)
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
        while i < s.count {
            let c = s[i]
            if isSpace(c) { i += 1; continue }
            if c == "(" { out.append(.open); i += 1; continue }
            if c == ")" { out.append(.close); i += 1; continue }
            if (c == "-" || c == "+"), i + 1 < s.count, !isSpace(s[i + 1]), s[i + 1] != ")" {
                if c == "-" { out.append(.minus) }
                i += 1
                continue
            }
            if c == "\"" {
                let (text, next) = quoted(s, from: i + 1)
                out.append(.value(prefix: nil, text: text, quoted: true))
                i = next
                continue
            }
            // A word: up to whitespace or a parenthesis; `prefix:"…"` takes the quoted rest.
            var word = ""
            while i < s.count, !isSpace(s[i]), s[i] != "(", s[i] != ")" {
                if s[i] == "\"", word.hasSuffix(":"), word.count > 1 {
                    let (text, next) = quoted(s, from: i + 1)
                    out.append(.value(prefix: String(word.dropLast()), text: text, quoted: true))
                    i = next
                    word = ""
                    break
                }
                word.unicodeScalars.append(s[i])
                i += 1
            }
            if word.isEmpty { continue }
            switch word {
            case "AND", "&&": out.append(.and)
            case "OR", "||": out.append(.or)
            case "NOT": out.append(.not)
            default:
                if let colon = word.firstIndex(of: ":"), colon != word.startIndex, word.index(after: colon) != word.endIndex {
                    out.append(.value(prefix: String(word[..<colon]), text: String(word[word.index(after: colon)...]), quoted: false))
                } else {
                    out.append(.value(prefix: nil, text: word, quoted: false))
                }
            }
        }
        return out
    }

    /// The text up to the closing quote (`""` inside is one quote); unclosed runs to the end.
    private static func quoted(_ s: [Unicode.Scalar], from start: Int) -> (String, Int) {
        var text = ""
        var i = start
        while i < s.count {
            if s[i] == "\"" {
                if i + 1 < s.count, s[i + 1] == "\"" { text.unicodeScalars.append("\""); i += 2; continue }
                return (text, i + 1)
            }
            text.unicodeScalars.append(s[i])
            i += 1
        }
        return (text, i)
    }
}

private struct Parser {
    let tokens: [QueryToken]
    let now: Date
    var i = 0
    var depth = 0
    var terms = 0

    init(tokens: [QueryToken], now: Date) {
        self.tokens = tokens
        self.now = now
    }

    var peek: QueryToken? { i < tokens.count ? tokens[i] : nil }

    mutating func parseOr() throws -> QueryNode? {
        var parts: [QueryNode] = []
        if let first = try parseAnd() { parts.append(first) }
        while peek == .or {
            i += 1
            // A trailing OR (nothing on its right) is dropped.
            if let next = try parseAnd() { parts.append(next) }
        }
        return parts.count <= 1 ? parts.first : .or(parts)
    }

    mutating func parseAnd() throws -> QueryNode? {
        var parts: [QueryNode] = []
        while let t = peek {
            if t == .or {
                // OR with nothing on its left: read it as a word.
                if parts.isEmpty { i += 1; parts.append(.term(QueryTerm(field: .text, value: "OR"))); continue }
                break
            }
            if t == .close { break }
            if t == .and {
                i += 1
                if parts.isEmpty || isEnd { parts.append(.term(QueryTerm(field: .text, value: "AND"))) }
                continue
            }
            if let u = try parseUnary() { parts.append(u) }
        }
        return parts.count <= 1 ? parts.first : .and(parts)
    }

    var isEnd: Bool { peek == nil || peek == .close }

    mutating func parseUnary() throws -> QueryNode? {
        guard let t = peek else { return nil }
        switch t {
        case .not, .minus:
            i += 1
            if isEnd || peek == .or || peek == .and {
                return t == .not ? .term(QueryTerm(field: .text, value: "NOT")) : nil
            }
            try enter()
            defer { depth -= 1 }
            guard let operand = try parseUnary() else { return nil }
            return .not(operand)
        case .open:
            i += 1
            try enter()
            defer { depth -= 1 }
            let inner = try parseOr()
            if peek == .close { i += 1 }
            return inner
        case .close:
            i += 1
            return nil
        case .and, .or:
            i += 1
            return nil
        case let .value(prefix, text, quoted):
            i += 1
            terms += 1
            if terms > QueryParser.maxTerms {
                throw InputError("query", "more than \(QueryParser.maxTerms) terms")
            }
            return try value(prefix: prefix, text: text, quoted: quoted)
        }
    }

    mutating func enter() throws {
        depth += 1
        if depth > QueryParser.maxNesting {
            throw InputError("query", "parentheses and NOT nested more than \(QueryParser.maxNesting) levels deep")
        }
    }

    func value(prefix: String?, text: String, quoted: Bool) throws -> QueryNode? {
        guard let prefix else { return term(.text, text, quoted) }
        if prefix == "d" || prefix == "dt" || prefix == "rt" {
            let range = try QueryDate.range(text, now: now)
            return .date(from: range.from, to: range.to)
        }
        if let field = QueryField.prefixes.first(where: { $0.0 == prefix })?.1 { return term(field, text, quoted) }
        // Unknown prefix (`col:x`, a URL): the whole thing is text.
        return term(.text, prefix + ":" + text, quoted)
    }

    func term(_ field: QueryField, _ text: String, _ quoted: Bool) -> QueryNode? {
        if text.isEmpty { return nil }
        if !quoted, text.count > 1, text.hasSuffix("*") {
            return .term(QueryTerm(field: field, value: String(text.dropLast()), phrase: false, prefix: true))
        }
        return .term(QueryTerm(field: field, value: text, phrase: quoted))
    }
}
