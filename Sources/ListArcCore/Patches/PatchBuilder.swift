/// Rebuilds `git am`-able patches from the diffs of a message: for each diff, the
/// subject, author, date and commit message of the (possibly quoted) patch mail it
/// belongs to.
public enum PatchBuilder {
    public static func patches(message: MailMessage, quotes: [QuoteAnalysis], diffs: [ExtractedDiff]) -> [Patch] {
        var known: [String]? = nil // full addresses in the message, gathered on first need
        guard !diffs.isEmpty else { return [] }
        let fields = message.patchFields
        return diffs.map { diff in
            var patch = patch(for: diff, message: message, fields: fields, quotes: quotes, others: diffs)
            if patch.authorAddressObfuscated {
                if known == nil { known = KnownAddresses.in(message) }
                patch = KnownAddresses.restoreAuthor(patch, using: known ?? [])
            }
            return patch
        }
    }

    static func patch(for diff: ExtractedDiff, message: MailMessage, quotes: [QuoteAnalysis], others: [ExtractedDiff]) -> Patch {
        patch(for: diff, message: message, fields: message.patchFields, quotes: quotes, others: others)
    }

    static func patch(for diff: ExtractedDiff, message: MailMessage, fields: (from: String, date: String?, subject: String, messageID: String?),
                      quotes: [QuoteAnalysis], others: [ExtractedDiff]) -> Patch {
        let analysis = quotes.indices.contains(diff.partIndex) ? quotes[diff.partIndex] : nil
        var description = PatchDescription()
        var signature: String? = nil
        var embedded: EmbeddedMessage? = nil
        if let analysis {
            description = PatchDescription.parse(textAbove(diff, in: analysis, others: others))
            signature = signatureBelow(diff, in: analysis)
            embedded = analysis.embedded.first { $0.depth == diff.depth && $0.lineIndices.contains(diff.lineRange.lowerBound) }
        }
        // A diff in an attachment: the mail body is its description (git am reads it so).
        if description.isEmpty, message.parts.indices.contains(diff.partIndex), message.parts[diff.partIndex].isAttachment,
           let bodyIndex = message.parts.firstIndex(where: { !$0.isAttachment }), quotes.indices.contains(bodyIndex) {
            let lines = quotes[bodyIndex].lines.filter { $0.depth == 0 }.map(\.content)
            let cut = lines.firstIndex { $0 == "-- " } ?? lines.count
            description = PatchDescription.parse(Array(lines[..<cut]))
        }
        let own = diff.depth == 0 // the diff is in the mail's own text

        // Author: in-body From, the quoted message's attribution, the mail's From.
        var author = description.from.flatMap(PatchAuthor.parse)
        if author == nil, !own {
            if let e = embedded, e.author != nil || e.address != nil {
                author = PatchAuthor(name: e.author, address: e.address)
            } else if let a = diff.author.flatMap(PatchAuthor.parse) {
                author = a
            }
        }
        if author == nil { author = PatchAuthor.parse(fields.from) }
        if var a = author, a.address == nil, let name = a.name {
            a.address = KnownAddresses.address(of: name, in: message)
            author = a
        }

        // Date: in-body Date, the mail's Date for its own text, the attribution's.
        let writtenDate = description.date ?? (own ? fields.date : (embedded?.date ?? diff.date ?? embedded?.attribution?.date))
        var date = writtenDate.flatMap(PatchDate.parse)?.rfc2822
        if date == nil, diff.depth == 1, description.date == nil, let written = writtenDate {
            date = attributionDate(written, senderDate: fields.date)
        }

        // Subject: in-body Subject, else the (embedded) message's, without Re:.
        let rawSubject = description.subject ?? (own ? fields.subject : (diff.subject ?? fields.subject))
        let subject = PatchSubject.clean(rawSubject)

        var patch = Patch(messageID: fields.messageID, subject: subject, authorName: author?.name, authorAddress: author?.address,
                          authorAddressObfuscated: author?.isObfuscated ?? false, date: date,
                          commitMessage: description.commitMessage, diff: diff)
        patch.dateAsWritten = writtenDate
        patch.signature = signature
        return patch
    }

    /// An attribution's wall-clock time ("20.07.2022 05:17") carries no zone. At
    /// depth 1 the attribution line is the sender's own, written in the sender's
    /// zone: the one of the mail's Date. Deeper attributions were written by other
    /// people, whose zones are unknown, so they give no mail date.
    static func attributionDate(_ written: String, senderDate: String?) -> String? {
        guard let sender = senderDate.flatMap(PatchDate.parse), let local = AttributionDate(written)?.localEpoch else { return nil }
        let f = Civil.fields(local)
        return PatchDate(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: 0,
                         offsetMinutes: sender.offsetMinutes).rfc2822
    }

    /// The lines at the diff's depth right above it (stopping at other depths and
    /// at the previous diff of the part), quote prefix removed.
    static func textAbove(_ diff: ExtractedDiff, in analysis: QuoteAnalysis, others: [ExtractedDiff]) -> [Substring] {
        let lines = analysis.lines
        let top = min(diff.lineRange.lowerBound, lines.count)
        var floor = 0
        for other in others where other.partIndex == diff.partIndex && other.lineRange.upperBound <= top && other.lineRange != diff.lineRange {
            floor = max(floor, other.lineRange.upperBound)
        }
        var start = top
        while start > floor, lines[start - 1].depth == diff.depth { start -= 1 }
        return lines[start..<top].map(\.content)
    }

    /// The line after `-- ` below the diff at the same depth (git's version signature).
    static func signatureBelow(_ diff: ExtractedDiff, in analysis: QuoteAnalysis) -> String? {
        let lines = analysis.lines
        var i = diff.lineRange.upperBound
        var seen = 0
        while i < lines.count, lines[i].depth == diff.depth, seen < 3 {
            let text = lines[i].content
            if text == "-- " || text == "--" {
                guard i + 1 < lines.count, lines[i + 1].depth == diff.depth else { return nil }
                let sig = PatchText.trim(lines[i + 1].content)
                return sig.isEmpty || sig.utf8.count > 200 ? nil : sig
            }
            if !PatchText.trim(text).isEmpty { return nil }
            i += 1
            seen += 1
        }
        return nil
    }
}
