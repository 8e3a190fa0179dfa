import Testing
@testable import ListArcCore

/// Hostile sizes finish with the right answer (speed is measured in benchmarks, not here).
@Suite struct QuoteLimitsTests {
    /// `* [` is both mutt's "* " and the " [" of its date: no name, no crash (FuzzDiffs).
    @Test func muttAttributionWithoutAName() {
        for text in ["* [x]:\n> quoted\n", "* [220725 10:00]:\n> q\n", "> * [1]:\n>> q\n"] {
            let a = QuoteAnalyzer.analyse(text)
            #expect(a.attributions.allSatisfy { $0.style != .mutt }, "\(text)")
        }
        let real = QuoteAnalyzer.analyse("* Liam Howlett <liam@example.org> [220725 10:00]:\n> q\n")
        #expect(real.attributions.first?.style == .mutt)
    }

    @Test func tenThousandMarkersOnOneLine() {
        let line = String(repeating: "> ", count: 10_000) + "deep"
        let a = QuoteAnalyzer.analyse("top\n" + line + "\nbottom\n")
        #expect(a.lines.map(\.depth) == [0, 10_000, 0])
        #expect(a.lines[1].prefixLength == 19_999)
        #expect(a.lines[1].content == "deep")
        #expect(a.embedded.map(\.depth) == [0, 10_000])
    }

    @Test func tenThousandNestedAttributedMessages() {
        // Each level is an Outlook reply quoting the previous one: depth grows by
        // one per block without any marker.
        var text = ""
        for i in 0..<10_000 {
            text += "reply \(i)\n-----Original Message-----\nFrom: Person \(i) <p\(i)@example.org>\nSent: day \(i)\n\n"
        }
        text += "the first message\n"
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.maxDepth == 10_000)
        #expect(a.lines.last?.depth == 10_000)
        #expect(a.attributions.count == 10_000)
        #expect(a.embedded.count == 10_001)
        #expect(a.embedded.last?.author == "Person 9999")
        #expect(a.embedded.last?.parent == 9_999)
        #expect(a.embedded[5_000].depth == 5_000)
        #expect(a.embedded[5_000].author == "Person 4999")
    }

    @Test func deepAndShallowLinesAlternating() {
        let deep = String(repeating: ">", count: 10_000) + " x\n"
        let text = String(repeating: deep + "A wrote:\n" + deep, count: 50)
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.count == 150)
        #expect(a.lines.filter { $0.depth == 10_000 }.count == 100)
        #expect(a.maxDepth == 10_000)
        // "A wrote:" is followed by a deeper line each time: 50 attributions.
        #expect(a.attributions.count == 50)
    }

    @Test func fiftyMegabyteLines() {
        let size = 50_000_000
        let plain = String(repeating: "x", count: size)
        let a = QuoteAnalyzer.analyse(plain)
        #expect(a.lines.count == 1)
        #expect(a.lines[0].depth == 0)
        #expect(a.lines[0].raw.utf8.count == size)

        let quoted = QuoteAnalyzer.analyse("Someone wrote:\n> " + plain + " wrote:\n>> y\n")
        #expect(quoted.lines.map(\.depth) == [0, 1, 2])
        #expect(quoted.attributions.count == 1)

        let markers = QuoteAnalyzer.analyse(String(repeating: ">", count: size) + "\nend")
        #expect(markers.lines.map(\.depth) == [size, 0])
        #expect(markers.embedded.map(\.depth) == [0, size])
    }
}
