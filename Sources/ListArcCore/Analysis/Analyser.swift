/// The one pipeline: message → quote analysis per part → diffs, reports → patches.
public enum Analyser {
    public static func analyse(_ message: MailMessage) -> AnalysedMessage {
        analyse(message, buildingPatches: true)
    }

    /// `buildingPatches: false` leaves `patches` empty (the archive does not store
    /// them; building them is a few percent of an import).
    public static func analyse(_ message: MailMessage, buildingPatches: Bool) -> AnalysedMessage {
        var quotes: [QuoteAnalysis] = []
        var diffs: [ExtractedDiff] = []
        var reports: [CrashReport] = []
        for (index, part) in message.parts.enumerated() {
            let analysis = QuoteAnalyzer.analyse(part.text)
            quotes.append(analysis)
            diffs += DiffExtractor.extract(from: analysis, partIndex: index, wasFlowed: part.wasFlowed)
            reports += ReportParser.reports(in: analysis, partIndex: index)
        }
        let patches = buildingPatches ? PatchBuilder.patches(message: message, quotes: quotes, diffs: diffs) : []
        return AnalysedMessage(message: message, quotes: quotes, diffs: diffs, patches: patches, reports: reports)
    }
}
