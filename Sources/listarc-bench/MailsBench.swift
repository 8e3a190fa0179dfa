import Foundation
import ListArcCore
import ListArcSources

/// `listarc-bench mails MBOX[.gz]`: raw mail → message → quotes, diffs, patches, reports,
/// in-process, one thread. Benchmarks/run.sh compares the figure with `git mailinfo`
/// on the same mails in the same run.
enum MailsBench {
    static func run(_ args: [String]) {
        guard let path = args.first else {
            print("usage: listarc-bench mails MBOX[.gz] [ROUNDS]")
            return
        }
        let rounds = args.count > 1 ? Int(args[1]) ?? 3 : 3
        var mails: [[UInt8]] = []
        do {
            try MailboxReader.forEachMessage(in: URL(fileURLWithPath: path)) { mails.append($0) }
        } catch {
            print("mails: \(error)")
            return
        }
        let bytes = mails.reduce(0) { $0 + $1.count }
        print("mails: \(mails.count) mails, \(bytes) bytes, \(rounds) rounds")
        var parse = [Double](), full = [Double]()
        var diffs = 0, failures = 0
        for _ in 0..<rounds {
            parse.append(PagesBench.time(1) {
                for m in mails { _ = try? MailParser.parse(m) }
            })
            full.append(PagesBench.time(1) {
                diffs = 0; failures = 0
                for m in mails {
                    guard let message = try? MailParser.parse(m) else { failures += 1; continue }
                    diffs += Analyser.analyse(message).diffs.count
                }
            })
        }
        stages(mails, bytes)
        report("listarc MailParser.parse", parse.min()!, mails.count, bytes)
        report("listarc parse + analyse (diffs etc.)", full.min()!, mails.count, bytes)
        print("mails: \(diffs) diffs found, \(failures) mails rejected")
    }

    /// CPU time of each analysis stage on its own, to show where the time goes.
    static func stages(_ mails: [[UInt8]], _ bytes: Int) {
        let messages = mails.compactMap { try? MailParser.parse($0) }
        let quotes = messages.map { $0.parts.map { QuoteAnalyzer.analyse($0.text) } }
        var diffs: [[ExtractedDiff]] = []
        let q = PagesBench.time(1) { for m in messages { for p in m.parts { _ = QuoteAnalyzer.analyse(p.text) } } }
        let d = PagesBench.time(1) {
            diffs = zip(messages, quotes).map { m, qs in
                qs.enumerated().flatMap { i, a in DiffExtractor.extract(from: a, partIndex: i, wasFlowed: m.parts[i].wasFlowed) }
            }
        }
        let r = PagesBench.time(1) { for qs in quotes { for (i, a) in qs.enumerated() { _ = ReportParser.reports(in: a, partIndex: i) } } }
        let p = PagesBench.time(1) { for (i, m) in messages.enumerated() { _ = PatchBuilder.patches(message: m, quotes: quotes[i], diffs: diffs[i]) } }
        for (label, t) in [("  stage: quote analysis", q), ("  stage: diff extraction", d), ("  stage: report parsing", r), ("  stage: patch building", p)] {
            report(label, t, mails.count, bytes)
        }
    }

    static func report(_ label: String, _ seconds: Double, _ mails: Int, _ bytes: Int) {
        print(label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %9.0f mails/s %8.1f MB/s (%.3f s CPU)",
                     Double(mails) / seconds, Double(bytes) / seconds / 1e6, seconds))
    }
}
