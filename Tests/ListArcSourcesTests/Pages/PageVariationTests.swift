import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

/// Variations the seed pages do not show.
@Suite struct PageVariationTests {
    @Test func publicInboxHrefsAreUnescaped() {
        #expect(PageURL.messageID(fromPublicInboxHref: "../../abc%2Fdef@example.org/") == "abc/def@example.org")
        #expect(PageURL.messageID(fromPublicInboxHref: "../../a%20b@x/raw") == "a b@x")
        #expect(PageURL.messageID(fromPublicInboxHref: "../m@x/T/#u") == "m@x")
    }

    @Test func percentEncodedIdOnAThreadPage() throws {
        var html = String(decoding: try Seed.lore(Seed.ids[4], "T/index.html"), as: UTF8.self)
        html = html.replacingOccurrences(of: "../../8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/", with: "../../8d77a517%2Ffcc1%25x@gmail.com/")
        let messages = try PageReader.messages(html: Array(html.utf8), name: "T", url: nil)
        #expect(messages.last?.messageID == "8d77a517/fcc1%x@gmail.com")
    }

    /// blists pages made before mid-2024 show no Message-ID.
    @Test func openwallPageWithoutMessageID() throws {
        var html = String(decoding: try Seed.openwall("2022/07/25/6"), as: UTF8.self)
        html = html.replacingOccurrences(of: "Message-ID: &lt;8d77a517-fcc1-5e74-b9d8-2a250dc751ed&#64;gmail.com&gt;\n", with: "")
        let m = try #require(try PageReader.messages(html: Array(html.utf8), name: "6", url: nil).first)
        #expect(m.messageID == nil)
        #expect(m.headers.first?.name == "Date")
        #expect(m.body == AddressObfuscation.obfuscate(try Seed.eml(5).body))
    }

    @Test func declaredLatin1PageIsDecoded() throws {
        let head = "<html><head><meta charset=\"iso-8859-1\"><title>l - caf\u{E9}</title></head><body>"
        let html = Array(head.utf8.map { $0 }).replacingLatin1() + Array("<a href=\".\">[day]</a>\n<pre style=\"white-space: pre-wrap\">\nSubject: caf".utf8)
            + [0xE9] + Array("\n\nd\u{E9}j\u{E0}".utf8).replacingLatin1() + Array(" vu\n</pre></body></html>".utf8)
        let m = try #require(try PageReader.messages(html: html, name: "latin1", url: nil).first)
        #expect(m.subject == "café")
        #expect(m.body == "déjà vu\n")
    }

    /// /T/: a reply whose context shows its parent and an earlier sibling.
    @Test func siblingIsNotTakenForTheParent() throws {
        func pre(_ sha: String, _ subject: String, context: String, from: String, id: String, body: String) -> String {
            """
            <pre><a
            href=#e\(sha)
            id=m\(sha)>*</a> <b>\(subject)</b>
            \(context)From: \(from) @ 2024-01-02 10:0\(sha.prefix(1)) UTC (<a
            href="../../\(id)/">permalink</a> / <a
            href="../../\(id)/raw">raw</a>)
              To: list

            \(body)
            <a
            href=#m\(sha)
            id=e\(sha)>^</a> <a
            href="../../\(id)/">permalink</a> <a
            href="../../\(id)/raw">raw</a> <a
            href=#r\(sha)>3+ messages in thread</a></pre><hr>
            """
        }
        let r = String(repeating: "1", count: 40), a = String(repeating: "2", count: 40), b = String(repeating: "3", count: 40)
        let html = "<html><head><title>t</title></head><body>"
            + pre(r, "root", context: "<b>@ 2024-01-02 10:01 Root Author</b>\n", from: "Root Author", id: "root@x", body: "root body\n")
            + pre(a, "Re: root", context: "  2024-01-02 10:01 <a\nhref=\"#m\(r)\">Root Author</a>\n<b>@ 2024-01-02 10:02 ` A</b>\n", from: "A", id: "a@x", body: "a body\n")
            + pre(b, "Re: root", context: "  2024-01-02 10:01 <a\nhref=\"#m\(r)\">Root Author</a>\n  2024-01-02 10:02 ` <a\nhref=\"#m\(a)\">A</a>\n<b>@ 2024-01-02 10:03 ` B</b>\n", from: "B", id: "b@x", body: "b body\n")
            + "<pre>This is a public inbox, see <a\nhref=\"../../_/text/mirror/\">mirroring instructions</a></pre></body></html>"
        let messages = try PageReader.messages(html: Array(html.utf8), name: "T", url: nil)
        #expect(messages.map(\.messageID) == ["root@x", "a@x", "b@x"])
        #expect(messages.map(\.inReplyTo) == [nil, "root@x", "root@x"])
        #expect(messages.map(\.body) == ["root body\n", "a body\n", "b body\n"])
        #expect(messages.map(\.from) == ["Root Author", "A", "B"])
    }
}

private extension Array where Element == UInt8 {
    /// UTF-8 → ISO-8859-1 for the test's few accented letters.
    func replacingLatin1() -> [UInt8] {
        Array(String(decoding: self, as: UTF8.self).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    }
}

extension PageVariationTests {
    /// public-inbox's 404 page for an unknown Message-ID (ExtMsg.pm).
    @Test func publicInboxNotFoundPage() throws {
        let html = """
        <html><head><title>&lt;nope@example.org&gt; not found</title></head><body><pre>Message-ID &lt;nope@example.org&gt;
        not found
        </pre><hr><pre>This is a public inbox, see <a
        href="../_/text/mirror/">mirroring instructions</a></pre></body></html>
        """
        let error = #expect(throws: InputError.self) { try PageReader.messages(html: Array(html.utf8), name: "lore/nope", url: nil) }
        #expect(error?.description == "lore/nope: the archive says: Message-ID <nope@example.org> not found")
    }
}

extension PageVariationTests {
    @Test func attachmentSplitKeepsTextExactly() {
        let (parts, others) = AttachmentSplit.parts("a\n\n[-- Attachment #2: x.txt --]\n[-- Type: text/plain, Size: 1 bytes --]\nb")
        #expect(parts.map(\.text) == ["a\n", "b"])
        #expect(parts.map(\.filename) == [nil, "x.txt"])
        #expect(others.isEmpty)
        let first = AttachmentSplit.parts("[-- Attachment #1: p.patch --]\n[-- Type: text/x-patch, Size: 9 bytes --]\n--- a/f\n")
        #expect(first.0.map(\.text) == ["--- a/f\n"])
        #expect(first.0.first?.isAttachment == true)
        #expect(first.0.first?.contentType == "text/x-patch")
    }
}
