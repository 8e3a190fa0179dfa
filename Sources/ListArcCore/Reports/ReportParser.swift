/// Finds kernel crash reports at any quote depth.
/// (Placeholder signature; the Reports work fills it in.)
public enum ReportParser {
    public static func reports(in analysis: QuoteAnalysis, partIndex: Int) -> [CrashReport] {
        []
    }
}
