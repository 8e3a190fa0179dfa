/// The text a patch mail carries above its diff, split as `git mailinfo` splits it:
/// in-body `From:`/`Date:`/`Subject:` lines at the top, then the commit message up
/// to the `---` line (or the diff).
struct PatchDescription: Sendable, Hashable {
    var from: String?
    var date: String?
    var subject: String?
    /// Cleaned like `git am` does (`git stripspace`): trailing blanks removed,
    /// runs of blank lines collapsed, no leading or trailing blank lines.
    var commitMessage: String

    init(from: String? = nil, date: String? = nil, subject: String? = nil, commitMessage: String = "") {
        self.from = from
        self.date = date
        self.subject = subject
        self.commitMessage = commitMessage
    }

    var isEmpty: Bool { from == nil && date == nil && subject == nil && commitMessage.isEmpty }

    static let inBodyFields: Set<String> = ["from", "date", "subject"]

    /// `lines`: the text above the diff, quote prefix already removed.
    static func parse<S: StringProtocol>(_ lines: [S]) -> PatchDescription {
        var start = 0
        // Everything before the last scissors line is discussion, not the commit.
        for (i, line) in lines.enumerated() where isScissors(line) { start = i + 1 }
        var i = start
        while i < lines.count, PatchText.trim(lines[i]).isEmpty { i += 1 }
        // A pasted format-patch mail starts with its mbox From_ line.
        if i < lines.count, lines[i].hasPrefix("From "), isFromLine(lines[i]) { i += 1 }

        var result = PatchDescription()
        var fields: [(String, String)] = []
        if i < lines.count, let (name, _) = headerField(lines[i]), inBodyFields.contains(name) {
            while i < lines.count {
                let line = lines[i]
                if let first = line.utf8.first, first == 0x20 || first == 0x09, !fields.isEmpty {
                    fields[fields.count - 1].1 += " " + PatchText.trim(line)
                } else if let field = headerField(line) {
                    fields.append(field)
                } else {
                    break
                }
                i += 1
            }
        }
        for (name, value) in fields {
            let v = PatchText.collapseBlanks(EncodedWords.decode(Array(value.utf8)))
            switch name {
            case "from" where result.from == nil: result.from = v
            case "date" where result.date == nil: result.date = v
            case "subject" where result.subject == nil: result.subject = v
            default: break
            }
        }
        var body: [String] = []
        while i < lines.count, !isPatchBreak(lines[i]) {
            body.append(PatchText.trimTrailing(lines[i]))
            i += 1
        }
        result.commitMessage = stripSpace(body)
        return result
    }

    /// `Name: value` with a plain field name; returns the lower-cased name.
    static func headerField<S: StringProtocol>(_ line: S) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon]
        guard !name.isEmpty, name.utf8.count <= 40,
              name.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else { return nil }
        return (name.lowercased(), PatchText.trim(line[line.index(after: colon)...]))
    }

    /// `From 1234abcd… Mon Sep 17 00:00:00 2001` (format-patch) or another mbox separator.
    static func isFromLine<S: StringProtocol>(_ line: S) -> Bool {
        let parts = line.split(separator: " ")
        return parts.count >= 3 && parts[0] == "From" && line.contains(":")
    }

    /// git mailinfo's `patchbreak`: `---` alone (blanks allowed), `--- name`,
    /// `diff -`, `Index: `.
    static func isPatchBreak<S: StringProtocol>(_ line: S) -> Bool {
        // Every form starts with 'd', 'I' or '-': most lines end here.
        guard let f = line.utf8.first, f == 0x64 || f == 0x49 || f == 0x2D else { return false }
        if line.hasPrefix("diff -") || line.hasPrefix("Index: ") { return true }
        guard line.hasPrefix("---") else { return false }
        let rest = line.utf8.dropFirst(3)
        if rest.isEmpty { return true }
        if rest.first == 0x20, let next = rest.dropFirst().first, !PatchText.isBlank(next) { return true }
        return rest.allSatisfy(PatchText.isBlank)
    }

    /// `-- >8 --`, `--8<--`, `-- 8< -- cut here`…
    static func isScissors<S: StringProtocol>(_ line: S) -> Bool {
        // It starts with '-' after blanks: most lines end here, before any copy.
        guard let f = line.utf8.first(where: { !PatchText.isBlank($0) }), f == 0x2D else { return false }
        let t = PatchText.trim(line)
        guard t.hasPrefix("-"), t.contains(">8") || t.contains("8<") else { return false }
        var dashes = 0, scissors = 0
        for c in t.prefix(24) {
            if c == "-" { dashes += 1 } else if c == "8" || c == "<" || c == ">" || c == " " { if c == "8" { scissors += 1 } } else { break }
        }
        return dashes >= 2 && scissors >= 1
    }

    /// `git stripspace` on lines already free of trailing blanks.
    static func stripSpace(_ lines: [String]) -> String {
        var out: [String] = []
        var pendingBlank = false
        for line in lines {
            if line.isEmpty {
                pendingBlank = !out.isEmpty
                continue
            }
            if pendingBlank { out.append("") }
            pendingBlank = false
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
