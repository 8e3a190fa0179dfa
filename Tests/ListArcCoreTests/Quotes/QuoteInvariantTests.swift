import Testing
@testable import ListArcCore

/// Random texts built from the pieces the analyser reacts to: whatever comes out
/// must be consistent (every line in exactly one embedded message at its depth,
/// prefixes inside their lines, attributions introducing deeper text).
@Suite struct QuoteInvariantTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let pieces = [
        ">", "> ", " >", "|", "| ", "\n", "\n", "\n", "\r\n", " ", "\t", ":", "-----Original Message-----", "From: A <a@b.c>",
        "Sent: Monday", "Date: x", "Subject: s", "________________", "On Mon, Jul 25, 2022 at 10:00 AM X <x@y.z> wrote:", "X wrote:",
        "* Y <y@z> [220725 10:00]:", "25.07.2022 21:49, Z пишет:", "Am 1.1.22 um 10:00 schrieb W:", "Le 1/1/22, V a écrit :",
        "---------- Forwarded message ---------", "Begin forwarded message:", "@@ -1,2 +1,2 @@", " context", "+add", "-del",
        "text", "é", "写道：", "<", "@", "]", "[", "\u{1B}[31m", "\u{85}", "On ", "<\n",
    ]

    @Test(arguments: 0..<8)
    func randomTextsStayConsistent(seed: Int) {
        var g = Generator(state: UInt64(seed) &* 0x9E3779B97F4A7C15 &+ 1)
        for _ in 0..<250 {
            var text = ""
            for _ in 0..<g.next(120) { text += Self.pieces[g.next(Self.pieces.count)] }
            check(text)
        }
    }

    func check(_ text: String) {
        let a = QuoteAnalyzer.analyse(text)
        var expected = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count
        if text.utf8.last == 0x0A || text.isEmpty { expected -= 1 }
        #expect(a.lines.count == expected)
        var owner = [Int](repeating: -1, count: a.lines.count)
        for (m, e) in a.embedded.enumerated() {
            for i in e.lineIndices {
                #expect(a.lines[i].depth == e.depth)
                #expect(owner[i] == -1)
                owner[i] = m
            }
            if let p = e.parent { #expect(p < a.embedded.count && a.embedded[p].depth < e.depth) }
        }
        #expect(!owner.contains(-1))
        #expect(a.embedded.first?.depth == 0)
        #expect(zip(a.embedded, a.embedded.dropFirst()).allSatisfy { $0.depth <= $1.depth })
        for l in a.lines {
            #expect(l.prefixLength >= 0 && l.prefixLength <= l.raw.utf8.count)
            #expect(l.depth >= 0)
            _ = l.content
        }
        for at in a.attributions {
            #expect(at.lineRange.upperBound <= a.lines.count)
            for i in at.lineRange { #expect(a.lines[i].depth == at.depth) }
            #expect(a.embedded.contains { $0.attribution == at && $0.depth == at.depth + 1 })
        }
    }
}
