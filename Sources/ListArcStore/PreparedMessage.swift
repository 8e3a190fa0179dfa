import Foundation
import ListArcCore

/// A message made ready for the archive: everything the writer binds is computed
/// ahead (identity, copy rank, content hash, hunk texts, fingerprints, function
/// attributions), so an import does this on one core while another writes. What the
/// writer does not need (quote lines, hunk lines, patches) is dropped: a queued batch
/// holds little more than the mail itself.
public struct PreparedMessage: Sendable {
    private(set) var message: MailMessage
    let id: String
    /// True when `id` was made up (the message has no Message-ID).
    let synthetic: Bool
    let rank: Int
    /// Why the message cannot be stored (then nothing else is set).
    let rejection: String?
    /// Nil when the message was not analysed because an equal or better copy is
    /// stored (see `StoredCopies`); the writer analyses it after all if that changed.
    private(set) var analysis: Analysis?

    /// The header values the writer binds, read once here (each is a scan of the
    /// header list, some a parse) rather than on the writer's thread.
    let fields: Fields

    struct Fields: Sendable {
        var subject: String
        var from: String
        var author: Author
        var date: String?
        var inReplyTo: String?
        var references: [String]
        var list: (host: String, name: String)?
        /// The parent the message names: In-Reply-To, else the last reference.
        var declaredParent: String? { inReplyTo ?? references.last }

        init(_ m: MailMessage) {
            subject = m.subject
            from = m.from
            author = Author(from)
            date = m.date
            inReplyTo = m.inReplyTo
            references = m.references
            list = ListName.of(m)
        }
    }

    /// Bytes of text the message holds (for bounding batches).
    public var bytes: Int { message.raw?.utf8.count ?? message.body.utf8.count }

    struct Analysis: Sendable {
        var hash: String
        var subjectKey: String
        var date: Int64?
        /// Set when the message names no parent but looks like a reply.
        var reply: ThreadNode?
        var embedded: [(part: Int, message: EmbeddedMessage)]
        /// Hunk lines emptied: their text is in `hunks`.
        var diffs: [ExtractedDiff]
        /// One per hunk, in diff, file, hunk order.
        var hunks: [PreparedHunk]
        var reports: [CrashReport]
    }

    struct PreparedHunk: Sendable {
        var text: String
        var fingerprint: Int64
        var functions: [HunkFunction]
    }

    /// A message not analysed (yet, or because an equal or better copy is stored).
    public init(unanalysed message: MailMessage) {
        self.message = message
        fields = Fields(message)
        (id, synthetic) = PreparedMessage.identity(of: message)
        rank = CopyRank.of(message)
        rejection = PreparedMessage.rejection(of: message, id: id)
        analysis = nil
    }

    /// A message with the analysis it carries.
    init(_ analysed: AnalysedMessage, attributions: AttributionCache) {
        self.init(PreparedMessage(unanalysed: analysed.message), analysed: analysed, attributions: attributions)
    }

    /// `base` (not analysed) with its analysis: the identity, rank and header values
    /// worked out for it are not worked out again.
    init(_ base: PreparedMessage, analysed: AnalysedMessage, attributions: AttributionCache) {
        self = base
        guard rejection == nil else { return }
        let m = analysed.message
        // The writer needs the headers, the raw text and the body, not the other parts.
        if let body = m.parts.first(where: { !$0.isAttachment }) ?? m.parts.first, m.parts.count > 1 { message.parts = [body] }

        var reply: ThreadNode?
        if ThreadNode.mayNeedInferredParent(analysed) {
            let node = ThreadNode(analysed, id: id)
            if node.declaredParent == nil, node.looksLikeReply { reply = node }
        }
        var embedded: [(part: Int, message: EmbeddedMessage)] = []
        for (part, quotes) in analysed.quotes.enumerated() {
            for e in quotes.embedded { embedded.append((part, e)) }
        }
        var diffs = analysed.diffs
        var hunks: [PreparedHunk] = []
        for d in diffs.indices {
            for f in diffs[d].files.indices {
                let file = diffs[d].files[f]
                let path = HunkFingerprint.path(old: file.oldPath, new: file.newPath)
                for h in file.hunks.indices {
                    let hunk = file.hunks[h]
                    let text = hunk.lines.joined(separator: "\n")
                    hunks.append(PreparedHunk(text: text, fingerprint: HunkFingerprint(path: path, header: hunk.header, text: text).value,
                                              functions: attributions.functions(in: hunk)))
                    diffs[d].files[f].hunks[h].lines = []
                }
            }
        }
        analysis = Analysis(hash: CopyRank.contentHash(m), subjectKey: SubjectKey.key(fields.subject), date: fields.date.flatMap(MailDate.parse),
                            reply: reply, embedded: embedded, diffs: diffs, hunks: hunks, reports: analysed.reports)
    }

    private static func identity(of m: MailMessage) -> (String, Bool) {
        if let id = m.messageID, !id.isEmpty { return (id, false) }
        return (MessageIdentity.syntheticID(of: m), true)
    }

    private static func rejection(of m: MailMessage, id: String) -> String? {
        if m.headers.isEmpty && m.parts.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) }) { return "empty message (no headers, no text)" }
        if id.utf8.count > 2000 { return "Message-ID longer than 2000 bytes" }
        return nil
    }

    /// What a rejection names the message by.
    var label: String {
        message.sourceURL ?? message.messageID ?? (message.subject.isEmpty ? "message" : message.subject)
    }
}

extension Archive {
    /// A parsed message made ready for `ingest(prepared:)`: analysed, unless it is
    /// rejected or `stored` says an equal or better copy is in the archive already.
    /// Safe to call from any thread (the attribution cache is shared and locked).
    public func prepare(_ message: MailMessage, unlessStoredIn stored: StoredCopies? = nil) -> PreparedMessage {
        let base = PreparedMessage(unanalysed: message)
        if base.rejection != nil || stored?.holdsCopy(of: base) == true { return base }
        return PreparedMessage(base, analysed: Analyser.analyse(message, buildingPatches: false), attributions: attributions)
    }
}
