import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

/// Whatever the internet serves: a clear InputError or a best-effort result, never a crash or a hang.
@Suite struct BadPageTests {
    /// The M5 page with the blists part replaced by the error text blists prints.
    func errorPage() throws -> [UInt8] {
        let page = String(decoding: try Seed.openwall("2022/07/25/6"), as: UTF8.self)
        let start = try #require(page.range(of: "<a href=\"5\">[&lt;prev]"))
        let end = try #require(page.range(of: "</pre>"))
        return Array((page[..<start.lowerBound] + "<p>The request has failed: No such message\n" + page[end.upperBound...]).utf8)
    }

    @Test func errorPageNamesTheInput() throws {
        let error = #expect(throws: InputError.self) {
            try PageReader.messages(html: try errorPage(), name: "linux-kernel/2022/07/25/99", url: nil)
        }
        #expect(error?.input == "linux-kernel/2022/07/25/99")
        #expect(error?.problem.contains("No such message") == true)
    }

    @Test func aMessageQuotingTheErrorTextIsStillAMessage() throws {
        var page = String(decoding: try Seed.openwall("2022/07/25/6"), as: UTF8.self)
        page = page.replacingOccurrences(of: "you using?\n\nThe next-20220722", with: "you using?\n\nThe request has failed: No such message\nThe next-20220722")
        let messages = try PageReader.messages(html: Array(page.utf8), name: "6", url: nil)
        #expect(messages.first?.body.contains("The request has failed: No such message\n") == true)
    }

    @Test func emptyAndForeignPages() throws {
        #expect(throws: InputError.self) { try PageReader.messages(html: [], name: "e", url: nil) }
        let foreign = Array("<html><head><title>Hi</title></head><body><p>hello</p><pre>Subject: x\n\nbody</pre></body></html>".utf8)
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: foreign, name: "foreign.html", url: nil) }
        #expect(error?.input == "foreign.html")
        let junk: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        #expect(throws: InputError.self) { try PageReader.messages(html: junk, name: "junk", url: nil) }
    }

    static let pages: [String] = Seed.openwallPages.map { "openwall/lists.openwall.net/linux-kernel/" + $0 }
        + Seed.ids.flatMap { id in ["index.html", "T/index.html", "t/index.html"].map { "lore/lore.kernel.org/linux-mm/\(id)/\($0)" } }

    @Test(arguments: pages) func truncatedPagesGiveWhatTheyHold(path: String) throws {
        let full = try Paths.bytes(Paths.sample(path))
        let complete = try PageReader.messages(html: full, name: path, url: nil)
        for cut in [full.count / 2, full.count / 3, full.count - 10] {
            let half = Array(full[..<cut])
            do {
                let messages = try PageReader.messages(html: half, name: path, url: nil)
                #expect(messages.count <= complete.count)
                // Messages before the cut are whole; the cut one is best effort.
                for (m, c) in zip(messages.dropLast(), complete) { #expect(m.body == c.body) }
                if let last = messages.last, let same = complete.first(where: { $0.messageID == last.messageID }) {
                    #expect(same.body.hasPrefix(String(last.body.prefix(200))))
                }
            } catch let error as InputError {
                #expect(error.input == path)
            }
        }
    }

    static func blistsPage(body: [UInt8]) -> [UInt8] {
        Array("<html><head><title>l - s</title></head><body><a href=\".\">[day]</a>\n<pre style=\"white-space: pre-wrap\">\nSubject: s\n\n".utf8)
            + body + Array("\n</pre>\n<p><a href=\"https://www.openwall.com/blists/\">Powered by blists</a></body></html>".utf8)
    }

    @Test func longLinesUpToTheLimit() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 12 << 20)
        // Not an archive page at all.
        let plain = Array("<html><body><p>".utf8) + line + Array("</p></body></html>".utf8)
        #expect(throws: InputError.self) { try PageReader.messages(html: plain, name: "big", url: nil) }
        // libxml2 would cut a text node at 10 MB without XML_PARSE_HUGE; the body must be whole.
        let m = try #require(try PageReader.messages(html: Self.blistsPage(body: line), name: "big", url: nil).first)
        #expect(m.subject == "s")
        #expect(m.body.utf8.count == line.count + 1)
    }

    @Test func aLineOverTheLimitIsRefused() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: MessageLimits.maxLineBytes + 1)
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: Self.blistsPage(body: line), name: "long.html", url: nil) }
        #expect(error?.input == "long.html")
        #expect(error?.problem.contains("line") == true)
        #expect(error?.problem == "line 5 of the page is 16777217 bytes long; the limit is 16777216 bytes (16 MB)", "\(String(describing: error))")
    }

    @Test func aPageOverTheSizeLimitIsRefused() throws {
        let body = Array(repeating: Array("line of a large page\n".utf8), count: MessageLimits.maxMessageBytes / 21 + 1).flatMap { $0 }
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: Self.blistsPage(body: body), name: "huge.html", url: nil) }
        #expect(error?.input == "huge.html")
        #expect(error?.problem.hasPrefix("page of ") == true, "\(String(describing: error))")
        #expect(error?.problem.hasSuffix(" bytes exceeds the limit of 67108864 bytes (64 MB)") == true, "\(String(describing: error))")
    }

    @Test func quotingDeeperThanTheLimitIsRefused() throws {
        let deep = Array((String(repeating: ">", count: MessageLimits.maxQuoteMarkers + 1) + " deep").utf8)
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: Self.blistsPage(body: deep), name: "deep.html", url: nil) }
        #expect(error?.problem == "line 1 is quoted 1001 levels deep; the limit is 1000")
        let fine = Array((String(repeating: "> ", count: MessageLimits.maxQuoteMarkers) + "deep").utf8)
        #expect(try PageReader.messages(html: Self.blistsPage(body: fine), name: "ok.html", url: nil).count == 1)
    }

    @Test func deeplyNestedMarkupDoesNotRecurse() throws {
        let open = String(repeating: "<div>", count: 100_000)
        let html = Array(("<html><body>" + open + "<pre>x</pre>" + "</body></html>").utf8)
        #expect(throws: InputError.self) { try PageReader.messages(html: html, name: "nested", url: nil) }
    }
}

extension BadPageTests {
    @Test func invalidUTF8InTheBodyIsBestEffort() throws {
        let good = try Seed.openwall("2022/07/25/6")
        var page = good
        page[page.count / 2] = 0xFF
        let m = try #require(try PageReader.messages(html: page, name: "bad-utf8", url: nil).first)
        let reference = try #require(try PageReader.messages(html: good, name: "good", url: nil).first)
        #expect(m.messageID == reference.messageID)
        #expect(m.body.hasSuffix("I may try to reproduce it in Qemu if time will allow.\n"))
        #expect(m.body.hasPrefix("25.07.2022 21:49, Liam Howlett пишет:\n"))
    }

    @Test func pagesParseConcurrently() async throws {
        let pages = try Seed.openwallPages.map { try Seed.openwall($0) } + Seed.ids.map { try Seed.lore($0, "T/index.html") }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { for page in pages { group.addTask { try PageReader.messages(html: page, name: "p", url: nil).count } } }
            var all: [Int] = []
            for try await c in group { all.append(c) }
            return all
        }
        let expected: Int = 4 * (5 + 25)
        let total: Int = counts.reduce(0, +)
        #expect(total == expected)
    }
}
