import Testing
@testable import ListArcCore

@Suite struct MIMEStructureTests {
    @Test func multipartMixedWithPatchAttachment() throws {
        let message = try parse([
            "Subject: s", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"XYZ\"", "",
            "This is the preamble.", "--XYZ",
            "Content-Type: text/plain; charset=us-ascii", "", "Hello.", "",
            "--XYZ", "Content-Type: text/x-patch; name=\"fix.patch\"", "Content-Disposition: attachment; filename=\"fix.patch\"",
            "Content-Transfer-Encoding: base64", "", "LS0tIGEveAorKysgYi94Cg==",
            "--XYZ", "Content-Type: image/png; name=\"shot.png\"", "Content-Transfer-Encoding: base64", "", "iVBORw0KGgo=",
            "--XYZ--", "epilogue text",
        ])
        #expect(message.parts.count == 2)
        #expect(message.body == "Hello.\n")
        #expect(message.parts[1].isAttachment)
        #expect(message.parts[1].filename == "fix.patch")
        #expect(message.parts[1].contentType == "text/x-patch")
        #expect(message.parts[1].text == "--- a/x\n+++ b/x\n")
        #expect(message.otherAttachments == ["shot.png"])
    }

    @Test func nestedMultipartAndMissingFinalBoundary() throws {
        let message = try parse([
            "Content-Type: multipart/mixed; boundary=outer", "",
            "--outer", "Content-Type: multipart/alternative; boundary=inner", "",
            "--inner", "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "",
            "caf=E9", "--inner", "Content-Type: text/html", "", "<p>caf&eacute;</p>", "--inner--",
            "--outer", "Content-Type: application/octet-stream; name=\"fix.diff\"", "", "diff --git a/y b/y",
            "--outer", "Content-Type: text/plain", "", "last part, no closing boundary",
        ])
        // The line break before a boundary belongs to the boundary.
        #expect(message.parts.map(\.text) == ["café", "diff --git a/y b/y", "last part, no closing boundary\n"])
        #expect(message.parts.map(\.isAttachment) == [false, true, false])
        #expect(message.otherAttachments.isEmpty)
    }

    @Test func boundaryPrefixOfAnotherLineIsNotABoundary() throws {
        let message = try parse([
            "Content-Type: multipart/mixed; boundary=\"ab\"", "",
            "--ab", "", "--abc is text", "--ab  ", "", "second", "--ab--  ",
        ])
        #expect(message.parts.map(\.text) == ["--abc is text", "second"])
    }

    @Test func crlfMultipart() throws {
        let message = try parse([
            "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain", "", "one", "two", "--b--",
        ], crlf: true)
        #expect(message.body == "one\ntwo")
        #expect(message.parts.first?.hadCRLF == true)
    }

    @Test func multipartWithoutBoundaryLinesReadsAsText() throws {
        let message = try parse(["Content-Type: multipart/mixed; boundary=zz", "", "just text"])
        #expect(message.body == "just text\n")
        let noParameter = try parse(["Content-Type: multipart/mixed", "", "text"])
        #expect(noParameter.body == "text\n")
    }

    @Test func attachedMessageTextIsAppended() throws {
        let message = try parse([
            "Subject: Fwd: patch", "Content-Type: multipart/mixed; boundary=m", "",
            "--m", "Content-Type: text/plain", "", "See the attached mail.",
            "--m", "Content-Type: message/rfc822", "",
            "From: Patch Author <pa@example.org>", "Subject: [PATCH] fix x", "Date: Mon, 1 Jan 2024 00:00:00 +0000",
            "Content-Type: multipart/mixed; boundary=n", "",
            "--n", "Content-Type: text/plain", "", "---", "diff --git a/x b/x",
            "--n", "Content-Type: message/rfc822", "", "Subject: deeper", "", "inner inner",
            "--n--", "--m--",
        ])
        #expect(message.parts.count == 3)
        #expect(message.body == "See the attached mail.")
        #expect(message.parts[1].text == "From: Patch Author <pa@example.org>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: [PATCH] fix x\n\n---\ndiff --git a/x b/x")
        #expect(message.parts[1].isAttachment)
        #expect(message.parts[1].contentType == "message/rfc822")
        #expect(message.parts[2].text == "Subject: deeper\n\ninner inner")
    }

    @Test func htmlOnlyMailFallsBackToStrippedText() throws {
        let message = try parse([
            "Content-Type: text/html; charset=utf-8", "",
            "<html><head><style>p {}</style></head><body><p>Hello &amp; welcome<br>2 &lt; 3&#33;</p>",
            "<script>x()</script></body></html>",
        ])
        #expect(message.body == "Hello & welcome\n2 < 3!\n")
    }

    @Test func htmlAlternativeIsIgnoredWhenTextExists() throws {
        let message = try parse([
            "Content-Type: multipart/alternative; boundary=a", "",
            "--a", "Content-Type: text/plain", "", "plain", "--a", "Content-Type: text/html", "", "<div>html</div>", "--a--",
        ])
        #expect(message.parts.map(\.text) == ["plain"])
        #expect(message.otherAttachments.isEmpty)
    }

    @Test func textAttachmentsAndFilenames() throws {
        let message = try parse([
            "Content-Type: multipart/mixed; boundary=q", "",
            "--q", "Content-Type: text/plain", "", "body",
            "--q", "Content-Type: text/plain; charset=utf-8", "Content-Disposition: attachment; filename*=utf-8''caf%C3%A9.txt", "", "att",
            "--q", "Content-Type: application/x-diff", "", "d",
            "--q", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=\"=?utf-8?q?r=C3=A9sum=C3=A9.pdf?=\"", "", "%PDF",
            "--q", "Content-Type: application/pgp-signature", "", "sig",
            "--q--",
        ])
        #expect(message.parts.map(\.text) == ["body", "att", "d"])
        #expect(message.parts[1].filename == "café.txt")
        #expect(message.parts[2].isAttachment)
        #expect(message.otherAttachments == ["résumé.pdf", "application/pgp-signature"])
    }

    static func nested(_ levels: Int) -> [String] {
        var lines = ["Content-Type: multipart/mixed; boundary=b0", ""]
        for level in 0..<levels {
            lines += ["--b\(level)", "Content-Type: multipart/mixed; boundary=b\(level + 1)", ""]
        }
        return lines + ["--b\(levels)", "", "deep text"]
    }

    @Test func nestingPastTheLimitIsRefused() throws {
        for levels in [MIMEWalker.maxDepth, 2000] {
            let error = #expect(throws: InputError.self) { try parse(Self.nested(levels)) }
            #expect(error?.problem == "MIME parts nested more than 32 levels deep")
        }
        let message = try parse(Self.nested(MIMEWalker.maxDepth - 1))
        #expect(message.body.hasPrefix("deep text"))
    }

    @Test func lineEndsLoneCRAndNUL() throws {
        // Base64 body "a\r\nb\rc\0d\r\n": CRLF → LF, the lone CR and the NUL are content.
        let message = try parse(["Content-Transfer-Encoding: base64", "", "YQ0KYg1jAGQNCg=="])
        #expect(message.body == "a\nb\rc\u{0}d\n")
        #expect(message.parts.first?.hadCRLF == true)
    }

    @Test func oldMacLineEnds() throws {
        let message = try parse(["Content-Transfer-Encoding: base64", "", "YQ1iDWMN"])
        #expect(message.body == "a\nb\nc\n")
    }

    @Test func mimeParameters() {
        let header = MIMEHeader("Text/Plain; charset=\"ISO-8859-1\"; format=flowed (comment); name*0=\"a\"; name*1=\"b.txt\"")
        #expect(header.value == "text/plain")
        #expect(header["charset"] == "ISO-8859-1")
        #expect(header["format"] == "flowed (comment)")
        #expect(header["name"] == "ab.txt")
        #expect(MIMEHeader("text/plain; charset=\"unterminated").parameters["charset"] == "unterminated")
        #expect(MIMEHeader("").value == "")
        #expect(MIMEHeader("text/plain;;; ; =x; junk").value == "text/plain")
    }
}

@Suite struct MIMELimitTests {
    @Test func partCountIsBounded() throws {
        let lines = ["Content-Type: multipart/mixed; boundary=a", ""] + Array(repeating: ["--a", "", "x"], count: 10_005).flatMap { $0 }
        let message = try parse(lines)
        #expect(message.parts.count == MIMEWalker.maxParts)
        #expect(message.otherAttachments == ["(5 more MIME parts not read)"])
    }
}
