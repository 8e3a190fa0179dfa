/// `diff extract --format json` (DESIGN.md): `{"diffs":[{"messageId","depth",
/// "author","date","subject","complete","repairs","files":[{"oldPath","newPath",
/// "hunks":[{"header","oldStart","oldCount","newStart","newCount","functions"}]}]}]}`.
/// Paths are shown without the a/ b/ prefixes; null for /dev/null.
public struct PatchJSON: Encodable, Sendable {
    public var diffs: [Entry]

    public struct Entry: Encodable, Sendable {
        public var messageId: String?
        public var depth: Int
        public var author: String?
        public var authorAddressObfuscated: Bool
        public var date: String?
        public var subject: String
        public var complete: Bool
        public var repairs: [String]
        public var files: [File]

        enum CodingKeys: String, CodingKey {
            case messageId, depth, author, authorAddressObfuscated, date, subject, complete, repairs, files
        }

        // Absent values are written as null: scripts rely on every key being there.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(messageId, forKey: .messageId)
            try c.encode(depth, forKey: .depth)
            try c.encode(author, forKey: .author)
            try c.encode(authorAddressObfuscated, forKey: .authorAddressObfuscated)
            try c.encode(date, forKey: .date)
            try c.encode(subject, forKey: .subject)
            try c.encode(complete, forKey: .complete)
            try c.encode(repairs, forKey: .repairs)
            try c.encode(files, forKey: .files)
        }
    }

    public struct File: Encodable, Sendable {
        public var oldPath: String?
        public var newPath: String?
        public var hunks: [HunkEntry]

        enum CodingKeys: String, CodingKey { case oldPath, newPath, hunks }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(oldPath, forKey: .oldPath)
            try c.encode(newPath, forKey: .newPath)
            try c.encode(hunks, forKey: .hunks)
        }
    }

    public struct HunkEntry: Encodable, Sendable {
        public var header: String
        public var oldStart: Int
        public var oldCount: Int
        public var newStart: Int
        public var newCount: Int
        public var complete: Bool
        public var functions: [String]
    }

    public init(_ patches: [Patch], functions: (FileDiff, Hunk) -> [String] = { _, _ in [] }) {
        diffs = patches.map { p in
            Entry(
                messageId: p.messageID, depth: p.diff.depth,
                author: p.author.isEmpty ? nil : p.author,
                authorAddressObfuscated: p.authorAddressObfuscated,
                date: p.date ?? p.dateAsWritten, subject: p.subject, complete: p.diff.complete,
                repairs: p.diff.repairs.map(\.rawValue),
                files: p.diff.files.map { f in
                    let strip = f.flavor != .cvs
                    return File(
                        oldPath: f.oldPath.map { FilePath.display($0, strip: strip) },
                        newPath: f.newPath.map { FilePath.display($0, strip: strip) },
                        hunks: f.hunks.map { h in
                            HunkEntry(header: h.header, oldStart: h.oldStart, oldCount: h.oldCount, newStart: h.newStart,
                                      newCount: h.newCount, complete: h.complete, functions: functions(f, h))
                        })
                })
        }
    }
}
