import Testing
@testable import ListArcCore

/// The tree of messages a reply carries.
@Suite struct EmbeddedMessageTests {
    @Test func twoQuotedMessagesAtOneDepthStaySeparate() throws {
        let text = """
        On Mon, Jul 25, 2022 at 10:00 AM Alice <alice@example.org> wrote:
        > Alice's point.

        On Tue, Jul 26, 2022 at 11:00 AM Bob <bob@example.org> wrote:
        > Bob's point.
        > > What Bob quoted.

        Answering both.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.embedded.map(\.depth) == [0, 1, 1, 2])
        #expect(a.embedded.map(\.author) == [nil, "Alice", "Bob", nil])
        #expect(a.embedded[1].lineIndices == [1])
        #expect(a.embedded[2].lineIndices == [4])
        #expect(a.embedded[3].lineIndices == [5])
        #expect(a.embedded[3].parent == 2)
        #expect(a.embedded[1].parent == 0 && a.embedded[2].parent == 0)
        #expect(a.embedded[0].lineIndices == [0, 2, 3, 6, 7])
    }

    @Test func interleavedReplyKeepsOneQuotedMessage() throws {
        let text = """
        * Alice <alice@example.org> [220725 10:00]:
        > First point.

        Answer one.

        > Second point.

        Answer two.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.embedded.map(\.depth) == [0, 1])
        #expect(a.embedded[1].lineIndices == [1, 5])
        #expect(a.embedded[1].author == "Alice")
    }

    @Test func newAttributionClosesDeeperMessages() throws {
        let text = """
        Alice wrote:
        > a1
        > Carol wrote:
        >> c1
        Bob wrote:
        > b1
        >> not Carol's: Bob's quote of someone
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.embedded.map(\.depth) == [0, 1, 1, 2, 2])
        let carol = try #require(a.embedded.first { $0.author == "Carol" })
        #expect(carol.lineIndices == [3])
        let other = try #require(a.embedded.last)
        #expect(other.author == nil)
        #expect(other.lineIndices == [6])
        #expect(a.embedded[other.parent ?? -1].author == "Bob")
    }

    @Test func mixedStylesInOneReply() throws {
        // A Thunderbird reply quoting a mutt reply quoting a Gmail reply quoting an
        // Outlook message, each client quoting its own way.
        let text = """
        On 7/26/22 09:00, Dmitry wrote:
        > * Liam <liam@example.org> [220725 10:00]:
        > > On Mon, Jul 25, 2022 at 8:00 AM Jane <jane@example.com> wrote:
        > >> From: Bob <bob@example.com>
        > >> Sent: Monday, July 25, 2022 7:00 AM
        > >> Subject: oops
        > >>
        > >> The crash.
        > >
        > > Jane's words.
        >
        > Liam's words.

        Dmitry's words.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [0, 1, 2, 3, 3, 3, 4, 4, 2, 2, 1, 1, 0, 0])
        #expect(a.attributions.map(\.style) == [.english, .mutt, .english, .outlook])
        #expect(a.attributions.map(\.depth) == [0, 1, 2, 3])
        #expect(a.embedded.map(\.author) == [nil, "Dmitry", "Liam", "Jane", "Bob"])
        #expect(a.embedded.map(\.parent) == [nil, 0, 1, 2, 3])
        #expect(a.embedded[4].lineIndices == [6, 7])
    }

    @Test func unattributedQuoteHasNoAuthor() {
        let a = QuoteAnalyzer.analyse("> quoted\nmine\n")
        #expect(a.embedded.count == 2)
        #expect(a.embedded[1].author == nil)
        #expect(a.embedded[1].attribution == nil)
        #expect(a.embedded[1].parent == 0)
    }
}
