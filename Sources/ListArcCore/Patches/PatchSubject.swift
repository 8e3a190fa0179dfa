/// Subjects of rebuilt patches: reply and forward markers removed, the series tag
/// (`[PATCH v12 22/69]`) kept.
public enum PatchSubject {
    /// Reply/forward markers mail clients put in front of a subject, lower-cased,
    /// without the colon (English, German, Nordic, Dutch, Polish, Italian, French,
    /// Spanish, Turkish, Russian…).
    static let markers: Set<String> = [
        "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "odp", "réf", "rép", "ynt", "отв", "ответ", "пересл", "回复", "转发", "答复",
    ]
    /// Markers that are also kernel subsystem prefixes (`tr:`, `rv:`…): removed only
    /// when a `[` tag or another marker follows.
    static let weakMarkers: Set<String> = ["r", "tr", "rv", "i", "enc", "pd", "ref", "vb", "rif", "atb", "ilt", "doorst"]

    /// `Re: Fwd: AW: [PATCH v2 1/3] foo` → `[PATCH v2 1/3] foo`.
    public static func clean(_ subject: String) -> String {
        var s = PatchText.collapseBlanks(subject)
        var changed = true
        while changed {
            changed = false
            if let rest = droppingMarker(Substring(s)) {
                s = PatchText.trim(rest)
                changed = true
            } else if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
                // A list tag before a reply marker: "[Linux-kernel] Re: …".
                let tag = s[s.index(after: s.startIndex)..<close].lowercased()
                let after = s[s.index(after: close)...]
                if !isPatchTag(tag), let rest = droppingMarker(Substring(PatchText.trim(after))) {
                    s = PatchText.trim(rest)
                    changed = true
                }
            }
        }
        if s.lowercased().hasSuffix("(fwd)") { s = PatchText.trim(s.dropLast(5)) }
        return s
    }

    /// The subject without any leading `[…]` tags: what git am keeps as the
    /// commit title (and what format-patch file names are made of).
    public static func title(_ subject: String) -> String {
        var s = Substring(PatchText.trim(subject))
        while s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            s = Substring(PatchText.trim(s[s.index(after: close)...]))
        }
        return String(s)
    }

    /// True when the subject starts with a `[…]` tag (format-patch adds `[PATCH] ` otherwise).
    static func hasTag(_ subject: String) -> Bool { subject.hasPrefix("[") && subject.contains("]") }

    static func isPatchTag(_ lowerTag: String) -> Bool {
        lowerTag.contains("patch") || lowerTag.hasPrefix("rfc") || lowerTag.hasPrefix("git pull") || lowerTag.hasPrefix("pull")
    }

    /// The text after a leading `Re:`, `Re[2]:`, `Re^2:`, `Re :`…, or nil.
    static func droppingMarker(_ s: Substring) -> Substring? {
        guard let colon = s.prefix(12).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var word = PatchText.trim(s[..<colon]).lowercased()
        // Counters: Re[2], Re^2, Re(2)
        if let bracket = word.firstIndex(where: { $0 == "[" || $0 == "^" || $0 == "(" }) {
            let count = word[word.index(after: bracket)...].filter { $0 != "]" && $0 != ")" }
            guard !count.isEmpty, count.allSatisfy(\.isNumber) else { return nil }
            word = String(word[..<bracket])
        }
        let rest = s[s.index(after: colon)...]
        if markers.contains(word) { return rest }
        guard weakMarkers.contains(word) else { return nil }
        let next = Substring(PatchText.trim(rest))
        if next.hasPrefix("[") { return rest }
        if let colon2 = next.prefix(12).firstIndex(of: ":"), markers.contains(PatchText.trim(next[..<colon2]).lowercased()) { return rest }
        return nil
    }
}
