import Foundation
@testable import ListArcCore
import TestSupport

/// Builds the values the patch code consumes straight from text, so these tests do
/// not depend on the mail parser or the diff extractor.
enum PatchFixtures {
    /// A minimal git/unified diff splitter (test-only): `diff --git`/`---`/`+++`
    /// headers, hunks by their counts, `GIT binary patch` blocks.
    static func files(_ text: String) -> [FileDiff] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var files: [FileDiff] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.hasPrefix("diff --git ") || (line.hasPrefix("--- ") && i + 1 < lines.count && lines[i + 1].hasPrefix("+++ ")) else { i += 1; continue }
            var header: [String] = [line]
            let git = line.hasPrefix("diff --git ")
            var oldPath: String?, newPath: String?
            if git {
                let rest = line.dropFirst("diff --git ".count)
                let parts = rest.split(separator: " ")
                if parts.count == 2 { oldPath = String(parts[0]); newPath = String(parts[1]) }
            } else {
                oldPath = path(line); newPath = path(lines[i + 1])
                header.append(lines[i + 1]); i += 1
            }
            i += 1
            while i < lines.count, !lines[i].hasPrefix("@@ "), !lines[i].hasPrefix("diff --git "), lines[i] != "GIT binary patch" {
                if lines[i].hasPrefix("--- ") { oldPath = path(lines[i]) }
                if lines[i].hasPrefix("+++ ") { newPath = path(lines[i]) }
                if lines[i].hasPrefix("new file mode") { oldPath = nil }
                if lines[i].hasPrefix("deleted file mode") { newPath = nil }
                header.append(lines[i]); i += 1
            }
            var binary: [String] = []
            if i < lines.count, lines[i] == "GIT binary patch" {
                while i < lines.count, !lines[i].hasPrefix("diff --git ") { binary.append(lines[i]); i += 1 }
            }
            var hunks: [Hunk] = []
            while i < lines.count, lines[i].hasPrefix("@@ ") {
                let (os, oc, ns, nc, section) = hunkHeader(lines[i])
                i += 1
                var body: [String] = []
                var o = 0, n = 0
                while i < lines.count, o < oc || n < nc || (i < lines.count && lines[i].hasPrefix("\\")) {
                    let l = lines[i]
                    if l.hasPrefix("+") { n += 1 } else if l.hasPrefix("-") { o += 1 } else if l.hasPrefix("\\") {} else { o += 1; n += 1 }
                    body.append(l); i += 1
                }
                hunks.append(Hunk(oldStart: os, oldCount: oc, newStart: ns, newCount: nc, section: section, lines: body))
            }
            files.append(FileDiff(flavor: git ? .git : .unified, oldPath: oldPath, newPath: newPath, headerLines: header, hunks: hunks, binaryLines: binary))
        }
        return files
    }

    static func path(_ line: String) -> String? {
        var p = String(line.dropFirst(4))
        if let tab = p.firstIndex(of: "\t") { p = String(p[..<tab]) }
        return p == "/dev/null" ? nil : p
    }

    static func hunkHeader(_ line: String) -> (Int, Int, Int, Int, String) {
        let parts = line.split(separator: " ", maxSplits: 4)
        func range(_ s: Substring) -> (Int, Int) {
            let v = s.dropFirst().split(separator: ",")
            return (Int(v[0]) ?? 0, v.count > 1 ? Int(v[1]) ?? 0 : 1)
        }
        let (os, oc) = range(parts[1]), (ns, nc) = range(parts[2])
        return (os, oc, ns, nc, parts.count > 4 ? String(parts[4]) : "")
    }

    /// A mail file split into unfolded headers and body (test-only reader).
    static func message(_ raw: String, origin: MessageOrigin = .rawMail) -> MailMessage {
        var text = raw
        if text.hasPrefix("From ") , let nl = text.firstIndex(of: "\n") { text = String(text[text.index(after: nl)...]) }
        let split = text.range(of: "\n\n")
        let head = split.map { String(text[..<$0.lowerBound]) } ?? text
        let body = split.map { String(text[$0.upperBound...]) } ?? ""
        var headers: [HeaderField] = []
        for line in head.split(separator: "\n") {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += String(line)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(HeaderField(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return MailMessage(headers: headers, parts: [TextPart(text: body)], origin: origin)
    }

    /// The one diff of `expected/mm-mmap-patch22.diff`, placed at `depth` where its
    /// `diff --git` line is in the body of `message`.
    static func seedDiff(in message: MailMessage, depth: Int) throws -> (QuoteAnalysis, ExtractedDiff) {
        let analysis = QuoteAnalyzer.analyse(message.body)
        let files = files(try Paths.text(Paths.sample("expected/mm-mmap-patch22.diff")))
        guard let start = analysis.lines.firstIndex(where: { $0.depth == depth && $0.content.hasPrefix("diff --git ") }) else {
            throw InputError("fixture", "no diff at depth \(depth)")
        }
        let count = files.reduce(0) { $0 + $1.headerLines.count + $1.hunks.reduce(0) { $0 + 1 + $1.lines.count } }
        let diff = ExtractedDiff(depth: depth, files: files, complete: true, repairs: [], partIndex: 0, lineRange: start..<(start + count))
        return (analysis, diff)
    }

    static func seedMessage(_ name: String) throws -> MailMessage {
        message(try Paths.text(Paths.sample("seed-thread/\(name).eml")))
    }

    /// Runs a program, returning its standard output.
    @discardableResult
    static func run(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> String {
        try Command.run(args, in: dir, environment: environment, mergingStandardError: false).out
    }

    static func tempDir() throws -> URL { try Command.scratchDirectory("listarc-patches") }
}
