/// The one pipeline: message → quote analysis per part → diffs, reports → patches.
public enum Analyser {
    public static func analyse(_ message: MailMessage) -> AnalysedMessage {
        var quotes: [QuoteAnalysis] = []
        var diffs: [ExtractedDiff] = []
        var reports: [CrashReport] = []
        for (index, part) in message.parts.enumerated() {
            let analysis = QuoteAnalyzer.analyse(part.text)
            quotes.append(analysis)
            diffs += DiffExtractor.extract(from: analysis, partIndex: index, wasFlowed: part.wasFlowed)
            reports += ReportParser.reports(in: analysis, partIndex: index)
        }
        let patches = PatchBuilder.patches(message: message, quotes: quotes, diffs: diffs)
        return AnalysedMessage(message: message, quotes: quotes, diffs: diffs, patches: patches, reports: reports)
    }
}
