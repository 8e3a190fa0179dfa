import Foundation
import ListArcCore
import ListArcSources

/// `listarc-bench stage STAGE INPUT [ROUNDS]`: one analysis stage alone (quotes,
/// diffs, reports, patches, analyse; functions = `FunctionAttributor.functions(in:)`
/// and attribution = `attribute(_:)` over every hunk, as import and blame call them) over the messages of INPUT (an mbox, or a
/// directory of archive pages), the inputs prepared outside the timing. Made for
/// profilers (`valgrind --tool=callgrind`), which then see little but the stage.
enum StageBench {
    static let stages = ["quotes", "diffs", "reports", "patches", "analyse", "functions", "attribution"]

    static func run(_ args: [String]) {
        guard args.count >= 2, stages.contains(args[0]) else {
            print("usage: listarc-bench stage \(stages.joined(separator: "|")) MBOX[.gz]|PAGES_DIR [ROUNDS]")
            return
        }
        let rounds = args.count > 2 ? Int(args[2]) ?? 1 : 1
        let messages = load(args[1])
        let quotes = messages.map { $0.parts.map { QuoteAnalyzer.analyse($0.text) } }
        let diffs = zip(messages, quotes).map { m, qs in
            qs.enumerated().flatMap { i, a in DiffExtractor.extract(from: a, partIndex: i, wasFlowed: m.parts[i].wasFlowed) }
        }
        let hunks = diffs.flatMap { $0.flatMap { $0.files.flatMap(\.hunks) } }
        var count = 0
        let seconds = PagesBench.time(rounds) {
            count = 0
            switch args[0] {
            case "quotes":
                for m in messages { for p in m.parts { count += QuoteAnalyzer.analyse(p.text).lines.count } }
            case "diffs":
                for (m, qs) in zip(messages, quotes) {
                    for (i, a) in qs.enumerated() { count += DiffExtractor.extract(from: a, partIndex: i, wasFlowed: m.parts[i].wasFlowed).count }
                }
            case "reports":
                for qs in quotes { for (i, a) in qs.enumerated() { count += ReportParser.reports(in: a, partIndex: i).count } }
            case "patches":
                for (i, m) in messages.enumerated() { count += PatchBuilder.patches(message: m, quotes: quotes[i], diffs: diffs[i]).count }
            case "functions":
                for h in hunks { count += FunctionAttributor.functions(in: h).count }
            case "attribution":
                for h in hunks { count += FunctionAttributor.attribute(h).lines.count }
            default:
                for m in messages { count += Analyser.analyse(m).diffs.count }
            }
        }
        print(String(format: "stage %@: %d messages, %d hunks, %d rounds, %.3f s CPU, %d results per round",
                     args[0] as NSString, messages.count, hunks.count, rounds, seconds, count))
    }

    static func load(_ path: String) -> [MailMessage] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return PagesBench.messagePages(under: URL(fileURLWithPath: path)).flatMap {
                (try? PageReader.messages(html: $0, name: "bench", url: nil)) ?? []
            }
        }
        var mails: [[UInt8]] = []
        try? MailboxReader.forEachMessage(in: URL(fileURLWithPath: path)) { mails.append($0) }
        return mails.compactMap { try? MailParser.parse($0) }
    }
}
