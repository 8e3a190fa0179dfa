import ArgumentParser
import Foundation
import ListArcCore
import ListArcSources
import ListArcStore

struct BlameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Rank archived hunks a bug report points at.",
        discussion: """
            INPUT is a Message-ID in the archive, the URL of an archived page, a file (page, mail, \
            mbox) or `-` for a pasted oops on stdin. Every archived hunk that modifies or calls a \
            function on the trace, lies near the BUG/WARNING line, or belongs to a patch the report \
            answers or quotes is ranked; each suspect comes with its evidence.
            """)

    @OptionGroup var archive: ArchiveOptions

    @Argument(help: "A Message-ID, an archived URL, a file, or - (stdin).")
    var input: String

    @Option(name: .long, help: "Show at most N suspects.")
    var limit = 10

    @Flag(name: .long, help: "Print JSON: {\"report\":{…,\"frames\":[…]},\"suspects\":[{\"rank\",\"score\",\"messageId\",\"subject\",\"file\",\"header\",\"evidence\"}]}.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try openArchive(archive)
            let (message, stored) = try reportMessage(store)
            let analysed = Analyser.analyse(message)
            // The report with the most frames: the oops itself rather than a one-line mention.
            guard let report = analysed.reports.enumerated().max(by: { a, b in
                a.element.frames.count != b.element.frames.count ? a.element.frames.count < b.element.frames.count : a.offset > b.offset
            })?.element else {
                warn("listarc: \(input): no bug report (BUG/WARNING/oops/KASAN with a trace) found")
                throw Status.nothingFound
            }
            let id = message.messageID
            let date = message.date.flatMap(MailDate.parse).map { Date(timeIntervalSince1970: TimeInterval($0)) }
            var quoted: [(file: String, header: String, text: String)] = []
            for d in analysed.diffs where d.depth > 0 {
                for f in d.files { for h in f.hunks { quoted.append((f.newPath ?? f.oldPath ?? "", h.header, h.lines.joined(separator: "\n"))) } }
            }
            let refs = Array(Set((message.inReplyTo.map { [$0] } ?? []) + message.references)).sorted()
            let source = ReportSource(messageID: stored ? id : (id.flatMap { try? store.contains(messageID: $0) } == true ? id : nil),
                                      references: refs, quotedHunks: quoted, date: date)
            let candidates = try store.blameCandidates(for: report, from: source)
            let suspects = BlameRanker.rank(report, reportDate: date, candidates: candidates, limit: limit)
            if json { try printJSON(BlameJSON(report: report, messageID: id, suspects: suspects)) } else { printText(report, suspects) }
        }
    }

    /// The message holding the report: from a file or stdin, or the archive.
    private func reportMessage(_ store: Archive) throws -> (MailMessage, stored: Bool) {
        if input == "-" || FileManager.default.fileExists(atPath: input) {
            let bytes: [UInt8]
            if input == "-" {
                bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            } else {
                do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input))) } catch {
                    throw InputError(input, "cannot read: \(error.localizedDescription)")
                }
            }
            let messages = try InputReader.messages(in: bytes, name: input, url: nil)
            // The first message that carries a report (an mbox may hold a whole thread).
            guard let m = messages.first(where: { !Analyser.analyse($0).reports.isEmpty }) ?? messages.first else {
                throw InputError(input, "no message in it")
            }
            return (m, false)
        }
        var id = MessageID.first(in: input) ?? input.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            guard let stored = try store.messageID(forSource: input) else {
                throw InputError(input, "URLs not in the archive are not supported yet: run `listarc fetch \(input)` first")
            }
            id = stored
        }
        guard let s = try store.storedMessage(id) else {
            throw InputError(input, "no such file, and no message with that Message-ID in the archive")
        }
        return (Self.rebuild(s), true)
    }

    /// The stored message as a mail again: its raw copy when kept, else headers + body.
    static func rebuild(_ s: StoredMessage) -> MailMessage {
        if let raw = s.raw, let m = try? MailParser.parse(Array(raw.utf8), sourceURL: s.sourceURL) { return m }
        var headers = [HeaderField(name: "Message-ID", value: "<\(s.messageID)>"), HeaderField(name: "Subject", value: s.subject),
                       HeaderField(name: "From", value: s.from)]
        if let d = s.dateText { headers.append(HeaderField(name: "Date", value: d)) }
        if let r = s.inReplyTo { headers.append(HeaderField(name: "In-Reply-To", value: "<\(r)>")) }
        if !s.references.isEmpty { headers.append(HeaderField(name: "References", value: s.references.map { "<\($0)>" }.joined(separator: " "))) }
        return MailMessage(headers: headers, parts: [TextPart(text: s.body)], origin: .rawMail, sourceURL: s.sourceURL)
    }

    private func printText(_ report: CrashReport, _ suspects: [Suspect]) {
        print("Report: \(report.title)")
        let shown = report.frames.prefix(8).map { f in f.function + (f.offset.map { String(format: "+0x%x", $0) } ?? "") }
        if !shown.isEmpty { print("Trace: " + shown.joined(separator: " < ") + (report.frames.count > 8 ? " < …" : "")) }
        if suspects.isEmpty { print("No archived hunk matches this report.") }
        for s in suspects {
            print("")
            print("#\(s.rank)  score \(s.score)  \(s.file) \(s.header)")
            print("    \(s.subject)  <\(s.messageID)>")
            for e in s.evidence { print("    - \(e)") }
        }
    }
}

/// DESIGN.md's `blame --json`.
struct BlameJSON: Encodable {
    struct FrameEntry: Encodable {
        var function: String
        var offset, size: Int?
        var file: String?
        var line: Int?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(function, forKey: .function)
            try c.encode(offset, forKey: .offset)
            try c.encode(size, forKey: .size)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
        }
        enum CodingKeys: String, CodingKey { case function, offset, size, file, line }
    }
    struct ReportEntry: Encodable {
        var messageId: String?
        var title: String
        var frames: [FrameEntry]
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(messageId, forKey: .messageId)
            try c.encode(title, forKey: .title)
            try c.encode(frames, forKey: .frames)
        }
        enum CodingKeys: String, CodingKey { case messageId, title, frames }
    }
    struct SuspectEntry: Encodable {
        var rank: Int
        var score: Double
        var messageId, subject, file, header: String
        var evidence: [String]
    }
    var report: ReportEntry
    var suspects: [SuspectEntry]

    init(report: CrashReport, messageID: String?, suspects: [Suspect]) {
        self.report = ReportEntry(messageId: messageID, title: report.title, frames: report.frames.map {
            FrameEntry(function: $0.function, offset: $0.offset, size: $0.size, file: $0.file, line: $0.line)
        })
        self.suspects = suspects.map {
            SuspectEntry(rank: $0.rank, score: $0.score, messageId: $0.messageID, subject: $0.subject, file: $0.file, header: $0.header, evidence: $0.evidence)
        }
    }
}
