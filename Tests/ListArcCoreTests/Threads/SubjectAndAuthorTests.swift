import Testing
@testable import ListArcCore

@Suite struct SubjectKeyTests {
    @Test(arguments: [
        ("Re: [PATCH v12 22/69] mm/mmap: change", "[patch v12 22/69] mm/mmap: change", true),
        ("RE: Re: AW: foo", "foo", true),
        ("Re[2]: foo", "foo", true),
        ("Fwd: Re:   foo\n bar", "foo bar", true),
        ("[oss-security] Re: CVE-2024-1", "cve-2024-1", true),
        ("[PATCH] Re-add the frobnicator", "[patch] re-add the frobnicator", false),
        ("Regression in foo", "regression in foo", false),
        ("", "", false),
    ])
    func stripsReplyPrefixes(subject: String, key: String, isReply: Bool) {
        #expect(SubjectKey.key(subject) == key)
        #expect(SubjectKey.isReply(subject) == isReply)
    }
}

@Suite struct AuthorTests {
    static let froms: [(String, String?, String?)] = [
        ("Liam Howlett <liam.howlett@oracle.com>", "Liam Howlett", "liam.howlett@oracle.com"),
        ("\"Matthew Wilcox (Oracle)\" <willy@infradead.org>", "Matthew Wilcox (Oracle)", "willy@infradead.org"),
        ("digetx@gmail.com (Dmitry Osipenko)", "Dmitry Osipenko", "digetx@gmail.com"),
        ("<a@b.c>", nil, "a@b.c"),
        ("a@b.c", nil, "a@b.c"),
        ("Just A Name", "Just A Name", nil),
    ]

    @Test(arguments: froms)
    func splitsFromValues(from: String, name: String?, address: String?) {
        let a = Author(from)
        #expect(a.name == name)
        #expect(a.address == address)
    }
}

@Suite struct MessageIdentityTests {
    func mail(_ body: String, obfuscated: Bool, id: String? = nil) -> MailMessage {
        var headers = [HeaderField(name: "Date", value: "Mon, 25 Jul 2022 18:49:40 +0000"),
                       HeaderField(name: "From", value: obfuscated ? "Ann <ann@...mple.org>" : "Ann <ann@example.org>"),
                       HeaderField(name: "Subject", value: "hello")]
        if let id { headers.append(HeaderField(name: "Message-ID", value: "<\(id)>")) }
        return MailMessage(headers: headers, parts: [TextPart(text: body)], origin: obfuscated ? .openwallPage : .rawMail, addressesObfuscated: obfuscated)
    }

    @Test func syntheticIDsAgreeAcrossObfuscatedCopies() {
        let page = mail("write to ann@...mple.org\n", obfuscated: true)
        let raw = mail("write to ann@example.org\n", obfuscated: false)
        #expect(MessageIdentity.id(of: page) == MessageIdentity.id(of: raw))
        #expect(MessageIdentity.id(of: page).hasSuffix("@synthetic.listarc.invalid"))
        #expect(MessageIdentity.id(of: mail("other text\n", obfuscated: false)) != MessageIdentity.id(of: raw))
        #expect(MessageIdentity.id(of: mail("x\n", obfuscated: false, id: "real@x")) == "real@x")
    }

    @Test func contentHashSeesEveryField() {
        var a = ContentHash(), b = ContentHash(), c = ContentHash()
        a.add("ab"); a.add("c")
        b.add("a"); b.add("bc")
        c.add("ab"); c.add("c")
        #expect(a.hex != b.hex)
        #expect(a.hex == c.hex)
        #expect(a.hex.count == 32)
    }
}
