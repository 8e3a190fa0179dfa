import ListArcCore

/// Builds FTS5 MATCH strings from user text. The user's text only ever appears
/// inside one double-quoted FTS5 string (quotes doubled), so it is tokenised as
/// words and can never be read as FTS5 syntax (`NEAR(`, `*`, `AND`, `col:`, `^`).
enum FTSMatch {
    /// The MATCH string for a term, or nil when its text holds no indexable word
    /// (the tokenizer keeps letters, digits and `_`).
    static func string(for term: QueryTerm) -> String? {
        guard let columns = columns(term.field) else { return nil }
        guard term.value.unicodeScalars.contains(where: { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil })
        else { return nil }
        // Scalar by scalar, not Character by Character: a quote or NUL followed by a
        // combining mark is one Character that a String replacement would not match,
        // and the quote would then end the FTS5 string early. SQLite reads the MATCH
        // text as a C string, so a NUL would end it inside the quotes.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in term.value.unicodeScalars {
            switch scalar {
            case "\"": quoted.append(contentsOf: ["\"", "\""] as [Unicode.Scalar])
            case "\u{0}": quoted.append(" ")
            default: quoted.append(scalar)
            }
        }
        quoted.append("\"")
        return "{\(columns)} : \(String(quoted))\(term.prefix ? " *" : "")"
    }

    /// Our fixed column names for each text field.
    static func columns(_ field: QueryField) -> String? {
        switch field {
        case .text, .bodySubject: "subject body"
        case .subject: "subject"
        case .from: "author"
        case .body: "body"
        default: nil
        }
    }
}
