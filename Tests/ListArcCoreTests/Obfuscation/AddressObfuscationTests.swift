import Testing
import TestSupport
@testable import ListArcCore

@Suite struct AddressObfuscationTests {
    /// Lines of the seed's openwall page (M5), entities decoded.
    static let seedLines = """
    From:   Dmitry Osipenko <digetx@...il.com>
    > * Liam R. Howlett <Liam.Howlett@...cle.com> [220725 10:00]:
    >>>> Link: https://lkml.kernel.org/r/20220504011345.662299-7-Liam.Howlett@oracle.com
    >>>> Link: https://lkml.kernel.org/r/20220621204632.3370049-23-Liam.Howlett@oracle.com
    >>>> Signed-off-by: Liam R. Howlett <Liam.Howlett@...cle.com>
    >>>> Cc: Catalin Marinas <catalin.marinas@....com>
    Message-ID: <8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com>

    """

    @Test func findsHiddenAddresses() {
        let hidden = AddressObfuscation.hidden(in: Self.seedLines)
        #expect(hidden.map(\.localPart) == ["digetx", "Liam.Howlett", "Liam.Howlett", "catalin.marinas"])
        #expect(hidden.map(\.domainTail) == ["il.com", "cle.com", "cle.com", ".com"])
        #expect(AddressObfuscation.containsHidden(Self.seedLines))
        #expect(!AddressObfuscation.containsHidden("Message-ID: <a@b.example>\nhttps://x/y@z.org"))
        // A sentence-ending dot is not part of the domain.
        #expect(AddressObfuscation.hidden(in: "write to bob@...mple.org.").first?.domainTail == "mple.org")
    }

    @Test func knownAddressesIncludeURLsAndMessageIDs() {
        let known = AddressObfuscation.knownAddresses(in: [Self.seedLines])
        #expect(known == [
            "20220504011345.662299-7-Liam.Howlett@oracle.com",
            "20220621204632.3370049-23-Liam.Howlett@oracle.com",
            "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com",
        ])
    }

    @Test func restoresLiamFromTheLinkLinesButNotDigetx() {
        let known = AddressObfuscation.knownAddresses(in: [Self.seedLines])
        let r = AddressObfuscation.restore(in: Self.seedLines, using: known)
        #expect(r.restored == 2)
        #expect(r.remaining == 2)
        #expect(r.text.contains("> * Liam R. Howlett <Liam.Howlett@oracle.com> [220725 10:00]:"))
        #expect(r.text.contains("Signed-off-by: Liam R. Howlett <Liam.Howlett@oracle.com>"))
        // The only gmail.com evidence has another local part: no guess.
        #expect(r.text.contains("<digetx@...il.com>"))
        #expect(r.text.contains("<catalin.marinas@....com>"))
    }

    @Test func localPartKeepsTheTextsCaseDomainComparesCaselessly() {
        let r = AddressObfuscation.restore(in: "To: LIAM.howlett@...CLE.com", using: ["liam.howlett@oracle.com"])
        #expect(r.text == "To: LIAM.howlett@oracle.com")
        #expect(r.restored == 1)
    }

    @Test func neverGuesses() {
        // Two domains fit the visible tail: ambiguous.
        let ambiguous = AddressObfuscation.restore(in: "bob@...il.com", using: ["bob@gmail.com", "bob@xmail.com"])
        #expect(ambiguous.text == "bob@...il.com")
        #expect(ambiguous.remaining == 1)
        // Same local part, but the tail does not fit (or the hidden part is not three characters).
        #expect(AddressObfuscation.restore(in: "bob@...il.com", using: ["bob@hotmail.com"]).restored == 0)
        #expect(AddressObfuscation.restore(in: "bob@...il.com", using: ["bob@example.org"]).restored == 0)
        // A longer local part counts only after a separator (git-send-email ids).
        #expect(AddressObfuscation.restore(in: "bob@...mple.org", using: ["xbob@example.org"]).restored == 0)
        #expect(AddressObfuscation.restore(in: "bob@...mple.org", using: ["123.456-7-bob@example.org"]).text == "bob@example.org")
        // Exact local-part evidence wins over suffix evidence.
        #expect(AddressObfuscation.restore(in: "bob@...mple.org", using: ["1-bob@fxample.org", "bob@example.org"]).text == "bob@example.org")
        // Domain-only evidence is not enough.
        #expect(AddressObfuscation.restore(in: "digetx@...il.com", using: ["someone@gmail.com"]).restored == 0)
    }

    @Test func obfuscateHidesWhatBlistsHides() {
        let text = "Signed-off-by: A <a.b@example.org>\nLink: https://lkml.kernel.org/r/1-a.b@example.org\nCc: <arm@arm.com>\n"
        #expect(AddressObfuscation.obfuscate(text) == "Signed-off-by: A <a.b@...mple.org>\nLink: https://lkml.kernel.org/r/1-a.b@example.org\nCc: <arm@....com>\n")
    }

    @Test(arguments: 1...5) func roundTripOnTheSeedMails(n: Int) throws {
        let mail = try Paths.text(Paths.sample("seed-thread/M\(n).eml"))
        let body = String(mail[try #require(mail.range(of: "\n\n")).upperBound...])
        let hidden = AddressObfuscation.obfuscate(body)
        #expect(hidden != body)
        let r = AddressObfuscation.restore(in: hidden, using: AddressObfuscation.knownAddresses(in: [mail]))
        #expect(r.remaining == 0)
        #expect(r.text.lowercased() == body.lowercased())
        // Local parts keep their case exactly.
        #expect(r.text.contains("Liam.Howlett@"))
    }

    @Test func restoresMessagesWithEvidenceFromEachOther() {
        let page = MailMessage(headers: [HeaderField(name: "From", value: "Dmitry Osipenko <digetx@...il.com>")],
                               parts: [TextPart(text: "Hi Liam.Howlett@...cle.com\n")], origin: .openwallPage, addressesObfuscated: true)
        let other = MailMessage(headers: [HeaderField(name: "From", value: "Dmitry Osipenko <digetx@gmail.com>")],
                                parts: [TextPart(text: "Link: https://lkml.kernel.org/r/1-Liam.Howlett@oracle.com\n")], origin: .rawMail)
        let restored = AddressObfuscation.restore([page, other])
        #expect(restored[0].from == "Dmitry Osipenko <digetx@gmail.com>")
        #expect(restored[0].body == "Hi Liam.Howlett@oracle.com\n")
        #expect(!restored[0].addressesObfuscated)
        let alone = AddressObfuscation.restore([page])
        #expect(alone[0].addressesObfuscated)
        #expect(alone[0].from == "Dmitry Osipenko <digetx@...il.com>")
    }

    @Test func manyAtSignsStayLinear() {
        let text = String(repeating: "a", count: 100_000) + String(repeating: "@", count: 100_000) + String(repeating: "x@...y.z ", count: 10_000)
        #expect(AddressObfuscation.hidden(in: text).count == 10_000)
        #expect(AddressObfuscation.restore(in: text, using: []).remaining == 10_000)
    }
}
