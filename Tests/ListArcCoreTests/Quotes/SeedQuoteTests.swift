import Foundation
import Testing
import TestSupport
@testable import ListArcCore

/// The seed message M5 quotes four earlier messages at depths 1–4.
@Suite struct SeedQuoteTests {
    /// M5's body: everything after the blank line that ends the headers.
    static func seedBody() throws -> String {
        let text = try Paths.text(Paths.sample("seed-thread/M5.eml"))
        let end = try #require(text.range(of: "\n\n"))
        return String(text[end.upperBound...])
    }

    @Test func yieldsFiveLevels() throws {
        let a = QuoteAnalyzer.analyse(try Self.seedBody())
        #expect(a.maxDepth == 4)
        #expect(a.embedded.map(\.depth) == [0, 1, 2, 3, 4])
        let e = a.embedded
        #expect(e[0].author == nil)
        #expect(e[1].author == "Liam Howlett")
        #expect(e[1].date == "25.07.2022 21:49")
        #expect(e[1].attribution?.style == .russian)
        #expect(e[2].author == "Liam R. Howlett")
        #expect(e[2].address == "Liam.Howlett@Oracle.com")
        #expect(e[2].date == "220725 10:00")
        #expect(e[2].attribution?.style == .mutt)
        #expect(e[3].author == "Dmitry Osipenko")
        #expect(e[3].address == "digetx@gmail.com")
        #expect(e[3].date == "220723 11:01")
        #expect(e[4].author == "Liam Howlett")
        #expect(e[4].date == "20.07.2022 05:17")
        #expect(e[4].attribution?.style == .russian)
        // Each level hangs under the one before.
        #expect(e.map(\.parent) == [nil, 0, 1, 2, 3])
    }

    @Test func sameLevelsThroughTheMailParser() throws {
        let mail = try MailParser.parse(Paths.bytes(Paths.sample("seed-thread/M5.eml")))
        let a = QuoteAnalyzer.analyse(mail.body)
        #expect(a.embedded.map(\.depth) == [0, 1, 2, 3, 4])
        #expect(a.embedded.map(\.author) == [nil, "Liam Howlett", "Liam R. Howlett", "Dmitry Osipenko", "Liam Howlett"])
        #expect(a.lines.count == QuoteAnalyzer.analyse(try Self.seedBody()).lines.count)
    }

    @Test func attributionsSitOneLevelAboveWhatTheyIntroduce() throws {
        let a = QuoteAnalyzer.analyse(try Self.seedBody())
        #expect(a.attributions.map(\.depth) == [0, 1, 2, 3])
        for at in a.attributions {
            #expect(a.lines[at.lineIndex].depth == at.depth)
            #expect(a.lines[at.lineIndex + 1].depth == at.depth + 1)
        }
        // The in-body "From:" line of the patch is quoted text, not an Outlook block.
        #expect(!a.attributions.contains { $0.style == .outlook })
    }

    @Test func linesBelongToTheirLevel() throws {
        let a = QuoteAnalyzer.analyse(try Self.seedBody())
        var seen = Set<Int>()
        for m in a.embedded {
            for i in m.lineIndices {
                #expect(a.lines[i].depth == m.depth)
                #expect(seen.insert(i).inserted)
            }
        }
        #expect(seen.count == a.lines.count)
        // The diff context blank line quoted at depth 4 keeps its space after the markers.
        let blank = try #require(a.lines.first { $0.raw == ">>>>  " })
        #expect(blank.depth == 4)
        #expect(blank.prefixLength == 4)
        #expect(blank.afterMarkers == "  ")
        #expect(blank.content == " ")
        // Dmitry's own text closes the message.
        #expect(a.lines.last?.depth == 0)
        #expect(a.embedded[0].lineIndices.count > 3)
    }
}

@Suite struct OwnTextTests {
    @Test func depthZeroTakesTheSender() throws {
        let a = QuoteAnalyzer.analyse(try SeedQuoteTests.seedBody())
            .attributingOwnText(from: "Dmitry Osipenko <digetx@gmail.com>", date: "Mon, 25 Jul 2022 22:13:53 +0300")
        #expect(a.embedded[0].author == "Dmitry Osipenko")
        #expect(a.embedded[0].address == "digetx@gmail.com")
        #expect(a.embedded[0].date == "Mon, 25 Jul 2022 22:13:53 +0300")
        #expect(a.embedded[1].author == "Liam Howlett")
        let bare = QuoteAnalyzer.analyse("text\n").attributingOwnText(from: "someone@example.org", date: nil)
        #expect(bare.embedded[0].author == "someone@example.org")
        #expect(bare.embedded[0].address == "someone@example.org")
    }
}
