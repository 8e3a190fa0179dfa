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
        // SQLite reads the MATCH text as a C string: a NUL would end it inside the quotes.
        let words = term.value.replacingOccurrences(of: "\u{0}", with: " ")
        let quoted = "\"" + words.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return "{\(columns)} : \(quoted)\(term.prefix ? " *" : "")"
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
