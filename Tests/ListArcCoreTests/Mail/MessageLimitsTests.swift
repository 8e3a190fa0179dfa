import Testing
@testable import ListArcCore

/// Each size limit refuses the message with an error naming the input and the limit.
@Suite struct MessageLimitsTests {
    static func mail(body: String, headers: [String] = []) -> [UInt8] {
        Array((["From: a@example.org", "Subject: s"] + headers + ["", body]).joined(separator: "\n").utf8)
    }

    @Test func aMailOverTheSizeLimit() {
        let body = String(repeating: "a line of a very large mail\n", count: MessageLimits.maxMessageBytes / 28 + 1)
        let error = #expect(throws: InputError.self) { try MailParser.parse(Self.mail(body: body), sourceURL: "big.eml") }
        #expect(error?.input == "big.eml")
        #expect(error?.problem.hasSuffix("bytes exceeds the limit of 67108864 bytes (64 MB)") == true)
    }

    @Test func aRawLineOverTheLimit() {
        let header = "X-Long: " + String(repeating: "x", count: MessageLimits.maxLineBytes)
        let error = #expect(throws: InputError.self) { try MailParser.parse(Self.mail(body: "hi", headers: [header]), sourceURL: "long.eml") }
        #expect(error?.problem == "line 3 of the mail is 16777224 bytes long; the limit is 16777216 bytes (16 MB)")
    }

    @Test func aDecodedLineOverTheLimit() {
        // Base64 lines are short; the text they decode to is one long line.
        let encoded = Base64Lines.encode(String(repeating: "y", count: MessageLimits.maxLineBytes + 10))
        let bytes = Self.mail(body: encoded, headers: ["Content-Transfer-Encoding: base64"])
        let error = #expect(throws: InputError.self) { try MailParser.parse(bytes, sourceURL: "b64.eml") }
        #expect(error?.problem == "line 1 of the text is 16777226 bytes long; the limit is 16777216 bytes (16 MB)")
    }

    @Test func quoteMarkersOverTheLimit() throws {
        let deep = "ok\n" + String(repeating: "> ", count: MessageLimits.maxQuoteMarkers + 1) + "x\n"
        let error = #expect(throws: InputError.self) { try MailParser.parse(Self.mail(body: deep), sourceURL: "deep.eml") }
        #expect(error?.problem == "line 2 is quoted 1001 levels deep; the limit is 1000")
        let bars = String(repeating: "|", count: MessageLimits.maxQuoteMarkers + 5)
        #expect(throws: InputError.self) { try MailParser.parse(Self.mail(body: bars), sourceURL: "bars.eml") }
        // At the limit, and markers after text, are fine.
        let atLimit = String(repeating: ">", count: MessageLimits.maxQuoteMarkers) + " x\n" + "x " + String(repeating: ">", count: 5000)
        let message = try MailParser.parse(Self.mail(body: atLimit), sourceURL: "ok.eml")
        #expect(QuoteAnalyzer.analyse(message.body).maxDepth == MessageLimits.maxQuoteMarkers)
    }

    @Test func hunksPerFileStopAtTheLimitAndMarkTheDiffIncomplete() throws {
        var lines = ["diff --git a/f b/f", "--- a/f", "+++ b/f"]
        for i in 0..<(DiffLimits.maxHunksPerFile + 50) {
            lines += ["@@ -\(i * 10 + 1),1 +\(i * 10 + 1),1 @@", "-old \(i)", "+new \(i)"]
        }
        let diffs = DiffExtractor.extract(from: QuoteAnalyzer.analyse(lines.joined(separator: "\n") + "\n"), partIndex: 0)
        let diff = try #require(diffs.first)
        #expect(diff.files.first?.hunks.count == DiffLimits.maxHunksPerFile)
        #expect(!diff.complete)
        #expect(diff.repairs.contains(.hunkLimitReached))
        #expect(diffs.allSatisfy { $0.files.allSatisfy { $0.hunks.count <= DiffLimits.maxHunksPerFile } })
    }
}

/// Base64 in 76-column lines, as mail clients write it.
enum Base64Lines {
    static func encode(_ text: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 57 + 4)
        var column = 0
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i]), b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[b2 & 63] : UInt8(ascii: "="))
            i += 3
            column += 4
            if column == 76 { out.append(0x0A); column = 0 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
