import Foundation

/// What one attribution line (or a wrapped pair joined) says about the message it
/// introduces. Matching is textual only; `QuoteAnalyzer` decides from the lines
/// around it whether it really introduces quoted text.
struct AttributionText: Equatable {
    var name: String?
    var address: String?
    var date: String?
    var style: Attribution.Style

    /// Longest line considered (bytes): attributions are short, and the limit keeps
    /// the String work off huge lines.
    static let maxLength = 400

    /// Date-first openers: "On DATE, NAME wrote:", "Le DATE, NAME a écrit :", …
    static let openers = ["On ", "Le ", "El ", "Il giorno ", "Il ", "Em ", "W dniu ", "Dnia ", "Op ", "Den ", "Am ", "Dne ", "在 ", "於 "]

    /// "NAME VERB:" endings (the part before may start with an opener and a date).
    private static let suffixVerbs: [(String, Attribution.Style)] = [
        (" wrote:", .english), (" writes:", .english), (" wrote :", .english), (" said:", .english),
        (" пишет:", .russian), (" написал:", .russian), (" написала:", .russian), (" написал(а):", .russian),
        (" пише:", .russian), (" писал:", .russian), (" писала:", .russian),
        (" schrieb:", .german), (" a écrit :", .french), (" a écrit:", .french), (" a ecrit :", .french), (" a ecrit:", .french),
        (" escribió:", .spanish), (" escribio:", .spanish), (" ha scritto:", .italian), (" schreef:", .dutch),
        (" escreveu:", .portuguese), (" pisze:", .other), (" napisał:", .other), (" napisała:", .other), (" napisał(a):", .other),
        (" skrev:", .other), (" kirjoitti:", .other), (" írta:", .other), (" napsal:", .other), (" napsal(a):", .other), (" yazdı:", .other),
        ("写道:", .chinese), ("写道：", .chinese), ("寫道:", .chinese), ("寫道：", .chinese),
        ("さんは書きました:", .japanese), ("さんは書きました：", .japanese), ("は書きました:", .japanese), ("は書きました：", .japanese),
        ("님이 작성:", .korean), ("님이 작성：", .korean),
    ]

    /// "OPENER DATE VERB NAME:" (German, Dutch, Scandinavian, Czech).
    private static let infixVerbs: [(opener: String, verb: String, style: Attribution.Style)] = [
        ("Am ", " schrieb ", .german), ("Op ", " schreef ", .dutch), ("Den ", " skrev ", .other), ("Dne ", " napsal ", .other),
        ("Dne ", " napsal(a) ", .other),
    ]

    /// "NAME VERB DATE:" ("Liam Howlett schrieb am 25.07.2022 um 21:49:").
    private static let nameFirstVerbs: [(String, Attribution.Style)] = [
        (" schrieb am ", .german), (" schreef op ", .dutch), (" wrote on ", .english), (" a écrit le ", .french),
        ("'s message of ", .english),  // sup/alot: "Excerpts from NAME's message of DATE:"
    ]

    static func match(_ line: String) -> AttributionText? {
        var text = line
        // No-break spaces (French "a écrit :") read as spaces.
        if text.unicodeScalars.contains(where: { $0 == "\u{00A0}" || $0 == "\u{202F}" }) {
            text = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{00A0}" || $0 == "\u{202F}" ? " " : $0 }))
        }
        var s = Substring(text)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        guard s.utf8.count <= maxLength, let last = s.last, last == ":" || last == "：", mayMatch(Array(s.utf8)) else { return nil }
        return mutt(s) ?? infix(s) ?? suffix(s) ?? nameFirst(s) ?? quoting(s) ?? dateThenAddress(s)
    }

    /// Byte test for every form below, so that most lines ending in ':' cost no
    /// String work.
    private static func mayMatch(_ u: [UInt8]) -> Bool {
        func ends(_ p: [UInt8]) -> Bool { u.count >= p.count && u[(u.count - p.count)...].elementsEqual(p) }
        func starts(_ p: [UInt8]) -> Bool { u.count >= p.count && u[..<p.count].elementsEqual(p) }
        func contains(_ p: [UInt8]) -> Bool {
            guard u.count >= p.count, let f = p.first else { return false }
            var i = 0
            while i + p.count <= u.count {
                if u[i] == f, u[i..<(i + p.count)].elementsEqual(p) { return true }
                i += 1
            }
            return false
        }
        return ends(Bytes.bracketColon) || ends(Bytes.angleColon) || Bytes.suffixVerbs.contains(where: ends)
            || Bytes.leading.contains(where: starts) || Bytes.nameFirstVerbs.contains(where: contains)
    }

    private enum Bytes {
        static let bracketColon = Array("]:".utf8), angleColon = Array(">:".utf8)
        static let suffixVerbs = AttributionText.suffixVerbs.map { Array($0.0.utf8) }
        static let leading = (AttributionText.infixVerbs.map(\.opener) + ["Quoting ", "Excerpts from "]).map { Array($0.utf8) }
        static let nameFirstVerbs = AttributionText.nameFirstVerbs.map { Array($0.0.utf8) }
    }

    /// mutt: `* NAME <addr> [YYMMDD HH:MM]:` (any date format inside the brackets).
    private static func mutt(_ s: Substring) -> AttributionText? {
        // The name starts after "* "; a " [" that overlaps it (`* [x]:`) names no one.
        guard s.hasPrefix("* "), s.hasSuffix("]:"), let open = s.range(of: " [", options: .backwards),
              open.lowerBound >= s.index(s.startIndex, offsetBy: 2) else { return nil }
        let date = s[open.upperBound..<s.index(s.endIndex, offsetBy: -2)]
        guard date.contains(where: \.isNumber) else { return nil }
        let who = PersonText.parse(s[s.index(s.startIndex, offsetBy: 2)..<open.lowerBound])
        guard who.name != nil || who.address != nil else { return nil }
        return AttributionText(name: who.name, address: who.address, date: PersonText.clean(date), style: .mutt)
    }

    private static func infix(_ s: Substring) -> AttributionText? {
        for (opener, verb, style) in infixVerbs where s.hasPrefix(opener) {
            guard let v = s.range(of: verb) else { continue }
            let date = s[s.index(s.startIndex, offsetBy: opener.count)..<v.lowerBound]
            guard date.contains(where: \.isNumber) else { continue }
            let who = PersonText.parse(s[v.upperBound..<s.index(before: s.endIndex)])
            guard who.name != nil || who.address != nil else { continue }
            return AttributionText(name: who.name, address: who.address, date: PersonText.clean(date), style: style)
        }
        return nil
    }

    private static func suffix(_ s: Substring) -> AttributionText? {
        let u = Array(s.utf8)
        for (n, (verb, style)) in suffixVerbs.enumerated() {
            let v = Bytes.suffixVerbs[n]
            guard u.count >= v.count, u[(u.count - v.count)...].elementsEqual(v) else { continue }
            var inner = s.dropLast(verb.count)  // same Characters as bytes: every verb starts with a blank or a CJK letter
            if inner.hasPrefix("* ") { inner = inner.dropFirst(2) }  // mutt with a "wrote:" attribution
            // Gmail zh: "NAME <addr> 于DATE写道："
            if style == .chinese, let yu = inner.range(of: " 于") ?? inner.range(of: " 於") {
                let who = PersonText.parse(inner[..<yu.lowerBound])
                return AttributionText(name: who.name, address: who.address, date: PersonText.clean(inner[yu.upperBound...]), style: style)
            }
            guard let (date, person) = splitDate(inner) else { return nil }
            let who = PersonText.parse(person)
            guard who.name != nil || who.address != nil, plausibleName(who.name) else { return nil }
            return AttributionText(name: who.name, address: who.address, date: date, style: style)
        }
        return nil
    }

    private static func nameFirst(_ s: Substring) -> AttributionText? {
        for (verb, style) in nameFirstVerbs {
            guard let v = s.range(of: verb) else { continue }
            var person = s[..<v.lowerBound]
            if person.hasPrefix("Excerpts from ") { person = person.dropFirst("Excerpts from ".count) }
            let date = s[v.upperBound..<s.index(before: s.endIndex)]
            guard date.contains(where: \.isNumber) else { continue }
            let who = PersonText.parse(person)
            guard who.name != nil || who.address != nil, plausibleName(who.name) else { continue }
            return AttributionText(name: who.name, address: who.address, date: PersonText.clean(date), style: style)
        }
        return nil
    }

    /// Horde/IMP: "Quoting NAME <addr>:" or "Quoting NAME (DATE):".
    private static func quoting(_ s: Substring) -> AttributionText? {
        guard s.hasPrefix("Quoting ") else { return nil }
        var body = s.dropFirst("Quoting ".count).dropLast()
        var date: String?
        if body.hasSuffix(")"), let open = body.lastIndex(of: "("), !body[open...].contains("@") {
            date = PersonText.clean(body[open...])
            body = body[..<open]
        }
        let who = PersonText.parse(body)
        guard who.name != nil || who.address != nil else { return nil }
        return AttributionText(name: who.name, address: who.address, date: date, style: .english)
    }

    /// No verb: "DATE TIME NAME <addr>:" (Gmail in Japanese, Russian, …).
    private static func dateThenAddress(_ s: Substring) -> AttributionText? {
        let inner = s.dropLast()
        guard inner.hasSuffix(">"), inner.contains("@"), let lt = inner.lastIndex(of: "<"),
              let t = TimeText.endOfLastTime(in: inner[..<lt]) else { return nil }
        let who = PersonText.parse(inner[t...])
        guard who.address != nil, plausibleName(who.name) else { return nil }
        let date = PersonText.clean(inner[..<t])
        let style: Attribution.Style = inner.contains("年") ? .japanese
            : inner.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } ? .russian : .other
        return AttributionText(name: who.name, address: who.address, date: date, style: style)
    }

    /// Splits "DATE, NAME <addr>" (after an opener, or when the text starts with a
    /// digit) at whichever comes last of the last ", " and the end of the last clock
    /// time; without either the whole text is the person.
    private static func splitDate(_ inner: Substring) -> (String?, Substring)? {
        var text = inner
        var hasOpener = false
        for o in openers where text.hasPrefix(o) {
            text = text.dropFirst(o.count)
            hasOpener = true
            break
        }
        guard hasOpener || text.first?.isNumber == true else { return (nil, text) }
        guard text.contains(where: \.isNumber) else { return nil }
        // Do not look for the split inside the address or a quoted "Last, First" name.
        var limit = text.endIndex
        if let lt = text.lastIndex(of: "<"), text[lt...].contains("@") { limit = lt }
        var head = text[..<limit]
        while let l = head.last, l == " " || l == "\t" { head = head.dropLast() }
        if head.last == "\"", let q = head.dropLast().lastIndex(of: "\"") { limit = q }
        var cut = text.startIndex
        if let c = text[..<limit].range(of: ", ", options: .backwards) { cut = c.upperBound }
        if let t = TimeText.endOfLastTime(in: text[..<limit]), t > cut { cut = t }
        guard cut > text.startIndex else { return nil }
        return (PersonText.clean(text[..<cut]), text[cut...])
    }

    /// A name is a few words, not a sentence.
    private static func plausibleName(_ name: String?) -> Bool {
        guard let name else { return true }
        return name.utf8.count <= 120 && name.split(separator: " ").count <= 10
    }
}
