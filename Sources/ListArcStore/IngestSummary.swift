/// What one ingest did.
public struct IngestSummary: Sendable, Hashable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// One line per rejected message: "WHAT: why".
    public var rejections: [String] = []

    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0, rejected: Int = 0, rejections: [String] = []) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.rejections = rejections
    }

    public static func += (a: inout IngestSummary, b: IngestSummary) {
        a.new += b.new
        a.updated += b.updated
        a.unchanged += b.unchanged
        a.rejected += b.rejected
        a.rejections += b.rejections
    }

    public mutating func reject(_ what: String, _ why: String) {
        rejected += 1
        rejections.append("\(what): \(why)")
    }

    /// "N new, N updated, N unchanged, N rejected".
    public var line: String { "\(new) new, \(updated) updated, \(unchanged) unchanged, \(rejected) rejected" }
}
