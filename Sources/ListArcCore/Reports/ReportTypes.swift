/// One frame of a kernel backtrace, innermost first.
public struct Frame: Sendable, Hashable, Codable {
    public var function: String
    public var offset: Int?
    public var size: Int?
    public var module: String?
    public var file: String?
    public var line: Int?
    /// `? ` frames on x86 are guesses of the unwinder.
    public var reliable: Bool
    public var inlined: Bool
    public init(function: String, offset: Int? = nil, size: Int? = nil, module: String? = nil, file: String? = nil, line: Int? = nil,
                reliable: Bool = true, inlined: Bool = false) {
        self.function = function
        self.offset = offset
        self.size = size
        self.module = module
        self.file = file
        self.line = line
        self.reliable = reliable
        self.inlined = inlined
    }
}

/// A kernel oops/BUG/WARNING/KASAN report found in a message.
public struct CrashReport: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case bug, warning, kasan, kfence, ubsan, oops, pagingFault, other }
    public var kind: Kind
    /// The report's first line, e.g. "kernel BUG at lib/maple_tree.c:911!".
    public var title: String
    /// FILE:LINE named by BUG/WARNING lines.
    public var file: String?
    public var line: Int?
    public var frames: [Frame]
    /// e.g. "5.19.0-rc7-next-20220722-00130-g1583ab12487b".
    public var kernelVersion: String?
    /// Quote depth the report was found at, and where.
    public var depth: Int
    public var partIndex: Int
    public var lineRange: Range<Int>
    /// The function the title names (`WARNING: … at F:L FUNC+…`, `BUG: KASAN: … in FUNC+…`).
    public var function: String?
    /// A sentence near the report, at its depth, saying a patch or commit is the cause
    /// ("this patch should be the cause", "bisected to …").
    public var causeClaim: String?
    public init(kind: Kind, title: String, file: String? = nil, line: Int? = nil, frames: [Frame], kernelVersion: String? = nil,
                depth: Int = 0, partIndex: Int = 0, lineRange: Range<Int> = 0..<0, function: String? = nil, causeClaim: String? = nil) {
        self.kind = kind
        self.title = title
        self.file = file
        self.line = line
        self.frames = frames
        self.kernelVersion = kernelVersion
        self.depth = depth
        self.partIndex = partIndex
        self.lineRange = lineRange
        self.function = function
        self.causeClaim = causeClaim
    }
}
