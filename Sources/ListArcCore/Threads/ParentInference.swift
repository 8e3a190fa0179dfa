/// Infers the parent of a message that does not name it (openwall pages never show
/// In-Reply-To/References) from the evidence a reply carries:
/// - its depth-1 quoted lines appear in the candidate's own text (strongest),
/// - an attribution line names the candidate's author and its date (in some time zone),
/// - the body names the candidate's Message-ID,
/// - the subject is `Re:` of the candidate's,
/// - the candidate was written before the reply.
public enum ParentInference {
    public struct Choice: Sendable, Hashable {
        public var parent: String
        public var score: Double
        public var evidence: [String]
    }

    /// Messages dated this long after the reply can still be its parent (clock skew).
    static let skew: Int64 = 2 * 3600
    /// Below this nothing is inferred (a bare same-subject sibling is not enough).
    static let threshold = 2.0

    public static func parent(of reply: ThreadNode, among candidates: [ThreadNode]) -> Choice? {
        var best: (choice: Choice, date: Int64)?
        let replyKey = reply.subjectKey
        let replyIsReply = SubjectKey.isReply(reply.subject)
        let attributionDates = reply.attributionLines.compactMap(AttributionDate.init)
        let attributionText = reply.attributionLines.joined(separator: "\n").lowercased()
        for c in candidates where c.id != reply.id {
            if let rd = reply.date, let cd = c.date, cd > rd + skew { continue }
            var score = 0.0
            var evidence: [String] = []
            if !reply.quotedLines.isEmpty, !c.ownLines.isEmpty {
                let found = reply.quotedLines.reduce(0) { $0 + (c.ownLines.contains($1) ? 1 : 0) }
                if found > 0 {
                    let fraction = Double(found) / Double(reply.quotedLines.count)
                    score += 10 * fraction
                    evidence.append("quotes \(found)/\(reply.quotedLines.count) of its lines")
                }
            }
            if !attributionText.isEmpty {
                if let name = c.author.name, nameMatches(name, in: attributionText) {
                    score += 3; evidence.append("attribution names \(name)")
                }
                if let addr = c.author.address, let at = addr.firstIndex(of: "@"), at != addr.startIndex,
                   attributionText.contains(addr[...at].lowercased()) {
                    score += 2; evidence.append("attribution gives the address")
                }
                if let cd = c.date {
                    let matches = attributionDates.map { $0.matches(cd) }
                    if matches.contains(where: { if case .dateAndTime = $0 { true } else { false } }) {
                        score += 4; evidence.append("attribution date matches")
                    } else if matches.contains(where: { if case .timeOnly = $0 { true } else { false } }) {
                        score += 1; evidence.append("attribution time matches")
                    }
                }
            }
            if reply.mentions.contains(where: { MentionScanner.mention($0, names: c.id) }) {
                score += 6; evidence.append("names its Message-ID")
            }
            if !replyKey.isEmpty, c.subjectKey == replyKey {
                score += 1
                if replyIsReply, !SubjectKey.isReply(c.subject) { score += 1; evidence.append("subject is Re: of it") }
                else { evidence.append("same subject") }
            }
            guard score >= threshold else { continue }
            let date = c.date ?? Int64.min
            let choice = Choice(parent: c.id, score: score, evidence: evidence)
            if let b = best {
                // Ties go to the latest earlier message, then to the smaller id (stable).
                if score < b.choice.score { continue }
                if score == b.choice.score, date < b.date || (date == b.date && c.id > b.choice.parent) { continue }
            }
            best = (choice, date)
        }
        return best?.choice
    }

    /// Every word of the name (2+ letters) appears in the attribution text.
    public static func nameMatches(_ name: String, in text: String) -> Bool {
        let words = name.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 2 }
        return !words.isEmpty && words.allSatisfy { text.contains($0) }
    }
}
