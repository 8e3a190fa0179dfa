import Testing
@testable import ListArcCore

@Suite struct TransferEncodingTests {
    func qp(_ text: String) -> String { String(decoding: TransferEncoding.quotedPrintable(Array(text.utf8)[...]), as: UTF8.self) }
    func b64(_ text: String) -> [UInt8] { TransferEncoding.base64(Array(text.utf8)[...]) }

    @Test func quotedPrintable() {
        #expect(qp("a=3Db") == "a=b")
        #expect(qp("soft=\nbreak") == "softbreak")
        #expect(qp("soft=\r\nbreak") == "softbreak")
        #expect(qp("soft= \t\nbreak") == "softbreak")
        #expect(qp("lower=c3=a9") == "loweré")
        #expect(qp("trailing space \n") == "trailing space \n")
        #expect(qp("tab\t=09\n") == "tab\t\t\n")
    }

    @Test func brokenQuotedPrintableKeepsText() {
        #expect(qp("100%=") == "100%")
        #expect(qp("a=zzb") == "a=zzb")
        #expect(qp("a=4") == "a=4")
        #expect(qp("=") == "")
    }

    @Test func base64() {
        #expect(b64("aGVsbG8=") == Array("hello".utf8))
        #expect(b64("aGVs\nbG8=\n") == Array("hello".utf8))
        #expect(b64("aGVsbG8") == Array("hello".utf8))
        #expect(b64("AAEC") == [0, 1, 2])
        // Concatenated blocks, junk characters, missing padding.
        #expect(b64("aGk=aGk=") == Array("hihi".utf8))
        #expect(b64("a G\u{7}k *") == Array("hi".utf8))
        #expect(b64("") == [])
        #expect(b64("a") == [])
    }

    @Test func dispatch() {
        let body = Array("aGk=".utf8)[...]
        #expect(TransferEncoding.decode(body, encoding: " BASE64 ") == Array("hi".utf8))
        #expect(TransferEncoding.decode(body, encoding: "8bit") == Array("aGk=".utf8))
        #expect(TransferEncoding.decode(body, encoding: "x-uuencode") == Array("aGk=".utf8))
        #expect(TransferEncoding.decode(body, encoding: nil) == Array("aGk=".utf8))
    }
}
