import Foundation
import ListArcCore
import ListArcSources
import ListArcStore

/// One fuzz target: what libFuzzer feeds bytes to (Fuzz/run.sh) and what the
/// regression tests replay the saved findings through. `run` returns a broken
/// invariant in words, or nil; crashes and hangs speak for themselves.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case pages = "FuzzPages"
    case mail = "FuzzMail"
    case quotes = "FuzzQuotes"
    case diffs = "FuzzDiffs"
    case patches = "FuzzPatches"
    case reports = "FuzzReports"
    case query = "FuzzQuery"

    public func run(_ bytes: [UInt8]) -> String? {
        switch self {
        case .pages: return Self.pages(bytes)
        case .mail: return Self.mail(bytes)
        case .quotes: return Self.quotes(String(decoding: bytes, as: UTF8.self))
        case .diffs: return Self.diffs(bytes)
        case .patches: return Self.patches(bytes)
        case .reports: return Self.reports(String(decoding: bytes, as: UTF8.self))
        case .query: return Self.query(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Archive page readers (openwall/blists, public-inbox message and thread pages),
    /// then each message the page shows through the whole analysis. A page the
    /// one-pass scan accepts must read exactly as libxml2 reads it.
    static func pages(_ bytes: [UInt8]) -> String? {
        if let mismatch = PageScanCheck.mismatch(bytes) { return mismatch }
        guard let page = try? ArchivePage.read(html: bytes, name: "fuzz", url: "https://lore.kernel.org/all/x@y/") else { return nil }
        for message in page.messages { _ = Analyser.analyse(message) }
        return nil
    }

    /// Whatever a file may hold: gzip, mbox/mboxrd, RFC 5322 with MIME.
    static func mail(_ bytes: [UInt8]) -> String? {
        _ = try? InputReader.messages(in: bytes, name: "fuzz")
        _ = try? MailParser.parse(bytes)
        return nil
    }

    /// Quote depth, attributions and the embedded-message tree of one body.
    static func quotes(_ text: String) -> String? {
        let analysis = QuoteAnalyzer.analyse(text)
        for (index, line) in analysis.lines.enumerated() where line.prefixLength > line.raw.utf8.count || line.depth < 0 {
            return "line \(index): prefix \(line.prefixLength) bytes, depth \(line.depth), line \(line.raw.utf8.count) bytes"
        }
        for a in analysis.attributions where !analysis.lines.indices.contains(a.lineIndex) {
            return "attribution points at line \(a.lineIndex) of \(analysis.lines.count)"
        }
        return nil
    }

    /// Diff extraction and repair at every depth, then rendering; a complete diff,
    /// printed and read again, must be the same diff.
    static func diffs(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first else { return nil }
        let analysis = QuoteAnalyzer.analyse(String(decoding: bytes.dropFirst(), as: UTF8.self))
        // The first byte says whether the part counts as format=flowed.
        for diff in DiffExtractor.extract(from: analysis, partIndex: 0, wasFlowed: first & 1 == 1) {
            let text = DiffRenderer.render(diff)
            guard diff.complete, !text.isEmpty else { continue }
            let again = DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0, wasFlowed: false)
            if again.count != 1 || DiffRenderer.render(again[0]) != text {
                return "a complete diff does not read back as itself:\n\(text)"
            }
        }
        return nil
    }

    /// A whole mail through the pipeline to patches, rendered as diff and as mail.
    static func patches(_ bytes: [UInt8]) -> String? {
        guard let message = try? MailParser.parse(bytes) else { return nil }
        for patch in Analyser.analyse(message).patches {
            _ = patch.diffText
            _ = patch.mailText
        }
        return nil
    }

    /// Kernel oops/BUG/WARNING/KASAN/backtrace parsing at any quote depth.
    static func reports(_ text: String) -> String? {
        _ = ReportParser.reports(in: QuoteAnalyzer.analyse(text), partIndex: 0)
        return nil
    }

    /// lore/lei query syntax run against a real archive: any text parses and runs or
    /// is refused as bad input — never an SQL or FTS5 error.
    static func query(_ text: String) -> String? {
        guard let query = try? QueryParser.parse(text, now: Date(timeIntervalSince1970: 1_700_000_000)) else { return nil }
        do {
            _ = try QueryArchive.shared.search(query)
        } catch is InputError {
        } catch {
            return "query \(text.debugDescription) failed in the database: \(error)"
        }
        return nil
    }
}
