import Testing
@testable import ListArcCore

/// Every quote prefix style of FORMATS.md: depth and where the markers end.
@Suite struct QuotePrefixTests {
    /// (depth, prefixLength) of each line.
    func shape(_ text: String) -> [[Int]] {
        QuoteAnalyzer.analyse(text).lines.map { [$0.depth, $0.prefixLength] }
    }

    @Test func markerWithSpace() {
        let a = QuoteAnalyzer.analyse("> Hello there\n> \n> Bye\n")
        #expect(a.lines.map(\.depth) == [1, 1, 1])
        #expect(a.lines.map(\.prefixLength) == [1, 1, 1])
        #expect(a.lines.map { String($0.content) } == ["Hello there", "", "Bye"])
    }

    @Test func markerWithoutSpace() {
        #expect(shape(">Hello\n>\n>>Nested\n") == [[1, 1], [1, 1], [2, 2]])
        #expect(QuoteAnalyzer.analyse(">Hello").lines[0].content == "Hello")
    }

    @Test func spacedNestedMarkers() {
        // mutt's "> > " style
        #expect(shape("> > > deep\n> > mid\n> top\n") == [[3, 5], [2, 3], [1, 1]])
        #expect(QuoteAnalyzer.analyse("> > > deep").lines[0].content == "deep")
    }

    @Test func packedAndMixedMarkers() {
        #expect(shape(">> two\n>>> three\n> >> three mixed\n>> > three mixed\n") == [[2, 2], [3, 3], [3, 4], [3, 4]])
    }

    @Test func leadingBlankBeforeMarker() {
        #expect(shape(" > quoted by a client that indents\n >\n > > twice\n") == [[1, 2], [1, 2], [2, 4]])
        #expect(QuoteAnalyzer.analyse(" > x").lines[0].content == "x")
        #expect(QuoteAnalyzer.analyse("  > x").lines[0].depth == 1)
        // Three blanks are indentation, not a quote.
        #expect(QuoteAnalyzer.analyse("   > x").lines[0].depth == 0)
    }

    @Test func separatorSpaceIsNotPartOfThePrefix() {
        // A quoted diff context line " x" becomes ">  x": the prefix is ">" only.
        let a = QuoteAnalyzer.analyse(">  \tint x;\n>>  \n")
        #expect(a.lines[0].prefixLength == 1)
        #expect(a.lines[0].afterMarkers == "  \tint x;")
        #expect(a.lines[0].content == " \tint x;")
        #expect(a.lines[1].depth == 2)
        #expect(a.lines[1].afterMarkers == "  ")
        // Two blanks between markers end the markers: ">  >foo" is a quoted context line ">foo".
        #expect(shape(">  >foo\n") == [[1, 1]])
    }

    @Test func contextLineOfAnUnquotedDiffIsNotAQuote() {
        let diff = """
        diff --git a/README.md b/README.md
        --- a/README.md
        +++ b/README.md
        @@ -1,3 +1,3 @@
         > a quoted line in a markdown file
        -old
        +new
         > another

        > but this reply quote after the diff is one
        """
        let a = QuoteAnalyzer.analyse(diff)
        #expect(a.lines.map(\.depth) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test func pipeQuotingAfterAnAttribution() {
        let text = """
        Hi,

        Kees Cook wrote:
        | The allocation here can overflow when count comes from userspace.
        |
        | | Nested quoting the same way.
        | Please fix.

        Fixed in v2.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [0, 0, 0, 1, 1, 2, 1, 0, 0])
        #expect(a.lines[3].content == "The allocation here can overflow when count comes from userspace.")
        #expect(a.lines[5].prefixLength == 3)
        #expect(a.embedded.count == 3)
        #expect(a.embedded[1].author == "Kees Cook")
    }

    @Test func pipeAfterQuoteMarkers() {
        let text = """
        > On Tue, 3 May 2022 at 09:12, Jan Kara <jack@suse.cz> wrote:
        > | This was in a quote of a quote.
        > Back at depth one.
        Mine.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [1, 2, 1, 0])
        #expect(a.lines[1].prefixLength == 3)
    }

    @Test func pipesThatAreNotQuotes() {
        let text = """
        Run this:

          dmesg \\
        | grep -i maple
        | sort

        The table:
        | name | size |
        | ---- | ---- |
        | mm   | 12   |
        """
        #expect(QuoteAnalyzer.analyse(text).lines.allSatisfy { $0.depth == 0 })
        // A table right after an attribution-like line stays a table.
        let table = "Results wrote:\n| a | b |\n| 1 | 2 |\n"
        #expect(QuoteAnalyzer.analyse(table).lines.allSatisfy { $0.depth == 0 })
    }

    @Test func noMarkersNoDepth() {
        let a = QuoteAnalyzer.analyse("plain\n\n a -> b\nx > y\n")
        #expect(a.lines.allSatisfy { $0.depth == 0 && $0.prefixLength == 0 })
        #expect(a.lines.count == 4)
        #expect(a.embedded.count == 1)
    }

    @Test func emptyAndNewlineOnlyTexts() {
        #expect(QuoteAnalyzer.analyse("").lines.isEmpty)
        let one = QuoteAnalyzer.analyse("\n")
        #expect(one.lines.map(\.raw) == [""])
        #expect(QuoteAnalyzer.analyse("a\n\nb").lines.map(\.raw) == ["a", "", "b"])
    }

    @Test func carriageReturnsAreKeptInLines() {
        let a = QuoteAnalyzer.analyse("> quoted\r\n>> deeper\r\n")
        #expect(a.lines.map(\.depth) == [1, 2])
        #expect(a.lines[0].raw == "> quoted\r")
    }

    @Test func nonASCIIText() {
        let a = QuoteAnalyzer.analyse("> Привет, мир\n>> 日本語のテキスト\n")
        #expect(a.lines.map(\.depth) == [1, 2])
        #expect(a.lines[1].content == "日本語のテキスト")
    }
}
