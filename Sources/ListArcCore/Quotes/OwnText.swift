extension QuoteAnalysis {
    /// The same analysis with the reply's own text (depth 0) attributed to its
    /// sender, e.g. from the mail's `From:` header ("Name <addr>") and `Date:`.
    public func attributingOwnText(from header: String, date: String?) -> QuoteAnalysis {
        var copy = self
        guard let root = copy.embedded.firstIndex(where: { $0.depth == 0 && $0.attribution == nil }) else { return copy }
        let who = PersonText.parse(Substring(header))
        copy.embedded[root].author = who.name ?? who.address
        copy.embedded[root].address = who.address
        copy.embedded[root].date = date
        return copy
    }
}
