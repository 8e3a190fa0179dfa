/// How mail clients quote a message they reply to, for the property tests.
enum QuotingClient: CaseIterable {
    /// mutt: "> " before every line ("> > " when nested), ">" for empty lines.
    case mutt
    /// Thunderbird: "> " before text, ">" before an already quoted line ("> >" → ">>").
    case thunderbird
    /// Outlook-ish top posting: the reply first, then an "Original Message" block with
    /// the earlier text unmarked.
    case outlook

    func reply(quoting lines: [String], level: Int) -> [String] {
        switch self {
        case .mutt:
            return ["* Person \(level) <p\(level)@example.org> [220725 10:0\(level % 10)]:"]
                + lines.map { $0.isEmpty ? ">" : "> " + $0 }
                + ["", "Reply at level \(level).", ""]
        case .thunderbird:
            return ["On 7/25/22 10:0\(level % 10), Person \(level) wrote:"]
                + lines.map { $0.isEmpty ? ">" : ($0.hasPrefix(">") ? ">" + $0 : "> " + $0) }
                + ["", "Reply at level \(level).", ""]
        case .outlook:
            return ["Reply at level \(level), on top.", "", "-----Original Message-----",
                    "From: Person \(level) <p\(level)@example.org>",
                    "Sent: Monday, July 25, 2022 10:0\(level % 10) AM",
                    "To: list@example.org",
                    "Subject: RE: [PATCH] things", ""] + lines
        }
    }
}
