/// Message text made safe for a terminal: a mail must not be able to drive the
/// user's terminal (recolour, retitle, move the cursor, rewrite the clipboard,
/// overwrite what was printed with a carriage return).
enum TerminalText {
    /// Removes escape sequences (ESC or C1 introduced: CSI, OSC, DCS, SOS, PM, APC
    /// and two-character escapes) and shows every other control character (C0 but
    /// tab, DEL, C1) as a visible symbol (␍, ␛, ␡, �).
    static func neutralised(_ text: String) -> String {
        guard needsWork(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i].value
            switch c {
            case 0x1B:
                i = afterEscape(scalars, i)
            case 0x9B:
                i = afterControlSequence(scalars, i + 1)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                i = afterControlString(scalars, i + 1, bellEnds: c == 0x9D)
            case 0x09:
                out.append(scalars[i]); i += 1
            case 0..<0x20:
                out.append(Unicode.Scalar(0x2400 + c)!); i += 1
            case 0x7F:
                out.append("\u{2421}"); i += 1
            case 0x80..<0xA0:
                out.append("\u{FFFD}"); i += 1
            default:
                out.append(scalars[i]); i += 1
            }
        }
        return String(out)
    }

    /// Any C0 control but tab, DEL, or a C1 control (UTF-8 C2 80 – C2 9F)?
    static func needsWork(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if (b < 0x20 && b != 0x09) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b < 0xA0) { return true }
            previous = b
        }
        return false
    }

    /// Index after the escape sequence that starts with ESC at `i`.
    private static func afterEscape(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i + 1 < s.count else { return i + 1 }
        let next = s[i + 1].value
        switch next {
        case 0x5B: return afterControlSequence(s, i + 2)                          // ESC [  CSI
        case 0x5D: return afterControlString(s, i + 2, bellEnds: true)            // ESC ]  OSC
        case 0x50, 0x58, 0x5E, 0x5F: return afterControlString(s, i + 2, bellEnds: false) // DCS SOS PM APC
        case 0x20...0x2F:                                                         // ESC ( B and other nF escapes
            var j = i + 1
            while j < s.count, (0x20...0x2F).contains(s[j].value) { j += 1 }
            if j < s.count, (0x30...0x7E).contains(s[j].value) { j += 1 }
            return j
        case 0x30...0x7E: return i + 2                                            // ESC 7, ESC c, …
        default: return i + 1                                                     // a lone ESC
        }
    }

    /// CSI parameters and intermediates, then one final byte; stops early (without
    /// swallowing it) at anything that cannot be part of the sequence.
    private static func afterControlSequence(_ s: [Unicode.Scalar], _ start: Int) -> Int {
        var j = start
        while j < s.count, (0x20...0x3F).contains(s[j].value) { j += 1 }
        if j < s.count, (0x40...0x7E).contains(s[j].value) { j += 1 }
        return j
    }

    /// OSC/DCS/SOS/PM/APC payload up to ST (ESC \ or U+009C) or, for OSC, BEL.
    /// An unterminated string runs to the end of the text, as a terminal would eat it.
    private static func afterControlString(_ s: [Unicode.Scalar], _ start: Int, bellEnds: Bool) -> Int {
        var j = start
        while j < s.count {
            let c = s[j].value
            if c == 0x9C || (bellEnds && c == 0x07) { return j + 1 }
            if c == 0x1B { return j + 1 < s.count && s[j + 1].value == 0x5C ? j + 2 : j }  // ESC \ ends it; another ESC starts anew
            j += 1
        }
        return j
    }
}
