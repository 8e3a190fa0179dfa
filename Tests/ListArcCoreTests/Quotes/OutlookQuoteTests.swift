import Testing
@testable import ListArcCore

/// Quoting without markers: Outlook headers and forward separators.
@Suite struct OutlookQuoteTests {
    @Test func originalMessageBlock() throws {
        let text = """
        Hi Liam,

        Looks good to me.

        -----Original Message-----
        From: Liam Howlett [mailto:liam.howlett@oracle.com]
        Sent: Monday, July 25, 2022 10:00 AM
        To: linux-mm@kvack.org
        Cc: Andrew Morton <akpm@linux-foundation.org>
        Subject: [PATCH] mm/mmap: fix brk

         mm/mmap.c | 2 +-
        diff --git a/mm/mmap.c b/mm/mmap.c
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        #expect(a.lines.allSatisfy { $0.prefixLength == 0 })
        // No markers: nothing is taken off a line that starts with a blank.
        #expect(a.lines[11].content == " mm/mmap.c | 2 +-")
        let at = try #require(a.attributions.first)
        #expect(a.attributions.count == 1)
        #expect(at.style == .outlook)
        #expect(at.lineIndex == 4)
        #expect(at.lineCount == 6)
        #expect(at.name == "Liam Howlett")
        #expect(at.address == "liam.howlett@oracle.com")
        #expect(at.date == "Monday, July 25, 2022 10:00 AM")
        #expect(a.embedded.map(\.depth) == [0, 1])
        #expect(a.embedded[1].author == "Liam Howlett")
        #expect(a.embedded[1].lineIndices == [10, 11, 12])
    }

    @Test func headerBlockWithoutSeparator() throws {
        let text = """
        Agreed.

        From: Jane Doe <jane@example.com>
        Sent: Tuesday, 26 July 2022 09:15
        To: John Smith <john@example.com>
        Subject: RE: build failure

        The build fails on arm64.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [0, 0, 0, 0, 0, 0, 1, 1])
        let at = try #require(a.attributions.first)
        #expect(at.name == "Jane Doe")
        #expect(at.address == "jane@example.com")
        #expect(at.date == "Tuesday, 26 July 2022 09:15")
    }

    @Test func underscoreRuleThenHeaders() throws {
        let text = """
        Thanks!

        ________________________________
        From: Jane Doe <jane@example.com>
        Date: Tuesday, 26 July 2022 at 09:15
        To: John Smith <john@example.com>
        Subject: build failure

        The build fails on arm64.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.last?.depth == 1)
        #expect(a.attributions.first?.lineIndex == 2)
        #expect(a.attributions.first?.date == "Tuesday, 26 July 2022 at 09:15")
    }

    @Test func nestedOutlookReplies() throws {
        let text = """
        Third.
        -----Original Message-----
        From: B
        Sent: Tue
        Second.
        -----Original Message-----
        From: A
        Sent: Mon
        First.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [0, 0, 0, 0, 1, 1, 1, 1, 2])
        #expect(a.embedded.map(\.depth) == [0, 1, 2])
        #expect(a.embedded.map(\.author) == [nil, "B", "A"])
        #expect(a.embedded[2].parent == 1)
    }

    @Test func localisedHeaders() throws {
        let german = "Ok.\n\n-----Ursprüngliche Nachricht-----\nVon: Max Mustermann <max@example.de>\nGesendet: Montag, 25. Juli 2022 10:00\nAn: dev@example.de\nBetreff: Frage\n\nText\n"
        let g = QuoteAnalyzer.analyse(german)
        #expect(g.lines.last?.depth == 1)
        #expect(g.attributions.first?.name == "Max Mustermann")
        #expect(g.attributions.first?.date == "Montag, 25. Juli 2022 10:00")
        let french = "Ok.\nDe : Jean Dupont <jean@example.fr>\nEnvoyé : lundi 25 juillet 2022 10:00\nÀ : dev@example.fr\nObjet : Question\n\nTexte\n"
        let f = QuoteAnalyzer.analyse(french)
        #expect(f.lines.last?.depth == 1)
        #expect(f.attributions.first?.address == "jean@example.fr")
    }

    @Test func gmailBoldHeaders() throws {
        let text = "Ok.\n\n*From:* Jane Doe <jane@example.com>\n*Sent:* Tuesday, July 26, 2022 9:15 AM\n*To:* x@example.com\n*Subject:* y\n\nText\n"
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.last?.depth == 1)
        #expect(a.attributions.first?.name == "Jane Doe")
    }

    @Test func forwardedMessages() throws {
        let gmail = """
        FYI

        ---------- Forwarded message ---------
        From: Liam Howlett <liam@example.org>
        Date: Mon, Jul 25, 2022 at 10:00 AM
        Subject: patch
        To: <dmitry@example.org>


        The patch text.
        """
        let g = QuoteAnalyzer.analyse(gmail)
        #expect(g.attributions.first?.style == .forwarded)
        #expect(g.attributions.first?.name == "Liam Howlett")
        #expect(g.lines.last?.depth == 1)
        let apple = "See below.\n\nBegin forwarded message:\n\nFrom: Liam Howlett <liam@example.org>\nSubject: patch\nDate: 25 July 2022 at 10:00:00 BST\n\nThe patch text.\n"
        let ap = QuoteAnalyzer.analyse(apple)
        #expect(ap.attributions.first?.style == .forwarded)
        #expect(ap.attributions.first?.lineCount == 5)
        #expect(ap.lines.last?.depth == 1)
    }

    @Test func outlookBlockInsideAQuoteEndsWithTheQuote() throws {
        let text = """
        > Top-posted answer.
        > -----Original Message-----
        > From: A <a@example.com>
        > Sent: Monday
        > The question.
        My own reply.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.lines.map(\.depth) == [1, 1, 1, 1, 2, 0])
        #expect(a.lines[4].prefixLength == 1)
        #expect(a.embedded.map(\.depth) == [0, 1, 2])
    }

    @Test func patchMailInBodyHeadersAreNotOutlook() {
        let text = """
        From: Liam R. Howlett <Liam.Howlett@oracle.com>
        Date: Wed, 20 Jul 2022 02:17:51 +0000
        Subject: [PATCH] mm: fix

        Body.
        """
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.attributions.isEmpty)
        #expect(a.lines.allSatisfy { $0.depth == 0 })
    }
}
