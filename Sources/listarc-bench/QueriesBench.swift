import Foundation
import ListArcCore
import ListArcSources
import ListArcStore

/// `listarc-bench queries ARCHIVE REPORT_MAIL [NAME...]`: in-process latency (p50/p99
/// over repeated runs) of `search function NAME` and of `blame` on the report in
/// REPORT_MAIL (`-`: none), against an existing archive.
enum QueriesBench {
    static func run(_ args: [String]) {
        guard args.count >= 2 else {
            print("usage: listarc-bench queries ARCHIVE REPORT_MAIL|- [NAME...]")
            return
        }
        do {
            let archive = try Archive(path: args[0], create: false)
            let names = args.count > 2 ? Array(args[2...]) : ["do_brk_flags", "kfree", "msecs_to_jiffies", "mas_store_gfp"]
            for name in names {
                // As the CLI runs it (the newest 200), then every hit.
                for limit in [200, nil] as [Int?] {
                    var hits = 0
                    var cpu: [Double] = []
                    let times = measure(200) {
                        let start = threadCPU()
                        hits = (try? archive.searchFunction(FunctionQuery(name: name, limit: limit)).count) ?? -1
                        cpu.append(threadCPU() - start)
                    }
                    let label = "search function \(name) \(limit.map { "--limit \($0)" } ?? "--limit 0") (\(hits) results)"
                    print(summary(label, times) + cpuSummary(cpu))
                }
            }
            if args[1] == "-" { return }   // no report: searches only
            let mail = try MailParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: args[1]))))
            let analysed = Analyser.analyse(mail)
            guard let report = analysed.reports.max(by: { $0.frames.count < $1.frames.count }) else {
                print("queries: no report in \(args[1])")
                return
            }
            let source = ReportSource(messageID: mail.messageID, references: mail.references + [mail.inReplyTo].compactMap { $0 })
            var suspects = 0
            let times = measure(50) {
                let candidates = (try? archive.blameCandidates(for: report, from: source)) ?? []
                suspects = BlameRanker.rank(report, reportDate: nil, candidates: candidates, limit: 10).count
            }
            print(summary("blame \(report.title) (\(suspects) suspects)", times))
            // Where blame's time goes: the archive's candidates, the ranking, and reading the report itself.
            var candidates: [BlameCandidate] = []
            let candidateTimes = measure(50) { candidates = (try? archive.blameCandidates(for: report, from: source)) ?? [] }
            print(summary("  of which candidates (\(candidates.count) hunks)", candidateTimes))
            print(summary("  of which ranking", measure(50) { _ = BlameRanker.rank(report, reportDate: nil, candidates: candidates, limit: 10) }))
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: args[1])))
            print(summary("  parse + analyse the report's mail", measure(50) { _ = (try? MailParser.parse(bytes)).map(Analyser.analyse) }))
        } catch {
            print("queries: \(error)")
        }
    }

    static func measure(_ runs: Int, _ body: () -> Void) -> [Double] {
        let clock = ContinuousClock()
        return (0..<runs).map { _ in
            let d = clock.measure(body)
            return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        }.sorted()
    }

    /// CPU time of this thread, in ms: on a shared machine it compares more fairly than wall time.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    static func cpuSummary(_ times: [Double]) -> String {
        let sorted = times.sorted()
        func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return String(format: "  (CPU p50 %7.2f ms  p99 %7.2f ms)", pct(0.5), pct(0.99))
    }

    static func summary(_ label: String, _ sorted: [Double]) -> String {
        func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return String(format: "%-66@ p50 %7.2f ms  p99 %7.2f ms", label as NSString, pct(0.5), pct(0.99))
    }
}
