import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

@Suite struct PublicInboxPageTests {
    static let base = "https://lore.kernel.org/linux-mm/"

    func page(_ id: String, _ rest: String = "index.html", url: String? = nil) throws -> PublicInboxPage {
        let name = "\(id)/\(rest)"
        guard case .publicInbox(let p) = try ArchivePage.read(html: try Seed.lore(id, rest), name: name, url: url) else {
            Issue.record("\(name) not read as a public-inbox page")
            throw InputError(name, "wrong kind")
        }
        return p
    }

    @Test(arguments: 0..<5) func messagePageGivesTheRawBodyAndHeaders(i: Int) throws {
        let id = Seed.ids[i]
        let p = try page(id, url: Self.base + id + "/")
        #expect(p.kind == .message)
        let m = try #require(p.messages.first)
        #expect(p.messages.count == 1)
        let raw = try Seed.raw(id)
        #expect(m.body == raw.body)
        #expect(m.parts.count == 1)
        #expect(m.origin == .publicInboxPage)
        #expect(!m.addressesObfuscated)
        #expect(m.messageID == id)
        #expect(m.header("Message-ID") == "<\(id)>")
        #expect(m.inReplyTo == Seed.header("In-Reply-To", in: raw.headers).flatMap(MessageID.first))
        #expect(m.subject == Seed.header("Subject", in: raw.headers))
        #expect(m.date == Seed.header("Date", in: raw.headers))
        #expect(m.from == Seed.header("From", in: raw.headers))
        #expect(p.rawURL == Self.base + id + "/raw")
        #expect(p.threadMboxURL == Self.base + id + "/t.mbox.gz")
        let parent = i == 0 ? Seed.coverLetter : Seed.ids[i - 1]
        #expect(p.parent == Self.base + parent + "/")
        #expect(p.links.threadFlat == Self.base + id + "/T/#u")
        #expect(p.links.threadNested == Self.base + id + "/t/#u")
        #expect(p.messageRawURLs == [Self.base + id + "/raw"])
    }

    @Test func messagePageLinksWithoutURLStayRelative() throws {
        let p = try page(Seed.ids[4])
        #expect(p.rawURL == "raw")
        #expect(p.threadMboxURL == "t.mbox.gz")
        #expect(p.parent == "../\(Seed.ids[3])/")
        #expect(p.links.prev == "../\(Seed.ids[3])/")
        #expect(p.links.next == nil)
    }

    static let views: [(rest: String, kind: PublicInboxPage.Kind)] = [("T/index.html", .threadFlat), ("t/index.html", .threadNested)]

    @Test(arguments: 0..<5, 0..<2) func threadPagesGiveTheFiveMessages(i: Int, view: Int) throws {
        let (rest, kind) = Self.views[view]
        let id = Seed.ids[i]
        let pageURL = Self.base + id + "/" + rest.replacingOccurrences(of: "index.html", with: "")
        let p = try page(id, rest, url: pageURL)
        #expect(p.kind == kind)
        #expect(p.messages.map(\.messageID) == Seed.ids)
        #expect(p.messages.map(\.inReplyTo) == [Seed.coverLetter] + Seed.ids.dropLast())
        #expect(p.threadMboxURL == Self.base + id + "/t.mbox.gz")
        #expect(p.messageRawURLs == Seed.ids.map { Self.base + $0 + "/raw" })
        for (k, m) in p.messages.enumerated() {
            let raw = try Seed.raw(Seed.ids[k])
            #expect(m.origin == .publicInboxThread)
            #expect(m.subject == Seed.header("Subject", in: raw.headers))
            let rawFrom = try #require(Seed.header("From", in: raw.headers))
            let name = rawFrom.split(separator: "<").first.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(m.from == name)
            #expect(m.body == raw.body, "body of message \(k + 1) on \(rest)")
            #expect(m.sourceURL == Self.base + Seed.ids[k] + "/")
        }
        #expect(p.messages.map(\.date) == [
            "Wed, 20 Jul 2022 02:17 +0000", "Sat, 23 Jul 2022 15:01 +0000", "Mon, 25 Jul 2022 14:00 +0000",
            "Mon, 25 Jul 2022 18:49 +0000", "Mon, 25 Jul 2022 19:13 +0000",
        ])
        #expect(p.messages[0].header("Cc") == "Yu Zhao")
        #expect(p.messages[0].header("To") == "maple-tree, linux-mm, linux-kernel, Andrew Morton, Hugh Dickins")
    }

    @Test func inboxRootIsAnIndexWithItsThreads() throws {
        let bytes = try Paths.bytes(Paths.sample("lore/lore.kernel.org/linux-mm/index.html"))
        guard case .publicInbox(let p) = try ArchivePage.read(html: bytes, name: "index.html", url: Self.base) else {
            Issue.record("not public-inbox"); return
        }
        #expect(p.kind == .index)
        #expect(p.messages.isEmpty)
        #expect(p.entries == [Self.base + Seed.ids[4] + "/T/#t"])
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: bytes, name: "linux-mm/", url: nil) }
        #expect(error?.description == "linux-mm/: is an archive index page, not a message")
    }

    @Test func searchResultsAreAnIndex() throws {
        let bytes = try Paths.bytes(Paths.sample("lore/lore.kernel.org/linux-mm/search-dfhh-do_brk_flags.html"))
        let page = try ArchivePage.read(html: bytes, name: "search", url: Self.base + "?q=dfhh:do_brk_flags")
        guard case .publicInbox(let p) = page else { Issue.record("not public-inbox"); return }
        #expect(p.kind == .index)
        #expect(p.entries.contains(Self.base + Seed.ids[0] + "/"))
    }

    @Test func inputReaderReadsLorePages() throws {
        let messages = try InputReader.messages(in: try Seed.lore(Seed.ids[2], "T/index.html"), name: "T", url: nil)
        #expect(messages.count == 5)
        let one = try InputReader.messages(in: try Seed.lore(Seed.ids[2]), name: "m", url: nil)
        #expect(one.map(\.messageID) == [Seed.ids[2]])
    }

    @Test func attachmentsOnAMessagePageAreSplit() throws {
        // public-inbox's rendering of a later MIME part (View.pm attach_link).
        let html = """
        <html><head><title>x</title></head><body><pre
        id=b>From: A &lt;a@example.org&gt;
        Subject: <a
        href="#r"
        id=t>[PATCH] x</a>
        Date: Mon, 25 Jul 2022 22:13:53 +0300\t<a
        href="#r">[thread overview]</a>
        Message-ID: &lt;x@example.org&gt; (<a
        href="raw">raw</a>)

        See the patch.

        <a
        href="2-fix.patch">[-- Attachment #2: fix.patch --]
        [-- Type: text/x-patch, Size: 20 bytes --]</a>
        --- a/f
        +++ b/f

        <a
        href="3-blob.bin">[-- Attachment #3: blob.bin --]
        [-- Type: application/octet-stream, Size: 4 bytes --]</a>
        </pre><hr><pre>This is a public inbox, see <a
        href="../_/text/mirror/">mirroring instructions</a></pre></body></html>
        """
        let m = try #require(try PageReader.messages(html: Array(html.utf8), name: "att", url: nil).first)
        #expect(m.messageID == "x@example.org")
        #expect(m.date == "Mon, 25 Jul 2022 22:13:53 +0300")
        #expect(m.parts.map(\.text) == ["See the patch.\n", "--- a/f\n+++ b/f\n"])
        #expect(m.parts.map(\.filename) == [nil, "fix.patch"])
        #expect(m.parts.map(\.contentType) == ["text/plain", "text/x-patch"])
        #expect(m.otherAttachments == ["blob.bin"])
    }
}
