/// How a hunk relates to a function.
public enum FunctionRelation: String, Sendable, Hashable, Codable, CaseIterable {
    case modifies   // a changed line is inside its signature or body
    case calls      // a changed line calls it
    case mentions   // prototype, comment, other reference

    /// modifies > calls > mentions.
    public var strength: Int {
        switch self {
        case .modifies: 3
        case .calls: 2
        case .mentions: 1
        }
    }
}

/// One hunk↔function pair.
public struct HunkFunction: Sendable, Hashable, Codable {
    public var function: String
    public var relation: FunctionRelation
    /// The macro form the function was defined with, e.g. `SYSCALL_DEFINE1(brk)` for `sys_brk`.
    public var alias: String?
    public init(function: String, relation: FunctionRelation, alias: String? = nil) {
        self.function = function
        self.relation = relation
        self.alias = alias
    }
}

/// One removed or added line of a hunk, with the function it belongs to.
public struct ChangedLine: Sendable, Hashable {
    public enum Side: String, Sendable, Hashable, Codable {
        case old   // a removed line: belongs to the pre-image
        case new   // an added line: belongs to the post-image
    }
    /// Index into `Hunk.lines`.
    public var index: Int
    public var side: Side
    /// Line number in the pre-image (removed lines) or post-image (added lines).
    public var number: Int
    /// The function whose signature or body holds the line, nil at file scope.
    public var function: String?
    /// Functions the line's code calls (`name(`), in order, without repeats.
    public var calls: [String]
    /// The line without its `+`/`-`.
    public var text: String
    public init(index: Int, side: Side, number: Int, function: String?, calls: [String], text: String) {
        self.index = index
        self.side = side
        self.number = number
        self.function = function
        self.calls = calls
        self.text = text
    }
}

/// Which functions a hunk modifies, calls and mentions, and per changed line.
public struct HunkAttribution: Sendable, Hashable {
    /// One entry per function with its strongest relation; modifies first, then
    /// calls, then mentions, each in order of first appearance.
    public var functions: [HunkFunction]
    public var lines: [ChangedLine]
    public init(functions: [HunkFunction], lines: [ChangedLine]) {
        self.functions = functions
        self.lines = lines
    }
}
