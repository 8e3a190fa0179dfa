/// One `@@ -a,b +c,d @@ section` hunk with its lines (each starting with
/// ' ', '+', '-' or '\').
public struct Hunk: Sendable, Hashable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    /// Text after the second `@@`, without the separating space ("" when none).
    public var section: String
    public var lines: [String]
    /// False when the hunk's lines do not add up to its counts (a reply trimmed it).
    public var complete: Bool
    /// The `@@` line exactly as it was in the mail (e.g. `@@ -1,1 +1,1 @@` keeps its
    /// explicit counts of 1), nil when the counts were recomputed or the hunk was built.
    public var originalHeaderLine: String?
    public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, section: String = "", lines: [String], complete: Bool = true,
                originalHeaderLine: String? = nil) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.section = section
        self.lines = lines
        self.complete = complete
        self.originalHeaderLine = originalHeaderLine
    }

    /// The hunk line up to and including the second `@@` (DESIGN.md's `header`).
    /// Counts of 1 are omitted, as diff and git write them.
    public var header: String {
        func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        return "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@"
    }
    public var headerLine: String { section.isEmpty ? header : header + " " + section }
}

/// What kind of diff a file section came from.
public enum DiffFlavor: String, Sendable, Hashable, Codable {
    case git        // diff --git
    case unified    // plain diff -u / quilt (--- / +++ only)
    case cvs        // Index: / ==== / RCS file:
}

/// One file's part of a diff.
public struct FileDiff: Sendable, Hashable {
    public var flavor: DiffFlavor
    /// Paths as written in the headers, prefixes (a/, b/) kept; nil for /dev/null.
    public var oldPath: String?
    public var newPath: String?
    /// Header lines verbatim from the first (`diff --git`, `Index:`, `---`) up to
    /// the first hunk or binary block: extended headers, `---`/`+++`.
    public var headerLines: [String]
    public var hunks: [Hunk]
    /// `GIT binary patch` block lines, verbatim (including that line), if any.
    public var binaryLines: [String]
    public init(flavor: DiffFlavor, oldPath: String?, newPath: String?, headerLines: [String], hunks: [Hunk], binaryLines: [String] = []) {
        self.flavor = flavor
        self.oldPath = oldPath
        self.newPath = newPath
        self.headerLines = headerLines
        self.hunks = hunks
        self.binaryLines = binaryLines
    }
}

/// A repair made while taking a diff out of quoted or mangled text.
public enum DiffRepair: String, Sendable, Hashable, Codable {
    case blankContextRestored      // "" or bare quote prefix → " "
    case trailingWhitespaceLost    // a context line's trailing blanks were stripped by a client
    case crlfNormalised
    case unflowed                  // format=flowed soft breaks joined
    case rewrappedLineJoined       // a client wrapped a long diff line
    case hunkRecounted             // @@ counts corrected from intact lines
    case spaceStuffingRemoved      // a format=flowed quote stuffed a space before context lines
    case mboxFromUnescaped
    case addressDeobfuscated
    case hunkLimitReached          // more hunks in one file than `DiffLimits.maxHunksPerFile`: the rest dropped
}

/// A diff found in a message at one quote depth.
public struct ExtractedDiff: Sendable, Hashable {
    public var depth: Int
    public var files: [FileDiff]
    /// False when any hunk was trimmed or cut short.
    public var complete: Bool
    public var repairs: [DiffRepair]
    /// Which text part of the message (index into `MailMessage.parts`).
    public var partIndex: Int
    /// Line range in that part's `QuoteAnalysis.lines`.
    public var lineRange: Range<Int>
    /// Author/date/subject of the embedded message the diff came from.
    public var author: String?
    public var date: String?
    public var subject: String?
    public init(depth: Int, files: [FileDiff], complete: Bool, repairs: [DiffRepair], partIndex: Int, lineRange: Range<Int>,
                author: String? = nil, date: String? = nil, subject: String? = nil) {
        self.depth = depth
        self.files = files
        self.complete = complete
        self.repairs = repairs
        self.partIndex = partIndex
        self.lineRange = lineRange
        self.author = author
        self.date = date
        self.subject = subject
    }
}
