/// The diffstat summary a patch mail carries above its diff
/// (` 3 files changed, 179 insertions(+), 60 deletions(-)`): when a reply quotes the
/// mail and cuts files or hunks from the end of the diff, the quoted diff no longer
/// adds up to it. Only the summary line is read; the per-file lines may be wrapped.
struct DiffstatSummary: Equatable {
    var files: Int
    var insertions: Int
    var deletions: Int

    init(files: Int, insertions: Int, deletions: Int) {
        self.files = files
        self.insertions = insertions
        self.deletions = deletions
    }

    init?(_ line: Substring) {
        var s = line.utf8.drop { $0 == 32 || $0 == 9 }
        func number() -> Int? {
            var n = 0, digits = 0
            while let b = s.first, b >= 48, b <= 57, digits < 10 { n = n * 10 + Int(b - 48); digits += 1; s = s.dropFirst() }
            return digits > 0 ? n : nil
        }
        func word(_ w: String) -> Bool {
            guard s.starts(with: w.utf8) else { return false }
            s = s.dropFirst(w.utf8.count)
            return true
        }
        guard let f = number(), word(" file"), word("s") || true, word(" changed") else { return nil }
        files = f
        insertions = 0
        deletions = 0
        while word(", ") {
            guard let n = number() else { return nil }
            if word(" insertion") { _ = word("s"); guard word("(+)") else { return nil }; insertions = n }
            else if word(" deletion") { _ = word("s"); guard word("(-)") else { return nil }; deletions = n }
            else { return nil }
        }
        guard s.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) else { return nil }
    }

    /// What the diff's own lines add up to.
    init(_ files: [FileDiff]) {
        self.files = files.count
        insertions = 0
        deletions = 0
        for file in files {
            for hunk in file.hunks {
                for line in hunk.lines {
                    switch line.utf8.first {
                    case UInt8(ascii: "+"): insertions += 1
                    case UInt8(ascii: "-"): deletions += 1
                    default: break
                    }
                }
            }
        }
    }
}
