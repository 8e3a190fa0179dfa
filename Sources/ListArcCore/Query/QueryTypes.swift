/// A parsed lore/lei-style search query.
public indirect enum QueryNode: Sendable, Hashable {
    case term(QueryTerm)
    /// Messages dated in `[from, to)` (UTC seconds); an open end is nil.
    case date(from: Int64?, to: Int64?)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)
}

/// Where a term is looked for.
public enum QueryField: String, Sendable, Hashable, CaseIterable {
    case text          // no prefix: subject and body
    case subject       // s:
    case from          // f:
    case body          // b:
    case bodySubject   // bs:
    case messageID     // mid: m:
    case diffFile      // dfn: a file name in a diff
    case hunkHeader    // dfhh: the text after a hunk's second @@
    case added         // dfa: an added line of a diff
    case removed       // dfb: a removed line of a diff
    case function      // fn: our attribution (modifies/calls/mentions)

    /// The lore/lei prefixes, longest first so `bs:` is not read as `b:`.
    static let prefixes: [(String, QueryField)] = [
        ("dfhh", .hunkHeader), ("dfn", .diffFile), ("dfa", .added), ("dfb", .removed), ("mid", .messageID),
        ("bs", .bodySubject), ("fn", .function), ("s", .subject), ("f", .from), ("b", .body), ("m", .messageID),
    ]
}

/// One searched value: words or, when quoted, a phrase. `prefix` is a trailing `*`
/// on a bare word (prefix match).
public struct QueryTerm: Sendable, Hashable {
    public var field: QueryField
    public var value: String
    public var phrase: Bool
    public var prefix: Bool
    public init(field: QueryField, value: String, phrase: Bool = false, prefix: Bool = false) {
        self.field = field
        self.value = value
        self.phrase = phrase
        self.prefix = prefix
    }
}
