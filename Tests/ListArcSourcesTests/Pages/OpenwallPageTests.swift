import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

@Suite struct OpenwallPageTests {
    func page(_ p: String, url: String? = nil) throws -> OpenwallPage {
        let page = try ArchivePage.read(html: try Seed.openwall(p), name: p, url: url)
        guard case .openwall(let o) = page else { Issue.record("\(p) not read as an openwall page"); throw InputError(p, "wrong kind") }
        return o
    }

    @Test(arguments: 1...5) func bodyIsTheMailBodyAsBlistsShowsIt(n: Int) throws {
        let p = Seed.openwallPages[n - 1]
        let messages = try PageReader.messages(html: try Seed.openwall(p), name: p, url: nil)
        #expect(messages.count == 1)
        let m = try #require(messages.first)
        let eml = try Seed.eml(n)
        // The page shows the mail body byte for byte, addresses hidden the blists way.
        #expect(m.body == AddressObfuscation.obfuscate(eml.body))
        #expect(m.parts.count == 1)
        #expect(m.origin == .openwallPage)
        #expect(m.addressesObfuscated)
        #expect(m.otherAttachments.isEmpty)
    }

    @Test(arguments: 1...5) func deobfuscatedWithTheRealAddressesGivesTheMail(n: Int) throws {
        let p = Seed.openwallPages[n - 1]
        let m = try #require(try PageReader.messages(html: try Seed.openwall(p), name: p, url: nil).first)
        let eml = try Seed.eml(n)
        let known = AddressObfuscation.knownAddresses(in: [eml.headers, eml.body])
        let restored = AddressObfuscation.restore(in: m.body, using: known)
        #expect(restored.remaining == 0)
        #expect(restored.restored > 0)
        #expect(Seed.foldingDomains(restored.text) == Seed.foldingDomains(eml.body))
    }

    @Test(arguments: 1...5) func headersComeFromThePre(n: Int) throws {
        let p = Seed.openwallPages[n - 1]
        let m = try #require(try page(p).message)
        let eml = try Seed.eml(n)
        #expect(m.messageID == Seed.ids[n - 1])
        #expect(m.subject == Seed.header("Subject", in: eml.headers))
        #expect(m.date == Seed.header("Date", in: eml.headers))
        for name in ["From", "To", "Cc"] {
            let expected = Seed.header(name, in: eml.headers).map(AddressObfuscation.obfuscate)
            #expect(m.header(name) == expected, "\(name) of M\(n)")
        }
        // blists never shows threading headers.
        #expect(m.inReplyTo == nil)
        #expect(m.headers.first?.name == "Message-ID")
    }

    @Test func seedPageLinksResolveAgainstThePageURL() throws {
        let o = try page("2022/07/25/6", url: Seed.openwallURL("2022/07/25/6"))
        let base = "https://lists.openwall.net/linux-kernel/"
        #expect(o.list == "linux-kernel")
        #expect(o.links.prev == base + "2022/07/25/5")
        #expect(o.links.next == base + "2022/07/25/7")
        #expect(o.links.threadPrev == base + "2022/07/25/5")
        #expect(o.links.threadNext == base + "2022/07/25/7")
        #expect(o.links.day == base + "2022/07/25/")
        #expect(o.links.month == base + "2022/07/")
        #expect(o.links.year == base + "2022/")
        #expect(o.links.list == base)
        #expect(o.message?.sourceURL == Seed.openwallURL("2022/07/25/6"))
    }

    @Test func withoutAURLLinksStayAsWritten() throws {
        let o = try page("2022/07/25/6")
        #expect(o.links.prev == "5")
        #expect(o.links.threadNext == "7")
        #expect(o.links.list == "../../..")
    }

    @Test func threadRootHasNoThreadPrevAndCrossDayLinks() throws {
        let o = try page("2022/07/20/3", url: Seed.openwallURL("2022/07/20/3"))
        #expect(o.links.threadPrev == nil)
        #expect(o.links.threadNext == "https://lists.openwall.net/linux-kernel/2022/07/23/2")
        #expect(o.links.next == "https://lists.openwall.net/linux-kernel/2022/07/23/1")
        let m2 = try page("2022/07/23/2", url: Seed.openwallURL("2022/07/23/2"))
        #expect(m2.links.threadPrev == "https://lists.openwall.net/linux-kernel/2022/07/20/3")
    }

    static let fillers: [(page: String, n: Int)] = [
        ("2022/07/20/1", 1), ("2022/07/20/2", 2), ("2022/07/23/1", 3), ("2022/07/25/1", 4),
        ("2022/07/25/2", 5), ("2022/07/25/4", 6), ("2022/07/25/7", 7),
    ]

    @Test(arguments: fillers) func fillerPages(filler: (page: String, n: Int)) throws {
        let m = try #require(try page(filler.page).message)
        #expect(m.messageID == "listarc-filler-\(filler.n)@example.invalid")
        #expect(m.from.hasPrefix("Synthetic Filler \(filler.n) <filler\(filler.n)@..."))
        // The body in the mbox blists was fed, hidden the blists way.
        let mbox = try Paths.text(Paths.sample("openwall/linux-kernel.mbox"))
        let mark = try #require(mbox.range(of: "Message-ID: <listarc-filler-\(filler.n)@example.invalid>"))
        let rest = mbox[mark.upperBound...]
        let bodyStart = try #require(rest.range(of: "\n\n")).upperBound
        var body = String(rest[bodyStart...])
        if let next = body.range(of: "\nFrom ") { body = String(body[..<next.lowerBound]) + "\n" }
        // mbox keeps one blank line between messages.
        if body.hasSuffix("\n\n") { body.removeLast() }
        #expect(m.body == AddressObfuscation.obfuscate(body))
    }

    @Test func fillerSevenLinksBackToTheSeed() throws {
        let o = try page("2022/07/25/7", url: Seed.openwallURL("2022/07/25/7"))
        #expect(o.links.threadPrev == Seed.openwallURL("2022/07/25/6"))
        #expect(o.links.threadNext == nil)
        #expect(o.links.next == nil)
    }

    @Test func dayIndexIsAnIndexWithItsMessages() throws {
        let p = "2022/07/25/index.html"
        let o = try page(p, url: Seed.openwallURL("2022/07/25/"))
        #expect(o.isIndex)
        #expect(o.list == "linux-kernel")
        #expect(o.entries == (1...7).map { Seed.openwallURL("2022/07/25/\($0)") })
        #expect(o.links.month == Seed.openwallURL("2022/07/"))
        #expect(o.links.all["<prev day"] == Seed.openwallURL("2022/07/23/"))
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: try Seed.openwall(p), name: p, url: nil) }
        #expect(error?.input == p)
        #expect(error?.problem.contains("index page") == true)
    }

    @Test(arguments: ["2022/07/index.html", "2022/index.html", "index.html", "2022/07/20/index.html", "2022/07/23/index.html"])
    func otherIndexPages(p: String) throws {
        let o = try page(p)
        #expect(o.isIndex)
        #expect(o.message == nil)
        #expect(throws: InputError.self) { try PageReader.messages(html: try Seed.openwall(p), name: p, url: nil) }
    }

    @Test func monthIndexListsEveryMessage() throws {
        let o = try page("2022/07/index.html", url: Seed.openwallURL("2022/07/"))
        #expect(o.entries.count == 12)
        #expect(o.entries.contains(Seed.openwallURL("2022/07/25/6")))
    }

    @Test func inputReaderReadsOpenwallPages() throws {
        let messages = try InputReader.messages(in: try Seed.openwall("2022/07/25/6"), name: "6", url: nil)
        #expect(messages.count == 1)
        #expect(messages.first?.origin == .openwallPage)
        #expect(messages.first?.messageID == Seed.ids[4])
    }
}
