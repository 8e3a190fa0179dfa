import Foundation
import Testing
@testable import ListArcCore
import TestSupport

@Suite struct PatchBuilderTests {
    @Test func m1RawRebuildsFormatPatchMailByteForByte() throws {
        let message = try PatchFixtures.seedMessage("M1")
        let (analysis, diff) = try PatchFixtures.seedDiff(in: message, depth: 0)
        let patches = PatchBuilder.patches(message: message, quotes: [analysis], diffs: [diff])
        #expect(patches.count == 1)
        let patch = try #require(patches.first)
        #expect(patch.authorName == "Liam R. Howlett")
        #expect(patch.authorAddress == "Liam.Howlett@Oracle.com")
        #expect(patch.date == "Wed, 20 Jul 2022 02:17:51 +0000")
        #expect(patch.signature == "2.35.1")
        #expect(patch.subject == "[PATCH v12 22/69] mm/mmap: change do_brk_flags() to expand existing VMA and add do_brk_munmap()")
        let expected = try Paths.text(Paths.sample("expected/mm-mmap-patch22.mbox"))
        #expect(patch.mailText == expected)
        #expect(patch.diffText == (try Paths.text(Paths.sample("expected/mm-mmap-patch22.diff"))))
    }

    @Test func depthFourCopyTakesInBodyFromAndCommitMessage() throws {
        let m1 = try PatchFixtures.seedMessage("M1")
        let (a1, d1) = try PatchFixtures.seedDiff(in: m1, depth: 0)
        let reference = try #require(PatchBuilder.patches(message: m1, quotes: [a1], diffs: [d1]).first)

        let m5 = try PatchFixtures.seedMessage("M5")
        let (a5, d5) = try PatchFixtures.seedDiff(in: m5, depth: 4)
        let patch = try #require(PatchBuilder.patches(message: m5, quotes: [a5], diffs: [d5]).first)
        #expect(patch.subject == reference.subject)
        #expect(patch.authorName == "Liam R. Howlett")
        #expect(patch.authorAddress?.lowercased() == "liam.howlett@oracle.com")
        #expect(patch.commitMessage == reference.commitMessage)
        #expect(patch.commitMessage.hasPrefix("Avoid allocating a new VMA"))
        #expect(patch.commitMessage.hasSuffix("Signed-off-by: Andrew Morton <akpm@linux-foundation.org>"))
        #expect(patch.messageID == "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com")
        // The quoted copy carries no date of its own and no signature.
        #expect(patch.signature == nil)
    }

    @Test func obfuscatedAuthorIsRestoredFromLinkLines() throws {
        var m5 = try PatchFixtures.seedMessage("M5")
        m5.parts[0].text = m5.parts[0].text.replacingOccurrences(of: "Liam.Howlett@Oracle.com", with: "Liam.Howlett@...cle.com")
        m5.addressesObfuscated = true
        let (a5, d5) = try PatchFixtures.seedDiff(in: m5, depth: 4)
        let patch = try #require(PatchBuilder.patches(message: m5, quotes: [a5], diffs: [d5]).first)
        #expect(patch.authorAddress == "Liam.Howlett@oracle.com")
        #expect(!patch.authorAddressObfuscated)
    }

    @Test func obfuscatedAuthorWithoutEvidenceIsFlagged() throws {
        var m5 = try PatchFixtures.seedMessage("M5")
        var text = m5.parts[0].text.replacingOccurrences(of: "Liam.Howlett@Oracle.com", with: "Liam.Howlett@...cle.com")
        text = text.replacingOccurrences(of: "Liam.Howlett@oracle.com", with: "someone@example.org")
        m5.parts[0].text = text
        m5.headers = m5.headers.map { HeaderField(name: $0.name, value: $0.value.replacingOccurrences(of: "oracle.com", with: "...cle.com")) }
        let (a5, d5) = try PatchFixtures.seedDiff(in: m5, depth: 4)
        let patch = try #require(PatchBuilder.patches(message: m5, quotes: [a5], diffs: [d5]).first)
        #expect(patch.authorAddress == "Liam.Howlett@...cle.com")
        #expect(patch.authorAddressObfuscated)
    }

    @Test func replyWithoutInBodyHeadersUsesMailHeaders() throws {
        let raw = """
        From: Jane Doe <jane@example.org>
        Subject: Re: [PATCH] foo: fix the frobnicator
        Date: Tue, 2 Aug 2022 09:05:00 +0200

        > something quoted
        Here is a better fix.

        Signed-off-by: Jane Doe <jane@example.org>
        ---
        diff --git a/foo.c b/foo.c
        --- a/foo.c
        +++ b/foo.c
        @@ -1 +1 @@
        -a
        +b

        """
        let message = PatchFixtures.message(raw)
        let analysis = QuoteAnalyzer.analyse(message.body)
        let start = try #require(analysis.lines.firstIndex { $0.raw.hasPrefix("diff --git") })
        let diff = ExtractedDiff(depth: 0, files: PatchFixtures.files(raw), complete: true, repairs: [], partIndex: 0, lineRange: start..<(start + 6))
        let patch = try #require(PatchBuilder.patches(message: message, quotes: [analysis], diffs: [diff]).first)
        #expect(patch.subject == "[PATCH] foo: fix the frobnicator")
        #expect(patch.authorName == "Jane Doe")
        #expect(patch.authorAddress == "jane@example.org")
        #expect(patch.date == "Tue, 2 Aug 2022 09:05:00 +0200")
        #expect(patch.commitMessage == "Here is a better fix.\n\nSigned-off-by: Jane Doe <jane@example.org>")
    }

    @Test func scissorsAndPastedFormatPatchHeaders() throws {
        let lines = """
        Something like this (untested)?

        -- >8 --
        From 2bd0e4ab1d2b8e4f6e0c1c7a6a9e1f5a0c3d2e11 Mon Sep 17 00:00:00 2001
        From: Ann Other <ann@example.com>
        Date: Wed, 3 Aug 2022 10:00:00 -0400
        Subject: [PATCH] bar: do not leak
         the buffer

        Free it.
        ---
        """.split(separator: "\n", omittingEmptySubsequences: false)
        let d = PatchDescription.parse(lines)
        #expect(d.from == "Ann Other <ann@example.com>")
        #expect(d.date == "Wed, 3 Aug 2022 10:00:00 -0400")
        #expect(d.subject == "[PATCH] bar: do not leak the buffer")
        #expect(d.commitMessage == "Free it.")
    }

    @Test func commitMessageIsCleanedLikeGitAm() {
        let lines = ["", "Line one.   ", "", "", "Line two.", "", "---", "ignored"]
        #expect(PatchDescription.parse(lines).commitMessage == "Line one.\n\nLine two.")
        #expect(PatchDescription.isPatchBreak("---"))
        #expect(PatchDescription.isPatchBreak("---  "))
        #expect(PatchDescription.isPatchBreak("--- a/file"))
        #expect(!PatchDescription.isPatchBreak("----"))
        #expect(!PatchDescription.isPatchBreak("---x"))
    }
}

@Suite struct PatchSubjectTests {
    @Test(arguments: [
        ("Re: [PATCH v12 22/69] mm/mmap: change", "[PATCH v12 22/69] mm/mmap: change"),
        ("RE: Re: Fwd: [PATCH] x", "[PATCH] x"),
        ("AW: Sv: SV: Antw: [RFC PATCH 1/2] y", "[RFC PATCH 1/2] y"),
        ("Re[2]: Re^3: foo", "foo"),
        ("Re :  spaced   out", "spaced out"),
        ("[Linux-kernel] Re: [PATCH] z", "[PATCH] z"),
        ("Ответ: Re: [PATCH] q", "[PATCH] q"),
        ("tr: fix token ring", "tr: fix token ring"),
        ("rv: add monitor", "rv: add monitor"),
        ("TR: [PATCH] forwarded", "[PATCH] forwarded"),
        ("[PATCH] Re-add foo", "[PATCH] Re-add foo"),
    ])
    func cleans(_ input: String, _ expected: String) {
        #expect(PatchSubject.clean(input) == expected)
    }

    @Test func titleDropsTags() {
        #expect(PatchSubject.title("[PATCH v2 1/3] [net] foo: bar") == "foo: bar")
    }
}

@Suite struct PatchDateTests {
    @Test(arguments: [
        ("Wed, 20 Jul 2022 02:17:51 +0000", "Wed, 20 Jul 2022 02:17:51 +0000"),
        ("Mon, 25 Jul 2022 22:13:53 +0300 (MSK)", "Mon, 25 Jul 2022 22:13:53 +0300"),
        ("2 Aug 2022 09:05 +0200", "Tue, 2 Aug 2022 09:05:00 +0200"),
        ("Mon, Jul 25, 2022 at 10:00:00AM -0400", "Mon, 25 Jul 2022 10:00:00 -0400"),
        ("Sat, 1 Jan 00 12:00:00 GMT", "Sat, 1 Jan 2000 12:00:00 +0000"),
        ("Thu, 29 Feb 2024 23:59:59 -0930", "Thu, 29 Feb 2024 23:59:59 -0930"),
    ])
    func parsesAndFormatsLikeGit(_ input: String, _ expected: String) {
        #expect(PatchDate.parse(input)?.rfc2822 == expected)
    }

    @Test(arguments: ["20.07.2022 05:17", "220725 10:00", "", "garbage", "Wed, 20 Jul 2022 02:17:51"])
    func refusesDatesWithoutZone(_ input: String) {
        #expect(PatchDate.parse(input) == nil)
    }
}

@Suite struct PatchAuthorTests {
    @Test func parsesMailboxes() {
        #expect(PatchAuthor.parse("\"Liam R. Howlett\" <Liam.Howlett@Oracle.com>") == PatchAuthor(name: "Liam R. Howlett", address: "Liam.Howlett@Oracle.com"))
        #expect(PatchAuthor.parse("jane@example.org (Jane Doe)") == PatchAuthor(name: "Jane Doe", address: "jane@example.org"))
        #expect(PatchAuthor.parse("jane@example.org") == PatchAuthor(name: nil, address: "jane@example.org"))
        #expect(PatchAuthor.parse("  ") == nil)
        #expect(PatchAuthor.parse("\"Matthew Wilcox (Oracle)\" <willy@infradead.org>")?.name == "Matthew Wilcox (Oracle)")
    }

    @Test func restoresOnlyWithAgreeingEvidence() {
        #expect(KnownAddresses.restore("digetx@...il.com", using: ["digetx@gmail.com"]) == "digetx@gmail.com")
        #expect(KnownAddresses.restore("Liam.Howlett@...cle.com", using: ["20220504011345.662299-7-Liam.Howlett@oracle.com"]) == "Liam.Howlett@oracle.com")
        #expect(KnownAddresses.restore("x@...il.com", using: ["x@gmail.com", "x@hmail.com"]) == nil)
        #expect(KnownAddresses.restore("x@...il.com", using: ["x@mail.com"]) == nil) // wrong length
        #expect(KnownAddresses.restore("x@...il.com", using: []) == nil)
    }

    @Test func scansAddressesInURLsAndIDs() {
        let m = MailMessage(headers: [HeaderField(name: "Message-ID", value: "<a.b@c.example>")],
                            parts: [TextPart(text: "Link: https://lkml.kernel.org/r/2022-1-Liam.Howlett@oracle.com\nmail me@x.org.")], origin: .openwallPage)
        let known = KnownAddresses.in(m)
        #expect(known.contains("a.b@c.example"))
        #expect(known.contains("2022-1-Liam.Howlett@oracle.com"))
        #expect(known.contains("me@x.org"))
    }
}

@Suite struct PatchHostileInputTests {
    @Test func hugeSubjectsAndNamesStayLinear() {
        // Quadratic work here would take minutes; linear work is instant.
        let subject = String(repeating: "Re: tr: ", count: 20_000) + "[PATCH] x"
        #expect(PatchSubject.clean(subject) == "[PATCH] x")
        let path = String(repeating: "d/", count: 50_000) + "f.c"
        let file = FileDiff(flavor: .git, oldPath: "a/" + path, newPath: "b/" + path, headerLines: ["diff --git a/\(path) b/\(path)"],
                            hunks: [Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: ["-a", "+b"])])
        let stat = Diffstat.render([file])
        #expect(stat.hasPrefix(" .../"))
        #expect(stat.split(separator: "\n").first.map { $0.utf8.count <= 72 } == true)
        #expect(PatchFileName.make(number: 1, subject: subject).utf8.count <= 64)
        let mail = PatchMail.subjectHeader(String(repeating: "word ", count: 20_000))
        #expect(mail.split(separator: "\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func garbageDescriptionsDoNotTrap() {
        for text in ["", "\n\n\n", "From:", "From: \n Subject:", "---", "-- >8 --", "Subject: " + String(repeating: "x", count: 10_000), "From \u{0}\u{1}:"] {
            let d = PatchDescription.parse(text.split(separator: "\n", omittingEmptySubsequences: false))
            #expect(d.commitMessage.utf8.count <= text.utf8.count)
        }
        #expect(PatchDate.parse(String(repeating: "1:2 ", count: 1000)) == nil)
        #expect(PatchAuthor.parse("<<<>>>")?.address == nil)
    }
}

@Suite struct QuotedDateTests {
    @Test func depthOneAttributionTakesTheSendersZone() throws {
        // M2 quotes M1 at depth 1 under "20.07.2022 05:17, Liam Howlett пишет:",
        // written by Dmitry (+0300): that is M1's 02:17 UTC.
        let m2 = try PatchFixtures.seedMessage("M2")
        let (analysis, diff) = try PatchFixtures.seedDiff(in: m2, depth: 1)
        var d = diff
        d.date = "20.07.2022 05:17"
        let patch = try #require(PatchBuilder.patches(message: m2, quotes: [analysis], diffs: [d]).first)
        #expect(patch.date == "Wed, 20 Jul 2022 05:17:00 +0300")
    }

    @Test func deeperAttributionsGiveNoMailDate() throws {
        let m5 = try PatchFixtures.seedMessage("M5")
        let (analysis, diff) = try PatchFixtures.seedDiff(in: m5, depth: 4)
        var d = diff
        d.date = "20.07.2022 05:17"
        let patch = try #require(PatchBuilder.patches(message: m5, quotes: [analysis], diffs: [d]).first)
        #expect(patch.date == nil)
        #expect(patch.dateAsWritten != nil)
    }
}

@Suite struct InBodyEncodedWordTests {
    @Test func inBodyHeadersAreDecodedLikeGitMailinfo() {
        let d = PatchDescription.parse(["From: =?UTF-8?q?J=C3=B6hn=20D=C5=93?= <john@example.org>", "Subject: =?UTF-8?B?W1BBVENIXSDDvG5pY29kZQ==?=", "", "Body."])
        #expect(d.from == "Jöhn Dœ <john@example.org>")
        #expect(d.subject == "[PATCH] ünicode")
        #expect(d.commitMessage == "Body.")
    }
}
