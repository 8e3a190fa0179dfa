import Testing
import TestSupport
@testable import ListArcCore

/// A diff quoted by Thunderbird in a format=flowed reply (`> ` + space-stuffed
/// line, long lines soft-wrapped), un-flowed by the mail layer, comes back
/// byte-identical and applies.
@Suite struct FlowedQuotingTests {
    /// Thunderbird's flowed form of a (non-flowed) text it quotes: each line is
    /// `>`… + " " + the line after its markers, space-stuffed when that begins with a
    /// space; lines longer than 78 are wrapped after a space (the space stays, which
    /// is what makes the break soft).
    static func flowed(_ lines: [String]) -> [String] {
        var out: [String] = []
        for line in lines {
            let u = Array(line.utf8)
            var depth = 0
            while depth < u.count, u[depth] == UInt8(ascii: ">") { depth += 1 }
            var rest = String(decoding: u[depth...], as: UTF8.self)
            if depth > 0, rest.hasPrefix(" ") { rest.removeFirst() }
            func stuff(_ s: String) -> String { s.hasPrefix(" ") || s.hasPrefix("From ") || (depth == 0 && s.hasPrefix(">")) ? " " + s : s }
            let prefix = depth > 0 ? String(repeating: ">", count: depth) + " " : ""
            var text = stuff(rest)
            // Soft-wrap after a space, leaving text on both sides.
            while prefix.utf8.count + text.utf8.count > 78 {
                let chars = Array(text)
                let limit = 78 - prefix.count
                guard let cut = (1..<min(limit, chars.count - 1)).reversed().first(where: {
                    chars[$0] == " " && chars[..<$0].contains { $0 != " " } && chars[($0 + 1)...].contains { $0 != " " }
                        && chars[$0 + 1] != " "
                }) else { break }
                out.append(prefix + String(chars[...cut]))
                text = stuff(String(chars[(cut + 1)...]))
            }
            out.append(prefix + text)
        }
        return out
    }

    @Test func flowedThunderbirdQuoteComesBackIdentical() throws {
        var wrapped = 0, stuffingRemoved = 0
        for seed in UInt64(0)..<150 {
            var rng = SeededRandom(seed: seed &+ 55_555)
            // Flowed text cannot carry trailing spaces: Thunderbird trims them.
            let c = QuotedDiffPropertyTests.randomCase(&rng, allowTrailing: false)
            var lines = QuotedDiffPropertyTests.patchMail(c)
            let levels = Int.random(in: 1...3, using: &rng)
            for level in 1...levels { lines = QuotingClient.thunderbird.reply(quoting: lines, level: level) }
            let flowedLines = Self.flowed(lines)
            if flowedLines.count > lines.count { wrapped += 1 }
            let sent = flowedLines.joined(separator: "\n") + "\n"
            let text = String(decoding: FlowedText.unflow(Array(sent.utf8), delSp: false), as: UTF8.self)
            let found = DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0, wasFlowed: true)
            let context = Comment(rawValue: "seed \(seed), levels \(levels)")
            let d = try #require(found.first { $0.depth == levels }, context)
            #expect(d.complete, context)
            if d.repairs.contains(.spaceStuffingRemoved) { stuffingRemoved += 1 }
            #expect(DiffRenderer.render(d) == c.diff, context)
            for (file, expected) in zip(d.files, c.files) {
                #expect(LineDiff.apply(file.hunks, to: expected.old) == expected.new, context)
            }
        }
        // The property must have met soft-wrapped lines and stuffed context lines.
        #expect(wrapped > 20)
        #expect(stuffingRemoved > 50)
    }
}
