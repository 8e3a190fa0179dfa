/// Rebuilds `git am`-able patches from the diffs of a message.
/// (Placeholder signature; the Patches work fills it in.)
public enum PatchBuilder {
    public static func patches(message: MailMessage, quotes: [QuoteAnalysis], diffs: [ExtractedDiff]) -> [Patch] {
        []
    }
}
