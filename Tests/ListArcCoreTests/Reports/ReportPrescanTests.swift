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
            let bytes = Array(line.content.utf8)
            let (b, _) = LogPrefix.strip(bytes)
            guard ReportScanner.start(b, depth: 0, index: 0) != nil else { return nil }
            let passes = bytes.withUnsafeBufferPointer { ReportPrescan.mayStart($0, LogPrefix.textRange($0).range) }
            return passes ? nil : String(line.content)
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
                    // (A second syslog prefix in front of a syslog line is not removed.)
                    if prefix.isEmpty || !sample.contains(" kernel: ") { #expect(!full.isEmpty, "sample \(n) prefix '\(prefix)' depth \(depth)") }
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
                    // "cut here" only announces a report: without a title or trace there is none.
                    if !opener.contains("cut here") { #expect(!full.isEmpty, "\(prefix)\(opener)") }
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
            while let url = walker.nextObject() as? URL {
                guard !["COPYING", "SOURCE"].contains(url.lastPathComponent) else { continue }
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

    /// The log prefixes `LogPrefix` removes, and look-alikes it must leave alone.
    @Test(arguments: [
        ("Mar  3 10:12:01 gw kernel: [  812.004219] UBSAN: x", "UBSAN: x", true),
        ("2023-03-03T10:12:01.123456+00:00 host kernel: BUG: y", "BUG: y", true),
        ("<4>[  12.5] [    T1] WARNING: z ", "WARNING: z", true),
        ("  [ C0] RIP: 0010:f+0x1/0x2\r", "RIP: 0010:f+0x1/0x2", true),
        ("the kernel: not a log line", "the kernel: not a log line", false),
        ("host kernel: 10:12:01 no clock before it", "host kernel: 10:12:01 no clock before it", false),
        ("a kernel: b 10:12 kernel: c", "a kernel: b 10:12 kernel: c", false),
        ("10:12:01" + String(repeating: " ", count: 120) + "h kernel: far", "10:12:01" + String(repeating: " ", count: 120) + "h kernel: far", false),
        ("1:2:3 h kernel: short clock", "1:2:3 h kernel: short clock", false),
        ("[ 1.5 not a stamp", "[ 1.5 not a stamp", false),
    ])
    func logPrefixes(line: String, text: String, logged: Bool) {
        let (stripped, wasLogged) = LogPrefix.strip(Array(line.utf8))
        #expect(String(decoding: stripped, as: UTF8.self) == text)
        #expect(wasLogged == logged)
    }

    /// The 16-byte search finds the same first byte as a plain loop, at every offset.
    @Test func byteFindAgreesWithALoop() {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...70, using: &rng)).map { _ in UInt8.random(in: 0x39...0x3B, using: &rng) }
            let from = Int.random(in: 0...max(0, bytes.count), using: &rng), to = Int.random(in: from...max(from, bytes.count), using: &rng)
            let expected = (from..<to).first { bytes[$0] == 0x3A }
            #expect(bytes.withUnsafeBufferPointer { ByteFind.first(0x3A, in: $0, from: from, to: to) } == expected)
        }
    }
}
