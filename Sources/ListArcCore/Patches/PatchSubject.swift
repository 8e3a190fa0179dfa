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
        let collapsed = PatchText.collapseBlanks(subject)
        // Markers are consumed by moving the start forward: linear even for a
        // subject made of thousands of "Re: ".
        var s = Substring(collapsed)
        func skipBlanks() { while let c = s.first, c == " " { s = s.dropFirst() } }
        while true {
            if let rest = droppingMarker(s) {
                s = rest
                skipBlanks()
                continue
            }
            if s.hasPrefix("["), let close = s.prefix(200).firstIndex(of: "]") {
                // A list tag before a reply marker: "[Linux-kernel] Re: …".
                let tag = s[s.index(after: s.startIndex)..<close].lowercased()
                var after = s[s.index(after: close)...]
                while let c = after.first, c == " " { after = after.dropFirst() }
                if !isPatchTag(tag), let rest = droppingMarker(after) {
                    s = rest
                    skipBlanks()
                    continue
                }
            }
            break
        }
        var result = String(s)
        if result.lowercased().hasSuffix("(fwd)") { result = PatchText.trim(result.dropLast(5)) }
        return result
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
        var next = rest
        while let c = next.first, c == " " { next = next.dropFirst() }
        if next.hasPrefix("[") { return rest }
        if let colon2 = next.prefix(12).firstIndex(of: ":"), markers.contains(PatchText.trim(next[..<colon2]).lowercased()) { return rest }
        return nil
    }
}

/// A subject's place in a series: `[PATCH v12 22/69]` → number 22 of 69, series
/// key "patch v12 /69".
public struct SeriesPosition: Sendable, Hashable {
    public var key: String
    public var number: Int
    public var total: Int

    public init?(subject: String) {
        guard subject.hasPrefix("["), let close = subject.firstIndex(of: "]") else { return nil }
        let tag = subject[subject.index(after: subject.startIndex)..<close]
        guard let slash = tag.lastIndex(of: "/") else { return nil }
        let before = tag[..<slash]
        let digits = before.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 5, let n = Int(String(digits.reversed())),
              let m = Int(tag[tag.index(after: slash)...].prefix { $0.isASCII && $0.isNumber }) else { return nil }
        number = n
        total = m
        key = before.dropLast(digits.count).lowercased() + "/\(m)"
    }

    /// Patches of the same series put in series order in the places they hold;
    /// everything else stays where it is.
    public static func ordered(_ patches: [Patch]) -> [Patch] {
        var slots: [String: [Int]] = [:]
        for (i, p) in patches.enumerated() {
            if let s = SeriesPosition(subject: p.subject) { slots[s.key, default: []].append(i) }
        }
        var result = patches
        for (_, indices) in slots where indices.count > 1 {
            let sorted = indices.sorted { a, b in
                (SeriesPosition(subject: patches[a].subject)?.number ?? 0, a) < (SeriesPosition(subject: patches[b].subject)?.number ?? 0, b)
            }
            for (slot, source) in zip(indices, sorted) { result[slot] = patches[source] }
        }
        return result
    }
}
