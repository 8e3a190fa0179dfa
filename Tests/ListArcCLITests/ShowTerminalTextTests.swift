import Testing
@testable import listarc

/// Message text printed on a terminal cannot drive it.
@Suite struct ShowTerminalTextTests {
    let esc = "\u{1B}"

    @Test func plainTextIsUntouched() {
        let s = "diff --git a/x b/x\t+int x;  Привет 日本 ✓"
        #expect(TerminalText.neutralised(s) == s)
        // It neutralises one line: a line feed cannot start a fake line either.
        #expect(TerminalText.neutralised("Subject: a\nFrom: forged") == "Subject: a\u{240A}From: forged")
    }

    @Test func csiSequencesAreRemoved() {
        #expect(TerminalText.neutralised("\(esc)[31mred\(esc)[0m text") == "red text")
        #expect(TerminalText.neutralised("a\(esc)[2J\(esc)[Hb") == "ab")            // clear screen, home
        #expect(TerminalText.neutralised("x\(esc)[?1049hy") == "xy")                // private mode
        #expect(TerminalText.neutralised("\(esc)[38;2;255;0;0mrgb") == "rgb")
        #expect(TerminalText.neutralised("\u{9B}31mC1 CSI") == "C1 CSI")
    }

    @Test func oscAndOtherStringsAreRemoved() {
        // Window title, terminated by BEL and by ST.
        #expect(TerminalText.neutralised("\(esc)]0;pwned\u{07}after") == "after")
        #expect(TerminalText.neutralised("\(esc)]52;c;ZWNobyBoaQ==\(esc)\\after") == "after") // clipboard write
        // Hyperlink: the visible text stays, the target goes.
        #expect(TerminalText.neutralised("\(esc)]8;;http://evil.example/\(esc)\\click\(esc)]8;;\(esc)\\") == "click")
        #expect(TerminalText.neutralised("\(esc)Pq#0;2;0;0;0\(esc)\\ok") == "ok")       // DCS (sixel)
        #expect(TerminalText.neutralised("\(esc)_apc payload\(esc)\\ok") == "ok")
        #expect(TerminalText.neutralised("\u{9D}0;title\u{9C}ok") == "ok")             // C1 OSC and ST
        // Unterminated: nothing after it can reach the terminal as a command.
        #expect(TerminalText.neutralised("ok\(esc)]0;title without end") == "ok")
    }

    @Test func otherEscapesAreRemoved() {
        #expect(TerminalText.neutralised("a\(esc)cb") == "ab")       // full reset
        #expect(TerminalText.neutralised("a\(esc)(0b") == "ab")      // line-drawing charset
        #expect(TerminalText.neutralised("a\(esc)") == "a")
    }

    @Test func controlCharactersBecomeVisible() {
        // A carriage return would let a mail overwrite what was printed before it.
        #expect(TerminalText.neutralised("safe\rEVIL") == "safe\u{240D}EVIL")
        #expect(TerminalText.neutralised("bell\u{07}back\u{08}") == "bell\u{2407}back\u{2408}")
        #expect(TerminalText.neutralised("nul\u{0}del\u{7F}") == "nul\u{2400}del\u{2421}")
        #expect(TerminalText.neutralised("c1\u{85}\u{8D}") == "c1\u{FFFD}\u{FFFD}")
        #expect(TerminalText.neutralised("tab\tkept") == "tab\tkept")
    }

    @Test func outputHasNoControlsLeft() {
        let hostile = "\(esc)[1m\(esc)]0;x\u{07}\u{9B}2J\r\u{85}\(esc)P1$r\(esc)\\\(esc)[\u{1}m"
        let out = TerminalText.neutralised(hostile)
        #expect(!TerminalText.needsWork(out))
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}
