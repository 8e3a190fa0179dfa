import Testing
@testable import ListArcCore

@Suite struct EncodedWordsTests {
    func decode(_ text: String) -> String { EncodedWords.decode(Array(text.utf8)) }

    @Test func base64AndQ() {
        #expect(decode("=?UTF-8?B?QmrDtnJuIFTDtnBlbA==?= <bjorn@example.com>") == "Björn Töpel <bjorn@example.com>")
        #expect(decode("=?iso-8859-1?q?J=F6rg_Sch=FCtz?=") == "Jörg Schütz")
        #expect(decode("=?utf-8?Q?caf=C3=A9?=") == "café")
        #expect(decode("=?koi8-r?B?8NLJ18XU?=") == "Привет")
        #expect(decode("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?=") == "Привет")
    }

    @Test func whitespaceBetweenAdjacentWordsIsDropped() {
        #expect(decode("=?utf-8?q?a?= =?utf-8?q?b?=") == "ab")
        #expect(decode("=?utf-8?q?a?=\r\n\t=?utf-8?q?b?=") == "ab")
        #expect(decode("=?utf-8?q?a?= b =?utf-8?q?c?=") == "a b c")
        #expect(decode("x =?utf-8?q?a?=") == "x a")
        #expect(decode("=?utf-8?q?a_?= =?iso-8859-1?q?=E9?=") == "a é")
    }

    @Test func multibyteCharacterSplitAcrossWords() {
        // "é" = C3 A9, split between two words.
        #expect(decode("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=") == "café")
    }

    @Test func languageSuffixAndLowerCaseEncoding() {
        #expect(decode("=?utf-8*en?b?aGk=?=") == "hi")
    }

    @Test func brokenWordsStayAsText() {
        #expect(decode("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=")
        #expect(decode("=?utf-8?q?no end") == "=?utf-8?q?no end")
        #expect(decode("a =? b ?= c") == "a =? b ?= c")
        #expect(decode("=?unknown-charset?q?caf=C3=A9?=") == "café")
        #expect(decode("=?utf-8?q?bad=FF?=") == "badÿ")
        // Invalid base64 decodes as far as it goes.
        #expect(decode("=?utf-8?b?aGk*?=") == "hi")
    }

    @Test func manyBrokenMarkersStayLinear() {
        // Would be quadratic if each "=?" rescanned to the far "?=".
        let text = String(repeating: "=?a?q?x", count: 50_000) + " ?="
        #expect(decode(text).count == text.count)
    }
}
