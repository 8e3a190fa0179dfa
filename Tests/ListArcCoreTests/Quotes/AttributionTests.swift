import Testing
@testable import ListArcCore

/// Attribution lines as real clients write them, each followed by the text it
/// introduces.
@Suite struct AttributionTests {
    /// The one attribution in `text`, which must introduce depth 1.
    func only(_ text: String) throws -> Attribution {
        let a = QuoteAnalyzer.analyse(text)
        #expect(a.attributions.count == 1)
        let at = try #require(a.attributions.first)
        #expect(at.depth == 0)
        #expect(a.embedded.count == 2)
        #expect(a.embedded.last?.depth == 1)
        #expect(a.embedded.last?.attribution == at)
        return at
    }

    func check(_ text: String, name: String?, address: String?, date: String?, style: Attribution.Style,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let at = try only(text)
        #expect(at.name == name, sourceLocation: sourceLocation)
        #expect(at.address == address, sourceLocation: sourceLocation)
        #expect(at.date == date, sourceLocation: sourceLocation)
        #expect(at.style == style, sourceLocation: sourceLocation)
    }

    @Test func gmailEnglish() throws {
        try check("On Mon, Jul 25, 2022 at 10:00 AM Liam R. Howlett <Liam.Howlett@oracle.com> wrote:\n> Thanks\n",
                  name: "Liam R. Howlett", address: "Liam.Howlett@oracle.com", date: "Mon, Jul 25, 2022 at 10:00 AM", style: .english)
    }

    @Test func thunderbirdEnglish() throws {
        try check("On 7/25/22 21:49, Liam Howlett wrote:\n> Dmitry,\n", name: "Liam Howlett", address: nil, date: "7/25/22 21:49", style: .english)
        try check("On 25/07/2022 22:13, Dmitry Osipenko wrote:\n> text\n", name: "Dmitry Osipenko", address: nil,
                  date: "25/07/2022 22:13", style: .english)
    }

    @Test func muttEnglishDefault() throws {
        try check("On Mon, Jul 25, 2022 at 02:00:53PM +0000, Liam Howlett wrote:\n> text\n",
                  name: "Liam Howlett", address: nil, date: "Mon, Jul 25, 2022 at 02:00:53PM +0000", style: .english)
    }

    @Test func evolutionAndAppleMail() throws {
        try check("On Mon, 2022-07-25 at 10:00 -0400, Steven Rostedt wrote:\n> text\n", name: "Steven Rostedt", address: nil,
                  date: "Mon, 2022-07-25 at 10:00 -0400", style: .english)
        try check("On Jul 25, 2022, at 10:00, Jens Axboe <axboe@kernel.dk> wrote:\n> \n> text\n", name: "Jens Axboe",
                  address: "axboe@kernel.dk", date: "Jul 25, 2022, at 10:00", style: .english)
    }

    @Test func quotedNameWithComma() throws {
        try check("On 25/07/2022, 10:00, \"Howlett, Liam\" <liam.howlett@oracle.com> wrote:\n> text\n",
                  name: "Howlett, Liam", address: "liam.howlett@oracle.com", date: "25/07/2022, 10:00", style: .english)
    }

    @Test func nameAndAddressWrote() throws {
        try check("Greg KH <gregkh@linuxfoundation.org> wrote:\n> text\n", name: "Greg KH", address: "gregkh@linuxfoundation.org",
                  date: nil, style: .english)
        try check("Linus Torvalds wrote:\n\n> Blank line between attribution and quote.\n", name: "Linus Torvalds", address: nil,
                  date: nil, style: .english)
        try check("Andrew Morton <akpm@linux-foundation.org> writes:\n> gnus style\n", name: "Andrew Morton",
                  address: "akpm@linux-foundation.org", date: nil, style: .english)
    }

    @Test func gmailWrappedOverTwoLines() throws {
        let text = """
        On Mon, Jul 25, 2022 at 10:00 AM Liam R. Howlett <
        Liam.Howlett@oracle.com> wrote:
        > text
        """
        let at = try only(text)
        #expect(at.lineCount == 2)
        #expect(at.name == "Liam R. Howlett")
        #expect(at.address == "Liam.Howlett@oracle.com")
        #expect(at.date == "Mon, Jul 25, 2022 at 10:00 AM")
    }

    @Test func thunderbirdWrappedOverTwoLines() throws {
        let text = """
        On 7/25/22 21:49, Liam Howlett via maple-tree list
        <maple-tree@lists.infradead.org> wrote:
        > text
        """
        let at = try only(text)
        #expect(at.lineCount == 2)
        #expect(at.lineIndex == 0)
        #expect(at.name == "Liam Howlett via maple-tree list")
        #expect(at.address == "maple-tree@lists.infradead.org")
    }

    @Test func mutt() throws {
        try check("* Liam R. Howlett <Liam.Howlett@Oracle.com> [220725 10:00]:\n> text\n", name: "Liam R. Howlett",
                  address: "Liam.Howlett@Oracle.com", date: "220725 10:00", style: .mutt)
        try check("* Peter Zijlstra <peterz@infradead.org> [2022-07-25 16:01:02 +0200]:\n> text\n", name: "Peter Zijlstra",
                  address: "peterz@infradead.org", date: "2022-07-25 16:01:02 +0200", style: .mutt)
    }

    @Test func russianThunderbird() throws {
        try check("25.07.2022 21:49, Liam Howlett пишет:\n> text\n", name: "Liam Howlett", address: nil, date: "25.07.2022 21:49",
                  style: .russian)
        try check("25.07.2022 21:49, Дмитрий Осипенко <digetx@gmail.com> написал:\n> text\n", name: "Дмитрий Осипенко",
                  address: "digetx@gmail.com", date: "25.07.2022 21:49", style: .russian)
    }

    @Test func russianGmail() throws {
        try check("пн, 25 июл. 2022 г. в 21:49, Liam Howlett <liam@example.org>:\n> text\n", name: "Liam Howlett",
                  address: "liam@example.org", date: "пн, 25 июл. 2022 г. в 21:49", style: .russian)
    }

    @Test func german() throws {
        try check("Am 25.07.22 um 21:49 schrieb Liam Howlett:\n> text\n", name: "Liam Howlett", address: nil,
                  date: "25.07.22 um 21:49", style: .german)
        try check("Am Mo., 25. Juli 2022 um 10:00 Uhr schrieb Thomas Gleixner <tglx@linutronix.de>:\n> text\n", name: "Thomas Gleixner",
                  address: "tglx@linutronix.de", date: "Mo., 25. Juli 2022 um 10:00 Uhr", style: .german)
        try check("Thomas Gleixner <tglx@linutronix.de> schrieb am 25.07.2022 um 21:49:\n> text\n", name: "Thomas Gleixner",
                  address: "tglx@linutronix.de", date: "25.07.2022 um 21:49", style: .german)
    }

    @Test func french() throws {
        try check("Le 25/07/2022 à 21:49, Christophe Leroy a écrit :\n> text\n", name: "Christophe Leroy", address: nil,
                  date: "25/07/2022 à 21:49", style: .french)
        // Gmail puts a no-break space before the colon.
        try check("Le lun. 25 juil. 2022 à 10:00, Christophe Leroy <christophe.leroy@csgroup.eu> a écrit\u{00A0}:\n> text\n",
                  name: "Christophe Leroy", address: "christophe.leroy@csgroup.eu", date: "lun. 25 juil. 2022 à 10:00", style: .french)
    }

    @Test func spanishItalianDutchPortuguese() throws {
        try check("El lun, 25 jul 2022 a las 10:00, Ana García (<ana@example.es>) escribió:\n> text\n", name: "Ana García",
                  address: "ana@example.es", date: "lun, 25 jul 2022 a las 10:00", style: .spanish)
        try check("Il giorno lun 25 lug 2022 alle ore 10:00 Paolo Bonzini <pbonzini@redhat.com> ha scritto:\n> text\n",
                  name: "Paolo Bonzini", address: "pbonzini@redhat.com", date: "lun 25 lug 2022 alle ore 10:00", style: .italian)
        try check("Il 25/07/22 21:49, Paolo Bonzini ha scritto:\n> text\n", name: "Paolo Bonzini", address: nil, date: "25/07/22 21:49",
                  style: .italian)
        try check("Op 25-07-2022 om 21:49 schreef Hans de Goede:\n> text\n", name: "Hans de Goede", address: nil,
                  date: "25-07-2022 om 21:49", style: .dutch)
        try check("Em seg., 25 de jul. de 2022 às 10:00, João Silva <joao@example.pt> escreveu:\n> text\n", name: "João Silva",
                  address: "joao@example.pt", date: "seg., 25 de jul. de 2022 às 10:00", style: .portuguese)
    }

    @Test func japaneseChineseKorean() throws {
        try check("2022年7月25日(月) 10:00 Masahiro Yamada <masahiroy@kernel.org>:\n> text\n", name: "Masahiro Yamada",
                  address: "masahiroy@kernel.org", date: "2022年7月25日(月) 10:00", style: .japanese)
        try check("Liam Howlett <liam@example.org> 于2022年7月25日周一 10:00写道：\n> text\n", name: "Liam Howlett",
                  address: "liam@example.org", date: "2022年7月25日周一 10:00", style: .chinese)
        try check("在 2022/7/25 21:49, Liam Howlett 写道:\n> text\n", name: "Liam Howlett", address: nil, date: "2022/7/25 21:49",
                  style: .chinese)
        try check("2022년 7월 25일 (월) 오전 10:00, Liam Howlett <liam@example.org>님이 작성:\n> text\n", name: "Liam Howlett",
                  address: "liam@example.org", date: "2022년 7월 25일 (월) 오전 10:00", style: .korean)
    }

    @Test func attributedMessageWhoseOwnTextWasTrimmed() throws {
        // Only the quote of a quote is left: the attributed message has no lines of
        // its own, and the deeper text hangs under it.
        let a = QuoteAnalyzer.analyse("* Peter Zijlstra <peterz@infradead.org> [220725 16:01]:\n> > text\n\nreply\n")
        #expect(a.attributions.count == 1)
        #expect(a.embedded.map(\.depth) == [0, 1, 2])
        #expect(a.embedded[1].author == "Peter Zijlstra")
        #expect(a.embedded[1].lineIndices.isEmpty)
        #expect(a.embedded[2].parent == 1)
        #expect(a.embedded[2].lineIndices == [1])
    }

    @Test func attributionInsideAQuote() throws {
        let a = QuoteAnalyzer.analyse("> On Tue, May 3, 2022 at 9:12 AM Jan Kara <jack@suse.cz> wrote:\n>> text\n> reply\n")
        let at = try #require(a.attributions.first)
        #expect(at.depth == 1)
        #expect(at.name == "Jan Kara")
        #expect(a.embedded.map(\.depth) == [0, 1, 2])
        #expect(a.embedded[2].author == "Jan Kara")
        #expect(a.embedded[1].author == nil)
    }

    @Test func notAttributions() {
        let texts = [
            // No quoted text follows.
            "Linus Torvalds wrote:\nnothing quoted here\n",
            "On Monday we met. Then Bob wrote:\n",
            // A sentence ending in a colon.
            "The fix is simple:\n> quoted anyway\n",
            // A very long line ending in "wrote:".
            String(repeating: "word ", count: 200) + "wrote:\n> x\n",
        ]
        for t in texts {
            #expect(QuoteAnalyzer.analyse(t).attributions.isEmpty, "\(t.prefix(40))")
        }
    }
}
