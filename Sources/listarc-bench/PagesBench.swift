import CLibXML2
import Foundation
import ListArcCore
import ListArcSources

/// `listarc-bench pages [SAMPLES_DIR] [ROUNDS]`: archive page → messages → diffs
/// throughput against a bare libxml2 `htmlReadMemory` + `xmlFreeDoc` of the same pages,
/// in the same run (goal: listarc ≥ 70% of the bare parse), next to page → messages
/// alone and page → messages → full analysis.
enum PagesBench {
    static func run(_ args: [String]) {
        let samples = URL(fileURLWithPath: args.first ?? "Samples")
        let rounds = args.count > 1 ? Int(args[1]) ?? 200 : 200
        let pages = messagePages(under: samples)
        guard !pages.isEmpty else {
            print("pages: no message pages under \(samples.path)")
            return
        }
        let bytes = pages.reduce(0) { $0 + $1.count }
        print("pages: \(pages.count) message pages, \(bytes) bytes, \(rounds) rounds")

        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        // Three listarc figures, each against the same bare parse:
        // page → messages; page → messages → diffs (quote analysis + diff extraction,
        // the measure); page → messages → full analysis (quotes, diffs, crash
        // reports, patches: `Analyser.analyse`).
        var bare = [Double](), read = [Double](), extract = [Double](), full = [Double]()
        var messages = 0, diffs = 0, fullDiffs = 0
        // Interleave them so machine load hits all alike; keep the best of 5 blocks.
        for _ in 0..<5 {
            bare.append(time(rounds) {
                for page in pages {
                    page.withUnsafeBufferPointer { b in
                        b.withMemoryRebound(to: CChar.self) { c in
                            if let doc = htmlReadMemory(c.baseAddress, Int32(c.count), nil, "UTF-8", options) { xmlFreeDoc(doc) }
                        }
                    }
                }
            })
            read.append(time(rounds) {
                messages = 0
                for page in pages { messages += ((try? PageReader.messages(html: page, name: "bench", url: nil)) ?? []).count }
            })
            extract.append(time(rounds) {
                diffs = 0
                for page in pages {
                    for message in (try? PageReader.messages(html: page, name: "bench", url: nil)) ?? [] {
                        for (index, part) in message.parts.enumerated() {
                            let quotes = QuoteAnalyzer.analyse(part.text)
                            diffs += DiffExtractor.extract(from: quotes, partIndex: index, wasFlowed: part.wasFlowed).count
                        }
                    }
                }
            })
            full.append(time(rounds) {
                fullDiffs = 0
                for page in pages {
                    for message in (try? PageReader.messages(html: page, name: "bench", url: nil)) ?? [] {
                        fullDiffs += Analyser.analyse(message).diffs.count
                    }
                }
            })
        }
        let base = bare.min()!
        report("libxml2 htmlReadMemory+xmlFreeDoc", base, pages.count * rounds, bytes * rounds)
        for (label, times) in [("listarc page -> messages", read), ("listarc page -> messages -> diffs", extract),
                               ("listarc page -> full analysis", full)] {
            report(label, times.min()!, pages.count * rounds, bytes * rounds)
        }
        print(String(format: "listarc / bare libxml2 throughput: messages %.1f%%, messages -> diffs %.1f%% (goal >= 70%%), full analysis %.1f%%",
                     base / read.min()! * 100, base / extract.min()! * 100, base / full.min()! * 100))
        print("pages: \(messages) messages, \(diffs) diffs per round (full analysis: \(fullDiffs) diffs)")
        linearity()
    }

    /// One blists page whose body is `megabytes` lines of 1 MB (lines past 16 MB are
    /// refused): the time per MB must not grow with the size.
    static func linearity() {
        for megabytes in [10, 50] {
            let line = Array(repeating: [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) - 1) + [0x0A], count: megabytes).flatMap { $0 }
            let page = Array("<html><head><title>l - s</title></head><body><a href=\".\">[day]</a>\n<pre style=\"white-space: pre-wrap\">\nSubject: s\n\n".utf8)
                + line + Array("\n</pre></body></html>".utf8)
            var size = 0
            let seconds = time(1) { size = (try? PageReader.messages(html: page, name: "big", url: nil).first?.body.utf8.count) ?? -1 }
            print(String(format: "page of %d lines of 1 MB: %.3f s CPU (%.1f MB/s), body %d bytes", megabytes, seconds, Double(megabytes) / seconds, size))
        }
    }

    /// Openwall and public-inbox message and thread pages (index pages are not messages).
    static func messagePages(under root: URL) -> [[UInt8]] {
        var result: [[UInt8]] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var paths: [URL] = []
        while let url = walker?.nextObject() as? URL { paths.append(url) }
        for url in paths.sorted(by: { $0.path < $1.path }) {
            guard let data = try? Data(contentsOf: url), !data.isEmpty else { continue }
            let bytes = [UInt8](data)
            guard bytes.starts(with: Array("<!DOCTYPE html>".utf8)) || bytes.starts(with: Array("<html>".utf8)) else { continue }
            if (try? PageReader.messages(html: bytes, name: url.path, url: nil)) != nil { result.append(bytes) }
        }
        return result
    }

    /// CPU time of this thread: the machine may be busy with other work, and both
    /// sides are single-threaded, so CPU time compares them more fairly than wall time.
    static func time(_ rounds: Int, _ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        for _ in 0..<rounds { body() }
        return now() - start
    }

    static func report(_ label: String, _ seconds: Double, _ pages: Int, _ bytes: Int) {
        print(label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %9.0f pages/s %8.1f MB/s (%.3f s CPU)",
                     Double(pages) / seconds, Double(bytes) / seconds / 1e6, seconds))
    }
}
