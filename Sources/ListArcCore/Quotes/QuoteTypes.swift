/// One body line with its quote depth.
///
/// `prefixLength` counts the UTF-8 bytes of the quote markers (and any blanks
/// between them), up to and including the last marker; the one separator space a
/// client puts after the last marker is NOT counted, because for a quoted diff
/// line that space may also be the diff's own context space. Consumers that want
/// prose use `content`; the diff extractor strips the prefix itself.
public struct QuoteLine: Sendable, Hashable {
    public var raw: String
    public var depth: Int
    public var prefixLength: Int
    public init(raw: String, depth: Int, prefixLength: Int) {
        self.raw = raw
        self.depth = depth
        self.prefixLength = prefixLength
    }
    /// True when the line carries quote markers (Outlook-style quoting has none:
    /// depth > 0 with `prefixLength` 0, and then there is no separator space).
    public var hasMarkers: Bool { prefixLength > 0 }
    /// The text after the markers, with at most one separator space removed.
    public var content: Substring {
        let u = raw.utf8
        var i = u.index(u.startIndex, offsetBy: prefixLength)
        if prefixLength > 0, i < u.endIndex, u[i] == UInt8(ascii: " ") { i = u.index(after: i) }
        return raw[i...]
    }
    /// The text after the markers, nothing else removed.
    public var afterMarkers: Substring {
        let u = raw.utf8
        return raw[u.index(u.startIndex, offsetBy: prefixLength)...]
    }
}

/// A line that introduces quoted text: "On DATE, NAME wrote:", mutt's
/// "* NAME <addr> [YYMMDD HH:MM]:", "DD.MM.YYYY HH:MM, NAME пишет:", Outlook blocks…
public struct Attribution: Sendable, Hashable, Codable {
    public enum Style: String, Sendable, Hashable, Codable {
        case english, mutt, russian, german, french, outlook, other
        case spanish, italian, dutch, portuguese, japanese, chinese, korean
        /// "---------- Forwarded message ---------", "Begin forwarded message:".
        case forwarded
    }
    /// Index of the attribution line in the body's lines.
    public var lineIndex: Int
    /// Depth of the attribution line itself; it introduces text at `depth + 1`.
    public var depth: Int
    public var name: String?
    public var address: String?
    /// The date as written (free text, local time of the replier).
    public var date: String?
    public var style: Style
    /// Lines the attribution spans (2 for a wrapped "On … wrote:", the header
    /// block for Outlook); all at `depth`.
    public var lineCount: Int
    public init(lineIndex: Int, depth: Int, name: String?, address: String?, date: String?, style: Style, lineCount: Int = 1) {
        self.lineIndex = lineIndex
        self.depth = depth
        self.name = name
        self.address = address
        self.date = date
        self.style = style
        self.lineCount = lineCount
    }
    /// The attribution's line indices.
    public var lineRange: Range<Int> { lineIndex..<(lineIndex + max(1, lineCount)) }
}

/// A message a reply carries in quoted form, or (depth 0) the reply's own text.
public struct EmbeddedMessage: Sendable, Hashable {
    public var depth: Int
    public var author: String?
    public var address: String?
    public var date: String?
    public var attribution: Attribution?
    /// Indices into `QuoteAnalysis.lines` of the lines written at exactly this depth
    /// in this embedded message.
    public var lineIndices: [Int]
    /// Index in `QuoteAnalysis.embedded` of the message that quoted this one
    /// (nil for depth 0, and for quoted text whose quoting message is not shown).
    public var parent: Int?
    public init(depth: Int, author: String?, address: String?, date: String?, attribution: Attribution?, lineIndices: [Int], parent: Int? = nil) {
        self.depth = depth
        self.author = author
        self.address = address
        self.date = date
        self.attribution = attribution
        self.lineIndices = lineIndices
        self.parent = parent
    }
}

/// The quote structure of one text part.
public struct QuoteAnalysis: Sendable, Hashable {
    public var lines: [QuoteLine]
    public var attributions: [Attribution]
    /// Depth 0 first, then by depth; several messages may share a depth.
    public var embedded: [EmbeddedMessage]
    public init(lines: [QuoteLine], attributions: [Attribution], embedded: [EmbeddedMessage]) {
        self.lines = lines
        self.attributions = attributions
        self.embedded = embedded
    }
    public var maxDepth: Int { lines.reduce(0) { max($0, $1.depth) } }
}
