import Testing
@testable import ListArcCore

@Suite struct CharsetTests {
    @Test func declaredCharsets() {
        #expect(Charset.decode([0x63, 0x61, 0x66, 0xE9], charset: "ISO-8859-1") == "café")
        #expect(Charset.decode([0xA4], charset: "iso8859-15") == "€")
        #expect(Charset.decode([0xA4], charset: "ISO_8859-15") == "€")
        #expect(Charset.decode([0x80, 0x93], charset: "windows-1252") == "€“")
        #expect(Charset.decode([0x80], charset: "cp1252") == "€")
        #expect(Charset.decode([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], charset: "koi8-r") == "Привет")
        #expect(Charset.decode([0xA4], charset: "KOI8-U") == "є")
        #expect(Charset.decode([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], charset: "windows-1251") == "Привет")
        #expect(Charset.decode([0xB1], charset: "iso-8859-2") == "ą")
        #expect(Charset.decode([0xE1], charset: "iso-8859-7") == "α")
        #expect(Charset.decode([0xC3, 0xA9], charset: "\"UTF-8\"") == "é")
        #expect(Charset.decode([0xFF, 0xFE, 0x41, 0x00], charset: "utf-16") == "A")
    }

    @Test func unknownNoneAndMissingFallBack() {
        // Valid UTF-8 stays UTF-8 …
        #expect(Charset.decode([0xC3, 0xA9], charset: "none") == "é")
        #expect(Charset.decode([0xC3, 0xA9], charset: nil) == "é")
        #expect(Charset.decode([0xC3, 0xA9], charset: "x-no-such-charset") == "é")
        // … invalid bytes become windows-1252, valid sequences around them survive.
        #expect(Charset.decode([0xE9], charset: "none") == "é")
        #expect(Charset.decode([0x80, 0xC3, 0xA9, 0xE9], charset: "us-ascii") == "€éé")
        #expect(Charset.decode([0xE9, 0x41], charset: "utf-8") == "éA")
        // Overlong forms and surrogates are not UTF-8: each byte falls back.
        #expect(Charset.decode([0xC0, 0xAF], charset: nil) == "À¯")
        #expect(Charset.decode([0xED, 0xA0, 0x80], charset: nil) == "í\u{A0}€")
        #expect(Charset.decode([0xF0, 0x9F, 0x98, 0x80, 0xFF], charset: nil) == "😀ÿ")
        // Undefined windows-1252 bytes keep a code point (no byte lost).
        #expect(Charset.decode([0x81], charset: "utf-8").unicodeScalars.first?.value == 0x81)
    }

    @Test func bytesTheCharsetCannotConvertFallBack() {
        // 0xA5 is undefined in iso-8859-3; Foundation fails, the fallback still yields text.
        let text = Charset.decode([0x41, 0xA5], charset: "iso-8859-3")
        #expect(text.hasPrefix("A") && text.count == 2)
    }

    @Test func controlBytesAreKept() {
        #expect(Charset.decode([0x61, 0x00, 0x62, 0x0D, 0x63], charset: "utf-8") == "a\u{0}b\rc")
    }
}
