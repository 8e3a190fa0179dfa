import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

/// The raw `bit` output of an earlier helper's synthetic input (attachments,
/// escaping, URLs, non-ASCII): no site wrapper at all.
@Suite struct BlistsOutputTests {
    func message(_ file: String) throws -> (OpenwallPage, MailMessage) {
        let bytes = try Paths.bytes(Paths.sample("openwall/blists-raw/earlier-samples/" + file))
        guard case .openwall(let o) = try ArchivePage.read(html: bytes, name: file, url: nil), let m = o.message else {
            Issue.record("\(file) not an openwall message page")
            throw InputError(file, "wrong kind")
        }
        return (o, m)
    }

    @Test func attachmentMarkersBecomeAttachmentsNotText() throws {
        let (o, m) = try message("bit_2022_07_25_3.html")
        #expect(m.body == "Hallö body text.\n")
        #expect(m.parts.count == 1)
        #expect(m.otherAttachments == ["text/html", "0001-fix.patch", "blob.bin"])
        #expect(o.attachments.map(\.kind) == [.skipped, .view, .download])
        #expect(o.attachments.map(\.url) == [nil, "3/1", "3/2"])
        #expect(o.attachments.map(\.contentType) == ["text/html", "text/x-patch", "application/octet-stream"])
        #expect(m.header("Message-Id") == "<att-1@example.org>")
        #expect(m.from == "Jörg Rödel <joerg@...mple.org>")
        #expect(!m.body.contains("View attachment"))
    }

    @Test func escapingIsUndone() throws {
        let (_, m) = try message("bit_2022_07_25_2.html")
        #expect(m.body.contains("> Tabs\tand <tags> & \"quotes\" stay.\n"))
        #expect(m.body.contains(">> -=09=09return next;\n"))
        #expect(m.header("Cc") == "Andrew Morton <akpm@...ux-foundation.org>")
        #expect(m.subject == "Re: [PATCH v12 22/69] mm/mmap: change do_brk_flags() to expand existing VMA")
        #expect(m.body.hasSuffix("Tested-by: Dmitry Osipenko <digetx@...il.com>\n"))
    }

    @Test func linksInTheBodyAreText() throws {
        let (o, m) = try message("bit_2022_07_25_1.html")
        #expect(m.body.contains("See\nhttps://lore.kernel.org/r/20220725@oracle.com/ and <http://example.com/a?b=c&d=e>.\n"))
        #expect(m.body.contains(" \tif (a < b && c > d)\n"))
        #expect(m.body.hasSuffix("-- \n2.35.1\n"))
        #expect(o.links.threadPrev == nil)
        #expect(o.links.threadNext == "2")
    }

    @Test func monthAndDayOutputAreIndexes() throws {
        for file in ["bit_2022_07_.html", "bit_2022_07_25_.html"] {
            let bytes = try Paths.bytes(Paths.sample("openwall/blists-raw/earlier-samples/" + file))
            let page = try ArchivePage.read(html: bytes, name: file, url: nil)
            #expect(page.isIndex, "\(file)")
        }
    }
}

@Suite struct PageInputTests {
    @Test func inputReaderTakesBareBlistsOutput() throws {
        let bytes = try Paths.bytes(Paths.sample("openwall/blists-raw/earlier-samples/bit_2022_07_26_1.html"))
        #expect(InputKind.detect(bytes) == .html)
        let messages = try InputReader.messages(in: bytes, name: "bit", url: nil)
        #expect(messages.map(\.messageID) == ["nd@example.org"])
        #expect(messages.first?.body == "Body.\n")
    }
}
