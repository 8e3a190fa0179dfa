import Testing
import TestSupport
@testable import ListArcCore

/// Any diff, quoted 1–6 times by any mix of clients, with trailing whitespace
/// stripped or CRLF line ends, comes back byte-identical and applies.
@Suite struct QuotedDiffPropertyTests {
    /// File lines, including ones that look like diff syntax, quote markers or trim markers.
    static let vocabulary = [
        "", "{", "}", "\treturn 0;", "\tint x = 1;", "\t\tfoo(bar);", "static int f(void)", "/* comment */",
        " * doc line", "    four spaces", "  two", "-- ", "--", "- item", "+ plus", "> quoted", ">> deep",
        "@@ -1 +1 @@", "diff --git a/x b/x", "--- a/x", "+++ b/x", "Index: foo", "[...]", "...", "<snip>", "x",
        "From here", "#include <linux/mm.h>", "\tif (a && b)", "\t\treturn -EINVAL;", "} else {",
        "a line that is long enough to be wrapped by some mail clients if they wanted to wrap it",
    ]
    /// Lines that only survive when nothing strips trailing whitespace.
    static let trailing = ["trailing space ", "\t", "  ", "tab\t"]

    struct Case {
        var files: [(path: String, old: [String], new: [String])]
        var diff: String
    }

    static func randomFile(_ rng: inout SeededRandom, allowTrailing: Bool) -> [String] {
        let words = allowTrailing ? vocabulary + trailing : vocabulary.filter { $0.last != " " && $0.last != "\t" }
        return (0..<Int.random(in: 1...30, using: &rng)).map { _ in
            Int.random(in: 0..<4, using: &rng) == 0 ? "line \(Int.random(in: 0..<1000, using: &rng))" : words.randomElement(using: &rng)!
        }
    }

    static func randomEdit(_ file: [String], _ rng: inout SeededRandom, allowTrailing: Bool) -> [String] {
        var out = file
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = Int.random(in: 0...out.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where at < out.count:
                out.removeSubrange(at..<min(out.count, at + Int.random(in: 1...3, using: &rng)))
            case 1:
                out.insert(contentsOf: randomFile(&rng, allowTrailing: allowTrailing).prefix(3), at: at)
            default:
                if at < out.count { out[at] = "changed \(Int.random(in: 0..<1000, using: &rng))" }
            }
        }
        return out.isEmpty ? ["only line"] : out
    }

    static func randomCase(_ rng: inout SeededRandom, allowTrailing: Bool) -> Case {
        var files: [(String, [String], [String])] = []
        var diff: [String] = []
        for n in 0..<Int.random(in: 1...3, using: &rng) {
            let old = randomFile(&rng, allowTrailing: allowTrailing)
            var new = randomEdit(old, &rng, allowTrailing: allowTrailing)
            if new == old { new.append("appended") }
            let path = "dir\(n)/file\(n).c"
            files.append((path, old, new))
            diff += ["diff --git a/\(path) b/\(path)", "index 1234567..89abcde 100644", "--- a/\(path)", "+++ b/\(path)"]
            diff += LineDiff.hunks(old, new)
        }
        return Case(files: files, diff: diff.joined(separator: "\n") + "\n")
    }

    static func patchMail(_ c: Case) -> [String] {
        // Count from the edit scripts: diff text alone cannot tell "--- " headers from removed "-- " lines.
        let scripts = c.files.map { LineDiff.script($0.old, $0.new) }
        let plus = scripts.joined().filter { if case .add = $0 { return true } else { return false } }.count
        let minus = scripts.joined().filter { if case .remove = $0 { return true } else { return false } }.count
        let stat = " \(c.files.count) file\(c.files.count == 1 ? "" : "s") changed, \(plus) insertion\(plus == 1 ? "" : "s")(+), "
            + "\(minus) deletion\(minus == 1 ? "" : "s")(-)"
        return ["From: Author <a@example.org>", "", "Change things.", "", "Signed-off-by: Author <a@example.org>", "---",
         stat, ""] + c.diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            + ["-- ", "2.40.0", ""]
    }

    enum Damage: CaseIterable { case none, trailingWhitespaceStripped, crlf }

    @Test(arguments: Damage.allCases)
    func quotedDiffComesBackIdenticalAndApplies(damage: Damage) throws {
        for seed in UInt64(0)..<150 {
            var rng = SeededRandom(seed: seed &* 7919 &+ UInt64(Damage.allCases.firstIndex(of: damage)!))
            let c = Self.randomCase(&rng, allowTrailing: damage != .trailingWhitespaceStripped)
            let levels = Int.random(in: 1...6, using: &rng)
            var lines = Self.patchMail(c)
            var clients: [QuotingClient] = []
            for level in 1...levels {
                let client = QuotingClient.allCases.randomElement(using: &rng)!
                clients.append(client)
                lines = client.reply(quoting: lines, level: level)
                if damage == .trailingWhitespaceStripped {
                    lines = lines.map { l in var l = l; while l.last == " " || l.last == "\t" { l.removeLast() }; return l }
                }
            }
            let text = lines.joined(separator: damage == .crlf ? "\r\n" : "\n") + (damage == .crlf ? "\r\n" : "\n")
            let found = DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0)
            let context = Comment(rawValue: "seed \(seed), \(damage), clients \(clients)")
            let atDepth = found.filter { $0.depth == levels }
            #expect(atDepth.count == 1, context)
            #expect(found.count == 1, context)
            guard let d = atDepth.first else { continue }
            #expect(d.complete, context)
            #expect(DiffRenderer.render(d) == c.diff, context)
            #expect(d.files.count == c.files.count, context)
            for (file, expected) in zip(d.files, c.files) {
                #expect(LineDiff.apply(file.hunks, to: expected.old) == expected.new, context)
            }
        }
    }

    @Test func lineDiffRoundTrips() {
        var rng = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let old = Self.randomFile(&rng, allowTrailing: true)
            let new = Self.randomEdit(old, &rng, allowTrailing: true)
            let text = (["--- a/f", "+++ b/f"] + LineDiff.hunks(old, new)).joined(separator: "\n") + "\n"
            guard old != new else { continue }
            let d = DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0)
            #expect(d.count == 1)
            #expect(d.first.map { DiffRenderer.render($0) } == text)
            #expect(d.first.flatMap { LineDiff.apply($0.files[0].hunks, to: old) } == new)
        }
    }
}

/// A reply that cuts a quoted hunk (a line gone, or its own text in the middle)
/// never yields a diff that calls itself complete and differs from the original.
@Suite struct TrimmedDiffPropertyTests {
    @Test func cutHunksAreNeverPassedOffAsComplete() throws {
        var partial = 0
        for seed in UInt64(0)..<300 {
            var rng = SeededRandom(seed: seed &+ 1_000_003)
            let c = QuotedDiffPropertyTests.randomCase(&rng, allowTrailing: true)
            var lines = QuotedDiffPropertyTests.patchMail(c)
            // Hunk lines of the patch mail: after an @@ line, before the signature.
            var hunkLines: [Int] = []
            var inHunk = false
            for (i, l) in lines.enumerated() {
                if l.hasPrefix("@@ ") { inHunk = true; continue }
                if l.hasPrefix("diff --git ") || l == "-- " && lines[i + 1] == "2.40.0" { inHunk = false }
                if inHunk { hunkLines.append(i) }
            }
            let victim = hunkLines.randomElement(using: &rng)!
            let interleave = Bool.random(using: &rng)
            let first: QuotingClient = Bool.random(using: &rng) ? .mutt : .thunderbird
            if !interleave { lines.remove(at: victim) }
            lines = first.reply(quoting: lines, level: 1)
            if interleave {
                // The first replier answers in the middle of the hunk (after the attribution line).
                lines.insert(contentsOf: ["", "Why is this needed?", ""], at: victim + 1)
            }
            let levels = Int.random(in: 1...4, using: &rng)
            for level in 1..<levels {
                lines = QuotingClient.allCases.randomElement(using: &rng)!.reply(quoting: lines, level: level + 1)
            }
            let text = lines.joined(separator: "\n") + "\n"
            let found = DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0)
            let context = Comment(rawValue: "seed \(seed), interleave \(interleave), victim \(lines.count)")
            for d in found where d.complete {
                #expect(DiffRenderer.render(d) == c.diff, context)
            }
            if found.contains(where: { !$0.complete }) { partial += 1 }
            // A lone removed line is always noticed: the hunk's counts cannot be met.
            if !interleave { #expect(found.contains { !$0.complete } || found.isEmpty, context) }
        }
        #expect(partial > 200)
    }
}
