import Foundation

/// Ranks candidate hunks against a crash report, each with the evidence behind
/// its score. Pure and deterministic: same input, same order, same words.
///
/// Evidence, strongest first:
/// - a changed line adds a call from frame k+1's function to frame k's (the
///   trace's own caller→callee step), stronger nearer the crash;
/// - the hunk changes a function on the trace, weighted by its distance from the
///   crash (`? ` frames count little; entry code and reporting machinery not at all);
/// - the BUG/WARNING/UBSAN FILE:LINE (or a decoded frame's) lies in or near the hunk's new lines;
/// - the report replies to or quotes the patch, and says it is the cause;
/// - the patch was posted before the report and before the linux-next tag it names.
public enum BlameRanker {
    static let edgeWeight = 100.0
    static let modifiesWeight = 30.0
    static let newFileWeight = 0.3
    static let guessWeight = 3.0
    static let mentionWeight = 1.0
    static let reportLineWeight = 40.0
    static let frameLineWeight = 35.0
    static let nearLines = 30

    /// Closer to the crash weighs more: 1, 0.8, 0.67, 0.57, 0.5, …
    static func nearness(_ position: Int) -> Double { 1.0 / (1.0 + 0.25 * Double(position)) }

    /// Function names on the report's trace, for a store to preselect candidates.
    public static func traceFunctions(of report: CrashReport) -> [String] { TraceChain(report).functionNames }

    /// Whether ranking a hunk with these stored functions needs its lines attributed:
    /// only a hunk that modifies a function on the trace can have changed lines in
    /// one (every changed line's function is stored as `modifies`). The others are
    /// scored from their stored relations (mentions), header and patch alone.
    public static func needsLines(_ functions: [HunkFunction], traceNames: Set<String>) -> Bool {
        functions.contains { $0.relation == .modifies && traceNames.contains(Frame.baseName($0.function)) }
    }

    public static func rank(_ report: CrashReport, reportDate: Date? = nil, candidates: [BlameCandidate], limit: Int? = nil) -> [Suspect] {
        let chain = TraceChain(report)
        let names = Set(chain.functionNames)
        let hasCodeClues = !chain.links.isEmpty || !chain.guesses.isEmpty || report.file != nil
        var scored: [(score: Double, index: Int, evidence: [String])] = []
        for (index, candidate) in candidates.enumerated() {
            var ev = CandidateEvidence(report: report, chain: chain, traceNames: names, candidate: candidate)
            ev.scoreCode()
            guard ev.score > 0 || !hasCodeClues else { continue }
            ev.scorePatch(reportDate: reportDate)
            let rounded = (ev.score * 10).rounded() / 10
            guard rounded > 0 else { continue }
            scored.append((rounded, index, ev.evidence))
        }
        scored.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            let x = candidates[a.index], y = candidates[b.index]
            if x.messageID != y.messageID { return x.messageID < y.messageID }
            if x.file != y.file { return x.file < y.file }
            if x.hunk.newStart != y.hunk.newStart { return x.hunk.newStart < y.hunk.newStart }
            return a.index < b.index
        }
        let kept = limit.map { Array(scored.prefix(max(0, $0))) } ?? scored
        return kept.enumerated().map { rank, s in
            let c = candidates[s.index]
            return Suspect(rank: rank + 1, score: s.score, candidate: s.index, messageID: c.messageID, subject: c.subject,
                           file: c.file, header: c.hunk.header, evidence: s.evidence)
        }
    }
}

/// The evidence for one candidate.
private struct CandidateEvidence {
    let report: CrashReport
    let chain: TraceChain
    let candidate: BlameCandidate
    let attribution: HunkAttribution
    var score = 0.0
    var evidence: [String] = []

    /// Changed lines per function (base name), and the lines by their function.
    let linesPerFunction: [String: Int]
    let linesByFunction: [String: [ChangedLine]]

    init(report: CrashReport, chain: TraceChain, traceNames: Set<String>, candidate: BlameCandidate) {
        self.report = report
        self.chain = chain
        self.candidate = candidate
        let attribution: HunkAttribution
        if let given = candidate.attribution {
            attribution = given
        } else if let stored = candidate.functions, !BlameRanker.needsLines(stored, traceNames: traceNames) {
            attribution = HunkAttribution(functions: stored, lines: [])
        } else {
            attribution = FunctionAttributor.attribute(candidate.hunk)
        }
        self.attribution = attribution
        var byFunction: [String: [ChangedLine]] = [:]
        var names: [String: String] = [:]
        for line in attribution.lines {
            guard let f = line.function else { continue }
            let base: String
            if let b = names[f] { base = b } else { base = Frame.baseName(f); names[f] = base }
            byFunction[base, default: []].append(line)
        }
        linesByFunction = byFunction
        linesPerFunction = byFunction.mapValues(\.count)
    }

    mutating func scoreCode() {
        scoreEdges()
        scoreModified()
        scoreLocations()
    }

    private func sameFile(_ frame: Frame) -> Bool {
        guard let f = frame.file else { return true }
        return SourcePath.match(f, candidate.file)
    }

    private mutating func scoreEdges() {
        var found: [(Double, String)] = []
        let links = chain.links
        guard links.count >= 2 else { return }
        for k in 0..<(links.count - 1) {
            let callee = links[k], caller = links[k + 1]
            guard sameFile(caller.frame) else { continue }
            let lines = (linesByFunction[caller.name] ?? []).filter { $0.side == .new && $0.calls.contains(callee.name) }
            guard let first = lines.first else { continue }
            let at = lines.map { "+\($0.number)" }.joined(separator: ", ")
            let code = first.text.trimmingCharacters(in: .whitespaces)
            found.append((BlameRanker.edgeWeight * BlameRanker.nearness(k) * codeEvidenceWeight,
                          "adds a call from \(caller.name) to \(callee.name) (\(at): `\(code)`): the trace's step from frame \(Describe.frame(caller)) into frame \(Describe.frame(callee))"))
        }
        add(found)
    }

    private mutating func scoreModified() {
        var found: [(Double, String)] = []
        var seen = Set<String>()
        for (k, link) in chain.links.enumerated() where seen.insert(link.name).inserted && sameFile(link.frame) {
            let n = changedLines(in: link.name)
            if n > 0 {
                let fullness = 0.5 + 0.5 * min(1.0, Double(n) / 12.0)
                found.append((BlameRanker.modifiesWeight * BlameRanker.nearness(k) * fullness * codeEvidenceWeight,
                              "changes \(link.name) (frame \(Describe.frame(link))): \(n) changed line\(n == 1 ? "" : "s")"))
            } else if attribution.functions.contains(where: { $0.function == link.name && $0.relation == .mentions }) {
                found.append((BlameRanker.mentionWeight * BlameRanker.nearness(k),
                              "mentions \(link.name) (frame \(Describe.frame(link))) in a prototype or comment"))
            }
        }
        for (link, position) in chain.guesses where !seen.contains(link.name) && sameFile(link.frame) {
            let n = changedLines(in: link.name)
            guard n > 0 else { continue }
            seen.insert(link.name)
            found.append((BlameRanker.guessWeight * BlameRanker.nearness(position),
                          "changes \(link.name), which is only an unreliable `? ` frame (\(Describe.frame(link)))"))
        }
        add(found)
    }

    private mutating func scoreLocations() {
        let range = candidate.hunk.newStart...(candidate.hunk.newStart + max(candidate.hunk.newCount, 1) - 1)
        var found: [(Double, String)] = []
        if let file = report.file, let line = report.line, SourcePath.match(file, candidate.file), let (s, words) = Self.near(line, range) {
            let what = report.kind == .warning ? "WARNING" : report.kind == .ubsan ? "UBSAN report" : "BUG"
            found.append((BlameRanker.reportLineWeight * s * codeEvidenceWeight, "the \(what) at \(file):\(line) \(words)"))
        }
        // The best-placed decoded frame location counts; one is enough to say where.
        var best: (Double, String)?
        for (link, k) in chain.links.enumerated().map({ ($1, $0) }) + chain.repeats {
            guard let file = link.frame.file, let line = link.frame.line, SourcePath.match(file, candidate.file),
                  let (s, words) = Self.near(line, range) else { continue }
            let value = BlameRanker.frameLineWeight * BlameRanker.nearness(k) * s * codeEvidenceWeight
            if best == nil || value > best!.0 { best = (value, "frame \(Describe.frame(link)) \(words)") }
        }
        if let best { found.append(best) }
        add(found)
    }

    /// 1 inside the new lines, falling to 0 at `nearLines` away.
    private static func near(_ line: Int, _ range: ClosedRange<Int>) -> (Double, String)? {
        let span = "\(range.lowerBound)-\(range.upperBound)"
        if range.contains(line) { return (1, "is inside the hunk's new lines \(span)") }
        let d = line < range.lowerBound ? range.lowerBound - line : line - range.upperBound
        guard d < BlameRanker.nearLines else { return nil }
        return (0.5 * (1 - Double(d) / Double(BlameRanker.nearLines)), "is \(d) line\(d == 1 ? "" : "s") from the hunk's new lines \(span)")
    }

    private func changedLines(in function: String) -> Int { linesPerFunction[function] ?? 0 }

    /// A hunk that creates its file adds every call and function in it and holds
    /// every line: that it "adds" the trace's calls or contains the BUG line says
    /// little about which change broke them, so its code evidence counts for less
    /// than a change to existing code.
    private var codeEvidenceWeight: Double {
        candidate.hunk.oldStart == 0 && candidate.hunk.oldCount == 0 ? BlameRanker.newFileWeight : 1
    }

    /// The best piece counts fully, further pieces of the same kind a quarter.
    private mutating func add(_ found: [(Double, String)]) {
        let sorted = found.enumerated().sorted { a, b in a.element.0 != b.element.0 ? a.element.0 > b.element.0 : a.offset < b.offset }
        for (i, item) in sorted.enumerated() {
            score += i == 0 ? item.element.0 : 0.25 * item.element.0
            evidence.append(item.element.1)
        }
    }

    mutating func scorePatch(reportDate: Date?) {
        let linked = candidate.reportRepliesToPatch || candidate.reportQuotesPatch
        if candidate.reportRepliesToPatch { score += 12; evidence.append("the report replies to this patch's message") }
        if candidate.reportQuotesPatch { score += 8; evidence.append("the report quotes this patch") }
        if linked, let claim = report.causeClaim { score += 10; evidence.append("the reporter says: “\(claim)”") }
        guard let posted = candidate.date else { return }
        if let reportDate {
            if posted <= reportDate {
                score += 3
                evidence.append("posted \(Describe.day(posted)), before the report (\(Describe.day(reportDate)))")
            } else {
                score -= 8
                evidence.append("posted \(Describe.day(posted)), after the report (\(Describe.day(reportDate)))")
            }
        }
        if let tag = report.nextTag, let tagDay = Describe.nextTagDay(tag) {
            if posted < tagDay.addingTimeInterval(86_400) {
                score += 3
                evidence.append("posted before \(tag), the kernel the report names")
            } else {
                score -= 4
                evidence.append("posted after \(tag), so not in the kernel the report names")
            }
        }
    }
}

/// Path comparison that ignores `a/`, `b/` and `./` prefixes and allows one path
/// to be a suffix of the other (reports print paths relative to the build tree).
enum SourcePath {
    static func clean(_ p: String) -> Substring {
        var s = Substring(p)
        for prefix in ["a/", "b/", "./"] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count); break }
        return s
    }

    static func match(_ x: String, _ y: String) -> Bool {
        let a = clean(x), b = clean(y)
        guard !a.isEmpty, !b.isEmpty else { return false }
        return a == b || a.hasSuffix("/" + b) || b.hasSuffix("/" + a)
    }
}

enum Describe {
    static func frame(_ link: TraceChain.Link) -> String {
        var s = "#\(link.index + 1) \(link.frame.function)"
        if let o = link.frame.offset, let z = link.frame.size { s += "+0x" + String(o, radix: 16) + "/0x" + String(z, radix: 16) }
        if let f = link.frame.file, let l = link.frame.line { s += " (\(f):\(l))" }
        return s
    }

    private static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func day(_ d: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day], from: d)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
    }

    /// Midnight UTC of `next-YYYYMMDD`.
    static func nextTagDay(_ tag: String) -> Date? {
        let digits = tag.dropFirst("next-".count)
        guard digits.count == 8, let v = Int(digits) else { return nil }
        return utc.date(from: DateComponents(year: v / 10000, month: (v / 100) % 100, day: v % 100))
    }
}
