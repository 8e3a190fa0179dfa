import Testing
@testable import ListArcCore

@Suite struct HeaderTests {
    @Test func unfoldsAndKeepsOrder() throws {
        let message = try parse([
            "Received: from a", "\tby b", "Subject: a long", " subject line",
            "X-Empty:", "To: x@example.org,", "    y@example.org", "Received: second", "", "body",
        ])
        #expect(message.headers.map(\.name) == ["Received", "Subject", "X-Empty", "To", "Received"])
        #expect(message.subject == "a long subject line")
        #expect(message.header("received") == "from a\tby b")
        #expect(message.header("X-Empty") == "")
        #expect(message.header("To") == "x@example.org,    y@example.org")
        #expect(message.body == "body\n")
    }

    @Test func crlfHeadersAndBody() throws {
        let message = try parse(["Subject: hi", " there", "", "line 1", "line 2"], crlf: true)
        #expect(message.subject == "hi there")
        #expect(message.body == "line 1\nline 2\n")
        #expect(message.parts.first?.hadCRLF == true)
    }

    @Test func skipsMboxFromLineAndBOM() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + mail(["From nobody Mon Sep 17 00:00:00 2001", "From: A <a@example.org>", "", "x"])
        let message = try MailParser.parse(bytes)
        #expect(message.from == "A <a@example.org>")
        #expect(message.headers.count == 1)
    }

    @Test func leadingBlankLinesAreSkipped() throws {
        let message = try MailParser.parse(Array("\n \r\n\nSubject: s\n\nb\n".utf8))
        #expect(message.subject == "s")
        #expect(message.body == "b\n")
    }

    @Test func lineWithoutColonStartsTheBody() throws {
        // git mailinfo does the same: a line that is no header ends the header block.
        let message = try parse(["Subject: s", "this is not a header", "Date: later", "", "rest"])
        #expect(message.headers.map(\.name) == ["Subject"])
        #expect(message.body == "this is not a header\nDate: later\n\nrest\n")
    }

    @Test func headerlessTextIsAllBody() throws {
        let message = try parse(["diff --git a/x b/x", "--- a/x", "+++ b/x"])
        #expect(message.headers.isEmpty)
        #expect(message.body.hasPrefix("diff --git a/x b/x\n"))
    }

    @Test func continuationBeforeAnyFieldAndObsoleteSpaceBeforeColon() throws {
        let message = try parse([" orphan continuation", "Subject : spaced", "", "b"])
        #expect(message.header("Subject") == "spaced")
    }

    @Test func eightBitHeaderBytesFallBack() throws {
        // Raw UTF-8 is read as UTF-8; an invalid byte as windows-1252.
        let bytes = Array("Subject: caf\u{E9} ".utf8) + [0xE9, 0x0A] + Array("From: J\u{F6}rg <j@example.org>\n\nb\n".utf8)
        let message = try MailParser.parse(bytes)
        #expect(message.subject == "café é")
        #expect(message.from == "Jörg <j@example.org>")
    }

    @Test func hugeHeaderAndNoBody() throws {
        let long = String(repeating: "a", count: 200_000)
        let message = try parse(["X-Long: " + long, "Subject: s"])
        #expect(message.header("X-Long")?.count == 200_000)
        #expect(message.subject == "s")
        #expect(message.body == "")
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: InputError.self) { try MailParser.parse([], sourceURL: "x") }
        #expect(throws: InputError.self) { try MailParser.parse(Array(" \n\r\n".utf8), sourceURL: "x") }
    }

    @Test func keepsRaw() throws {
        let bytes = mail(["Subject: s", "", "body"])
        #expect(try MailParser.parse(bytes).raw == "Subject: s\n\nbody\n")
    }
}
