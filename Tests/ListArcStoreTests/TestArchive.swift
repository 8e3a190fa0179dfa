import Foundation
import ListArcCore
@testable import ListArcStore

/// A fresh archive in its own temporary folder.
struct TestArchive {
    let folder: URL
    let archive: Archive
    var path: String { archive.path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-store-\(UUID().uuidString)")
        archive = try Archive(path: folder.appendingPathComponent("nested/dir/archive.sqlite").path)
    }

    func count(_ table: String) throws -> Int {
        try archive.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    /// Row counts of every content table, to compare archive states.
    func counts() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for t in ["messages", "sources", "lists", "embedded", "diffs", "files", "hunks", "reports", "report_frames", "mentions"] {
            out[t] = try count(t)
        }
        return out
    }
}

/// Mail values made in code (no parser involved).
enum Mails {
    static func message(id: String?, subject: String = "Subject", from: String = "Ann Example <ann@example.org>",
                        date: String = "Mon, 25 Jul 2022 18:49:40 +0000", body: String = "Hello\n",
                        origin: MessageOrigin = .rawMail, obfuscated: Bool = false, url: String? = nil,
                        inReplyTo: String? = nil, extraHeaders: [HeaderField] = []) -> MailMessage {
        var headers: [HeaderField] = []
        if let id { headers.append(HeaderField(name: "Message-ID", value: "<\(id)>")) }
        headers += [HeaderField(name: "Date", value: date), HeaderField(name: "From", value: from), HeaderField(name: "Subject", value: subject)]
        if let inReplyTo { headers.append(HeaderField(name: "In-Reply-To", value: "<\(inReplyTo)>")) }
        headers += extraHeaders
        let raw = origin == .rawMail ? headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n\n" + body : nil
        return MailMessage(headers: headers, parts: [TextPart(text: body)], origin: origin, sourceURL: url,
                           addressesObfuscated: obfuscated, raw: raw)
    }

    static func analysed(_ m: MailMessage) -> AnalysedMessage { Analyser.analyse(m) }

    /// An analysed message carrying one diff with two hunks and a crash report.
    static func withDiff(id: String) -> AnalysedMessage {
        let m = message(id: id, subject: "[PATCH] fix it", body: "fix\n---\ndiff --git a/x.c b/x.c\n")
        let h1 = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, section: "int f(void)", lines: [" a", "-b", "+c"])
        let h2 = Hunk(oldStart: 10, oldCount: 1, newStart: 10, newCount: 1, lines: ["-x", "+y"])
        let file = FileDiff(flavor: .git, oldPath: "a/x.c", newPath: "b/x.c", headerLines: ["diff --git a/x.c b/x.c"], hunks: [h1, h2])
        let diff = ExtractedDiff(depth: 0, files: [file], complete: true, repairs: [.hunkRecounted], partIndex: 0, lineRange: 2..<3)
        let report = CrashReport(kind: .bug, title: "kernel BUG at x.c:1!", file: "x.c", line: 1,
                                 frames: [Frame(function: "f", offset: 4, size: 16), Frame(function: "g", reliable: false)])
        let a = Analyser.analyse(m)
        return AnalysedMessage(message: m, quotes: a.quotes, diffs: [diff], patches: [], reports: [report])
    }
}
