/// Everything listarc learns from one message. Produced once by Core, consumed by
/// the store (to persist) and the CLI (to print), so nothing is parsed twice.
public struct AnalysedMessage: Sendable {
    public var message: MailMessage
    /// One analysis per text part, same order as `message.parts`.
    public var quotes: [QuoteAnalysis]
    public var diffs: [ExtractedDiff]
    public var patches: [Patch]
    public var reports: [CrashReport]
    public init(message: MailMessage, quotes: [QuoteAnalysis], diffs: [ExtractedDiff], patches: [Patch], reports: [CrashReport]) {
        self.message = message
        self.quotes = quotes
        self.diffs = diffs
        self.patches = patches
        self.reports = reports
    }
}
