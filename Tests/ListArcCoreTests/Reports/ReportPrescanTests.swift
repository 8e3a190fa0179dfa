import Testing
import Foundation
import TestSupport
@testable import ListArcCore

/// The prescan only skips work: with it and without it the parser must find the
/// same reports, and it must pass every line the scanner can start a report on.
@Suite struct ReportPrescanTests {
    static let samples = [SampleOopses.kasanX86, SampleOopses.warningArm64, SampleOopses.decodedX86, SampleOopses.syzbotInline,
                          SampleOopses.armBacktrace, SampleOopses.ubsanKernLog, SampleOopses.kfence, SampleOopses.bugX86]

    static func bothWays(_ text: String) -> (fast: [CrashReport], full: [CrashReport]) {
        let analysis = QuoteAnalyzer.analyse(text)
        return (ReportParser.reports(in: analysis, partIndex: 0), ReportParser.reports(in: analysis, partIndex: 0, prescan: false))
    }

    /// Every line on which `ReportScanner.start` opens a report passes the prescan.
    static func startLinesPass(_ text: String) -> [String] {
        QuoteAnalyzer.analyse(text).lines.compactMap { line in
            let (b, _) = LogPrefix.strip(Array(line.content.utf8))
            guard ReportScanner.start(b, depth: 0, index: 0) != nil else { return nil }
            return ReportPrescan.mayStart(line.content) ? nil : String(line.content)
        }
    }

    @Test func samplesAtEveryDepthAndPrefix() {
        let prefixes = ["", "[  12.345678] ", "<4>[  12.345678] ", "Jul 23 18:01:00 host kernel: ", "[    T1] ", "  "]
        for (n, sample) in Self.samples.enumerated() {
            for prefix in prefixes {
                let text = sample.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
                for depth in 0...3 {
                    let quoted = "Hi,\n\nI see this on boot:\n\n" + SampleOopses.quoted(text, depth: depth) + "\n\nAny idea?\n"
                    let (fast, full) = Self.bothWays(quoted)
                    #expect(!full.isEmpty, "sample \(n) prefix '\(prefix)' depth \(depth)")
                    #expect(fast == full, "sample \(n) prefix '\(prefix)' depth \(depth)")
                    #expect(Self.startLinesPass(quoted).isEmpty, "sample \(n) prefix '\(prefix)' depth \(depth)")
                }
            }
        }
    }

    /// Each kind of line that opens a report, alone and after prose, at depths 0 and 1.
    @Test func everyOpeningLinePasses() {
        let openers = [
            "kernel BUG at mm/slub.c:435!", "WARNING: CPU: 0 PID: 1 at kernel/fork.c:1 copy_process+0x1/0x2",
            "BUG: KASAN: use-after-free in foo+0x1/0x2", "BUG: KFENCE: out-of-bounds read in foo+0x1/0x2",
            "BUG: unable to handle page fault for address: ffff", "BUG: kernel NULL pointer dereference, address: 0000",
            "Bug: kernel NULL pointer dereference, address: 0000", "BUG: sleeping function called from invalid context at mm/a.c:1",
            "watchdog: BUG: soft lockup - CPU#0 stuck for 22s!", "UBSAN: shift-out-of-bounds in lib/a.c:1:2",
            "Unable to handle kernel paging request at virtual address 0", "general protection fault, probably for non-canonical address",
            "INFO: task kworker/0:1:12 blocked for more than 120 seconds.", "INFO: rcu_sched self-detected stall on CPU",
            "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:", "Internal error: Oops: 96000004 [#1] PREEMPT SMP",
            "Oops: 0000 [#1] PREEMPT SMP", "Oops[#1]:", "Kernel panic - not syncing: Fatal exception",
            "------------[ cut here ]------------", "8<--- cut here ---", "Call Trace:", "Call trace:", "Backtrace:",
            "RIP: 0010:foo+0x1/0x2", "PC is at foo+0x1/0x2", "pc : foo+0x1/0x2", "NIP [c000000000123456] foo+0x1/0x2",
            "epc : foo+0x1/0x2", "epc   : 80123456 foo+0x1/0x2",
        ]
        for opener in openers {
            for prefix in ["", "[  1.000000] ", "<1>", "Jan  1 00:00:00 h kernel: [    1.0] [ C0] "] {
                for depth in 0...1 {
                    let text = "Some text first.\n\n" + SampleOopses.quoted(prefix + opener + "\n foo+0x1/0x2\n bar+0x3/0x4\n", depth: depth)
                    #expect(Self.startLinesPass(text).isEmpty, "\(opener)")
                    let (fast, full) = Self.bothWays(text)
                    #expect(!full.isEmpty, "\(prefix)\(opener)")
                    #expect(fast == full, "\(prefix)\(opener)")
                }
            }
        }
    }

    /// Real mails: the seed thread, the samples' mboxes, the conformance mails and
    /// the maple-tree series (when ../shared is there).
    @Test func realMailsAgree() throws {
        var files = ["seed-thread/M1.eml", "seed-thread/M2.eml", "seed-thread/M3.eml", "seed-thread/M4.eml", "seed-thread/M5.eml",
                     "seed-thread/thread.mbox", "openwall/linux-kernel.mbox", "openwall/blists-raw/earlier-samples/input.mbox"].map(Paths.sample)
        let shared = [Paths.shared.appendingPathComponent("corpus/maple-tree-v14/series.mbox")]
        files += shared.filter { FileManager.default.fileExists(atPath: $0.path) }
        if let walker = FileManager.default.enumerator(at: Paths.shared.appendingPathComponent("conformance/mails"), includingPropertiesForKeys: nil) {
            while let url = walker.nextObject() as? URL where !["COPYING", "SOURCE"].contains(url.lastPathComponent) {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
            }
        }
        var parts = 0, reports = 0
        for url in files {
            let text = try Paths.text(url)
            // mbox files: one mail per "From " line.
            let mails = text.hasPrefix("From ") ? text.components(separatedBy: "\nFrom ") : [text]
            for mail in mails {
                guard let message = try? MailParser.parse(Array(mail.utf8)) else { continue }
                for part in message.parts {
                    let (fast, full) = Self.bothWays(part.text)
                    #expect(fast == full, "\(url.lastPathComponent)")
                    #expect(Self.startLinesPass(part.text).isEmpty, "\(url.lastPathComponent)")
                    parts += 1
                    reports += full.count
                }
            }
        }
        #expect(parts > 20)
        #expect(reports >= 2)   // the seed thread's oops, quoted
    }

    /// Random mixes of report fragments, prose and quote markers.
    @Test func randomMixesAgree() {
        var rng = SeededRandom(seed: 7)
        let pieces = ["Call Trace:", " ? ", "foo+0x1/0x2", " bar+0x10/0x20 [mod]", "RIP: 0010:", "PC is at ", " from ", "kernel BUG at ",
                      "a.c:1", "!", "Not tainted 6.1.0", "\n", "\n", "\n", "> ", ">> ", "[  1.234] ", "WARNING: CPU: 0 PID: 1 at ",
                      "Backtrace:", "<TASK>", "</TASK>", "---[ end trace", "UBSAN: x in ", "BUG: KASAN: x in ", "Oops: 0 [#1]",
                      "the patch below should be the cause", "epc : ", "pc : ", "NIP ", "cut here", "Bug: kernel NULL pointer dereference",
                      "I think this is fine and it is", "\r", " ", "LR is at ", "lr : "]
        for round in 0..<400 {
            var s = ""
            for _ in 0..<Int.random(in: 1...120, using: &rng) { s += pieces.randomElement(using: &rng)! }
            let (fast, full) = Self.bothWays(s)
            #expect(fast == full, "round \(round): \(s)")
        }
    }
}
