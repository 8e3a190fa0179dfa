/// How a hunk relates to a function.
public enum FunctionRelation: String, Sendable, Hashable, Codable, CaseIterable {
    case modifies   // a changed line is inside its signature or body
    case calls      // a changed line calls it
    case mentions   // prototype, comment, other reference
}

/// One hunk↔function pair.
public struct HunkFunction: Sendable, Hashable, Codable {
    public var function: String
    public var relation: FunctionRelation
    public init(function: String, relation: FunctionRelation) {
        self.function = function
        self.relation = relation
    }
}
