/// What thread reconstruction needs to know about one message.
public struct ThreadNode: Sendable {
    public var id: String
    public var subject: String
    public var author: Author
    /// UTC seconds, when the date could be read.
    public var date: Int64?
    /// Parent named by In-Reply-To (else the last References entry).
    public var declaredParent: String?
    public var references: [String]
    /// Significant lines the message itself wrote (depth 0), as `LineKey` hashes.
    var ownLines: Set<Int>
    /// Significant lines it quotes at depth 1 (what its parent wrote).
    var quotedLines: [Int]
    /// Text of the lines that introduce depth-1 quotes ("On …, X wrote:").
    public var attributionLines: [String]
    /// Message-IDs the body names in angle brackets (possibly with an obfuscated domain).
    public var mentions: [String]

    public init(id: String, subject: String, from: String, date: Int64?, inReplyTo: String?, references: [String],
                lines: [QuoteLine], attributions: [Attribution] = []) {
        self.id = id
        self.subject = subject
        self.author = Author(from)
        self.date = date
        self.references = references
        self.declaredParent = inReplyTo ?? references.last
        var own = Set<Int>(), quoted: [Int] = [], attributionLines: [String] = [], mentions: [String] = []
        var lastOwnText: String?
        var previousDepth = 0
        for line in lines {
            switch line.depth {
            case 0:
                if let k = LineKey.key(line.raw) { own.insert(k) }
                if !line.raw.trimmingWhitespace.isEmpty { lastOwnText = line.raw }
                mentions += MentionScanner.messageIDs(in: line.raw)
            case 1:
                if previousDepth == 0, let text = lastOwnText, text.trimmingWhitespace.hasSuffix(":") { attributionLines.append(text) }
                if let k = LineKey.key(line.content) { quoted.append(k) }
            default: break
            }
            previousDepth = line.depth
        }
        for a in attributions where a.depth == 0 && a.lineIndex >= 0 && a.lineIndex < lines.count {
            let text = lines[a.lineIndex].raw
            if !attributionLines.contains(text) { attributionLines.append(text) }
        }
        self.ownLines = own
        self.quotedLines = quoted
        self.attributionLines = attributionLines
        self.mentions = mentions.filter { $0 != id }
    }

    /// From an analysed message: its body part's quote analysis.
    public init(_ analysed: AnalysedMessage, id: String? = nil) {
        let m = analysed.message
        let bodyIndex = m.parts.firstIndex { !$0.isAttachment } ?? 0
        let analysis = bodyIndex < analysed.quotes.count ? analysed.quotes[bodyIndex] : QuoteAnalysis(lines: [], attributions: [], embedded: [])
        self.init(id: id ?? MessageIdentity.id(of: m), subject: m.subject, from: m.from, date: m.date.flatMap(MailDate.parse),
                  inReplyTo: m.inReplyTo, references: m.references, lines: analysis.lines, attributions: analysis.attributions)
    }

    /// Whether the message looks like an answer to something, so that a missing
    /// In-Reply-To is worth inferring.
    public var looksLikeReply: Bool {
        SubjectKey.isReply(subject) || !quotedLines.isEmpty || !attributionLines.isEmpty || !mentions.isEmpty
    }

    public var subjectKey: String { SubjectKey.key(subject) }

    /// The cheap test ingest runs on every message before building a node: no declared
    /// parent, and some sign of being an answer (reply subject, quotes, attribution, a
    /// Message-ID named in the text).
    public static func mayNeedInferredParent(_ analysed: AnalysedMessage) -> Bool {
        let m = analysed.message
        if m.inReplyTo != nil || !m.references.isEmpty { return false }
        if SubjectKey.isReply(m.subject) { return true }
        let bodyIndex = m.parts.firstIndex { !$0.isAttachment } ?? 0
        guard bodyIndex < analysed.quotes.count else { return false }
        let analysis = analysed.quotes[bodyIndex]
        if !analysis.attributions.isEmpty { return true }
        for line in analysis.lines {
            if line.depth == 1 { return true }
            if line.depth == 0, !MentionScanner.messageIDs(in: line.raw).isEmpty { return true }
        }
        return false
    }
}

/// Message-IDs written in a body as `<local@domain>` (not addresses in trailers).
enum MentionScanner {
    static func messageIDs(in line: String) -> [String] {
        // An id is `<…@…>`: an `@` after the first `<`. Most lines have no `<`: one pass
        // over the contiguous bytes, not Characters.
        func mayHold<C: Collection>(_ b: C) -> Bool where C.Element == UInt8 {
            guard let open = b.firstIndex(of: UInt8(ascii: "<")) else { return false }
            return b[open...].contains(UInt8(ascii: "@"))
        }
        let candidate = line.utf8.withContiguousStorageIfAvailable(mayHold) ?? mayHold(line.utf8)
        guard candidate else { return [] }
        let lower = line.lowercased()
        // Trailers and header-like lines name people, not messages.
        for trailer in ["-by:", "cc:", "to:", "from:", "reply-to:"] where lower.contains(trailer) { return [] }
        return MessageID.all(in: line).filter { id in
            guard let at = id.firstIndex(of: "@"), !id.contains(" ") else { return false }
            let local = id[..<at]
            // Message-IDs carry serial numbers or hashes; personal addresses rarely do.
            return local.count >= 8 && local.contains(where: { $0.isNumber })
        }
    }

    /// Whether a mention (maybe `local@...main.tld`) names the Message-ID `id`.
    static func mention(_ mention: String, names id: String) -> Bool {
        if mention == id { return true }
        guard let at = mention.firstIndex(of: "@"), let idAt = id.firstIndex(of: "@"),
              mention[..<at] == id[..<idAt] else { return false }
        let domain = mention[mention.index(after: at)...]
        guard domain.hasPrefix("...") else { return false }
        return id[id.index(after: idAt)...].lowercased().hasSuffix(domain.dropFirst(3).lowercased())
    }
}
