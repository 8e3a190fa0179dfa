import Foundation

/// One archived hunk that might have caused a report, with what the archive knows
/// about the patch it came from and how the report's message relates to it.
public struct BlameCandidate: Sendable, Hashable {
    public var messageID: String
    public var subject: String
    /// When the patch was posted.
    public var date: Date?
    /// The file the hunk changes (`a/`/`b/` prefixes are ignored).
    public var file: String
    public var hunk: Hunk
    /// Attribution of the hunk; computed from `hunk` when nil.
    public var attribution: HunkAttribution?
    /// The hunk's functions as the archive stored them at ingest (one row per
    /// function and relation, macro aliases included), when known. With them the
    /// ranker attributes the hunk's lines only if it modifies a function on the
    /// trace (`BlameRanker.needsLines`); otherwise `hunk.lines` may be left empty.
    public var functions: [HunkFunction]?
    /// The report's message is a reply (direct or in its References) to the patch's message.
    public var reportRepliesToPatch: Bool
    /// The report's message quotes this patch.
    public var reportQuotesPatch: Bool
    public init(messageID: String, subject: String, date: Date?, file: String, hunk: Hunk, attribution: HunkAttribution? = nil,
                functions: [HunkFunction]? = nil, reportRepliesToPatch: Bool = false, reportQuotesPatch: Bool = false) {
        self.messageID = messageID
        self.subject = subject
        self.date = date
        self.file = file
        self.hunk = hunk
        self.attribution = attribution
        self.functions = functions
        self.reportRepliesToPatch = reportRepliesToPatch
        self.reportQuotesPatch = reportQuotesPatch
    }
}

/// A ranked candidate with the evidence behind its score, in words a maintainer can check.
public struct Suspect: Sendable, Hashable {
    public var rank: Int
    public var score: Double
    /// Index of the candidate in the input.
    public var candidate: Int
    public var messageID: String
    public var subject: String
    public var file: String
    public var header: String
    public var evidence: [String]
    public init(rank: Int, score: Double, candidate: Int, messageID: String, subject: String, file: String, header: String, evidence: [String]) {
        self.rank = rank
        self.score = score
        self.candidate = candidate
        self.messageID = messageID
        self.subject = subject
        self.file = file
        self.header = header
        self.evidence = evidence
    }
}
