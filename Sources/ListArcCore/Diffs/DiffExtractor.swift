/// Finds every diff at every quote depth of an analysed text part.
/// (Placeholder signature; the Diffs work fills it in.)
public enum DiffExtractor {
    public static func extract(from analysis: QuoteAnalysis, partIndex: Int) -> [ExtractedDiff] {
        []
    }
}
