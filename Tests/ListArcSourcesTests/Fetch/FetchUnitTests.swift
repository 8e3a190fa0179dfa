import Foundation
import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

@Suite struct MessageIDPathTests {
    @Test func keepsPublicInboxSafeCharacters() {
        #expect(MessageIDPath.escape("20220725140053.gk4ugsxxhgabzg44@revolver") == "20220725140053.gk4ugsxxhgabzg44@revolver")
        #expect(MessageIDPath.escape("a-b._~!$&'()*+,;=:@c") == "a-b._~!$&'()*+,;=:@c")
    }

    @Test func escapesTheRest() {
        #expect(MessageIDPath.escape("a/b@c") == "a%2Fb@c")
        #expect(MessageIDPath.escape("a b%c#d?e@f") == "a%20b%25c%23d%3Fe@f")
        #expect(MessageIDPath.escape("é@x") == "%C3%A9@x")
    }

    @Test func bareMessageIDs() {
        #expect(MessageIDPath.bare("<a@b>") == "a@b")
        #expect(MessageIDPath.bare(" mid:a@b ") == "a@b")
        #expect(MessageIDPath.bare("a@b") == "a@b")
        #expect(MessageIDPath.bare("no-at-sign") == nil)
        #expect(MessageIDPath.bare("a b@c") == nil)
        #expect(MessageIDPath.bare("<>") == nil)
    }
}

@Suite struct RetryPolicyTests {
    @Test func retryAfterSeconds() {
        #expect(RetryPolicy.retryAfter("3") == 3)
        #expect(RetryPolicy.retryAfter(" 0 ") == 0)
        #expect(RetryPolicy.retryAfter("-1") == nil)
        #expect(RetryPolicy.retryAfter("soon") == nil)
    }

    @Test func retryAfterHTTPDate() {
        let now = Date(timeIntervalSince1970: 784_111_767)  // Sun, 06 Nov 1994 08:49:27 GMT
        #expect(RetryPolicy.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == 10)
        #expect(RetryPolicy.retryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == 10)
        #expect(RetryPolicy.retryAfter("Sun Nov  6 08:49:37 1994", now: now) == 10)
        // A date in the past means "now".
        #expect(RetryPolicy.retryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
    }

    @Test func backoffDoublesUpToTheCap() {
        #expect(RetryPolicy.backoff(attempt: 0, base: 1, cap: 30) == 1)
        #expect(RetryPolicy.backoff(attempt: 3, base: 1, cap: 30) == 8)
        #expect(RetryPolicy.backoff(attempt: 10, base: 1, cap: 30) == 30)
        #expect(RetryPolicy.backoff(attempt: 1000, base: 1, cap: 30) == 30)
    }

    @Test func retryableStatuses() {
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(RetryPolicy.isRetryable(status: 500))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 501))
        #expect(!RetryPolicy.isRetryable(status: 404))
        #expect(!RetryPolicy.isRetryable(status: 200))
    }
}

@Suite struct FetchTargetTests {
    @Test func urlsAndMessageIDs() throws {
        #expect(try FetchTarget.parse("https://lore.kernel.org/all/a@b/") == .url(URL(string: "https://lore.kernel.org/all/a@b/")!))
        #expect(try FetchTarget.parse("<a@b>") == .messageID("a@b"))
        #expect(try FetchTarget.parse("a@b") == .messageID("a@b"))
    }

    @Test func otherSchemesAreRefused() {
        for text in ["ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/", "javascript://x", "mailto:a@b"] {
            #expect(throws: InputError.self) { try FetchTarget.parse(text) }
        }
        #expect(throws: InputError.self) { try FetchTarget.parse("not a thing") }
        #expect(throws: InputError.self) { try HTTPClient.checkedURL("http:///nohost") }
    }

    @Test func publicInboxURLShapes() {
        for suffix in ["", "raw", "T/", "t/", "t.mbox.gz", "T/#u"] {
            let url = URL(string: "http://127.0.0.1:1/linux-mm/a%2Fb@c/\(suffix)")!
            let found = PublicInboxURL.message(of: url)
            #expect(found?.messageID == "a/b@c")
            #expect(found?.base.absoluteString == "http://127.0.0.1:1/linux-mm/a%2Fb@c/")
        }
        #expect(PublicInboxURL.message(of: URL(string: "http://127.0.0.1:1/linux-mm/")!) == nil)
        #expect(PublicInboxURL.message("a/b@c", under: URL(string: "https://lore.kernel.org/all/")!).absoluteString
                == "https://lore.kernel.org/all/a%2Fb@c/")
        #expect(PublicInboxURL.message("x@y", under: URL(string: "http://127.0.0.1:1/linux-mm")!).absoluteString
                == "http://127.0.0.1:1/linux-mm/x@y/")
    }
}

@Suite struct PageLinksTests {
    static let openwall = "openwall/lists.openwall.net/linux-kernel/2022/07/"
    static let site = "https://lists.openwall.net/linux-kernel/2022/07/"

    func links(_ page: String) throws -> PageLinks {
        PageLinks.read(html: try Paths.bytes(Paths.sample(Self.openwall + page)), url: URL(string: Self.site + page)!)
    }

    @Test func openwallThreadNavigation() throws {
        let m5 = try links("25/6")
        #expect(m5.site == .openwall)
        #expect(m5.threadPrev?.absoluteString == Self.site + "25/5")
        #expect(m5.threadNext?.absoluteString == Self.site + "25/7")
        let m1 = try links("20/3")
        #expect(m1.site == .openwall)
        #expect(m1.threadPrev == nil)
        #expect(m1.threadNext?.absoluteString == Self.site + "23/2")
        let filler7 = try links("25/7")
        #expect(filler7.threadPrev?.absoluteString == Self.site + "25/6")
        #expect(filler7.threadNext == nil)
    }

    @Test func dayPagesAreNotMessagePages() throws {
        #expect(try links("25/index.html").site == .unknown)
    }

    @Test func publicInboxMessageAndThreadPages() throws {
        let id = "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com"
        let base = "https://lore.kernel.org/linux-mm/\(id)/"
        let message = PageLinks.read(html: try Paths.bytes(Paths.sample("lore/lore.kernel.org/linux-mm/\(id)/index.html")), url: URL(string: base)!)
        #expect(message.site == .publicInbox)
        #expect(message.threadMbox?.absoluteString == base + "t.mbox.gz")
        #expect(message.raw.map(\.absoluteString) == [base + "raw"])
        #expect(message.threadPage?.absoluteString == base + "T/")
        #expect(message.threadPrev == nil && message.threadNext == nil)

        let thread = PageLinks.read(html: try Paths.bytes(Paths.sample("lore/lore.kernel.org/linux-mm/\(id)/T/index.html")), url: URL(string: base + "T/")!)
        #expect(thread.site == .publicInbox)
        #expect(thread.threadMbox?.absoluteString == base + "t.mbox.gz")
        #expect(thread.raw.count == 5)
        #expect(Set(thread.raw.compactMap { PublicInboxURL.message(of: $0)?.messageID }).count == 5)
    }

    @Test func anchorsWithNewlinesAndBareValues() {
        let html = Array("<p><a\nhref=raw\nid=x>raw</a> <A HREF='../t.mbox.gz'>mbox</A> <a href=\"5\">[&lt;thread-prev]</a>".utf8)
        let anchors = Anchor.all(in: html)
        #expect(anchors == [Anchor(href: "raw", text: "raw"), Anchor(href: "../t.mbox.gz", text: "mbox"), Anchor(href: "5", text: "[<thread-prev]")])
    }

    @Test func hostileMarkupEndsCleanly() {
        #expect(Anchor.all(in: Array("<a href=\"unterminated".utf8)).isEmpty)
        #expect(Anchor.all(in: Array("<a href=x>no end".utf8)) == [Anchor(href: "x", text: "no end")])
        #expect(Anchor.all(in: Array("<a".utf8)).isEmpty)
        #expect(Entities.decode("&#99999999999;&#x110000;&bogus;&") == "&#99999999999;&#x110000;&bogus;&")
    }
}

@Suite struct StrictThreadTests {
    func mail(_ id: String, replyTo: String? = nil, refs: [String] = [], subject: String = "s") -> MailMessage {
        var headers = [HeaderField(name: "Message-ID", value: "<\(id)>"), HeaderField(name: "Subject", value: subject)]
        if let replyTo { headers.append(HeaderField(name: "In-Reply-To", value: "<\(replyTo)>")) }
        if !refs.isEmpty { headers.append(HeaderField(name: "References", value: refs.map { "<\($0)>" }.joined(separator: " "))) }
        return MailMessage(headers: headers, parts: [TextPart(text: "x")], origin: .rawMail)
    }

    @Test func keepsLinkedMessagesAndDropsLooseMatches() {
        let all = [
            mail("m1", replyTo: "cover", refs: ["cover"]),
            mail("m2", replyTo: "m1", refs: ["cover", "m1"]),
            mail("loose", subject: "s"),
            mail("m3", replyTo: "m2"),
            mail("other", replyTo: "elsewhere"),
        ]
        let kept = StrictThread.filter(all, around: "m3").compactMap(\.messageID)
        #expect(kept == ["m1", "m2", "m3"])
        // Through a ghost (the cover letter is not in the mbox).
        #expect(StrictThread.filter(all, around: "m1").compactMap(\.messageID) == ["m1", "m2", "m3"])
        #expect(StrictThread.filter(all, around: "absent").isEmpty)
    }
}
