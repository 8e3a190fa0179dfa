/// Which copy of a patch to keep when it appears at several quote depths or in
/// several messages.
///
/// Two copies are the same patch when they change the same lines of the same
/// files, ignoring whitespace (like `git patch-id --stable`). A partial copy (a
/// reply trimmed hunks) is the same patch as a complete copy whose changed lines
/// contain all of its own. Among copies the most complete, least repaired, least
/// quoted one wins (first seen on a tie); an author address restored in any copy
/// is carried over to the winner.
public enum PatchSelection {
    public static func best(_ patches: [Patch]) -> [Patch] {
        let prints = patches.map { PatchFingerprint($0.diff.files) }
        // Exact groups, in first-seen order.
        var groupOf: [PatchFingerprint: Int] = [:]
        var groups: [[Int]] = []
        for (i, fp) in prints.enumerated() {
            if let g = groupOf[fp] { groups[g].append(i) } else {
                groupOf[fp] = groups.count
                groups.append([i])
            }
        }
        let winners = groups.map { group in
            group.min { rank(patches[$0], $0).lexicographicallyPrecedes(rank(patches[$1], $1)) } ?? group[0]
        }
        // Partial copies contained in another copy disappear (in favour of the larger one).
        var dropped = Set<Int>()
        for (g, w) in winners.enumerated() where !patches[w].diff.complete {
            for (h, other) in winners.enumerated() where h != g && !dropped.contains(h) {
                guard prints[w].isContained(in: prints[other]) else { continue }
                let otherIsBetter = patches[other].diff.complete || prints[w] != prints[other] && prints[other].lineCount > prints[w].lineCount
                if otherIsBetter {
                    dropped.insert(g)
                    groups[h] += groups[g]
                    break
                }
            }
        }
        var result: [Patch] = []
        for (g, w) in winners.enumerated() where !dropped.contains(g) {
            var patch = patches[w]
            if patch.authorAddressObfuscated {
                let restored = groups[g].map { patches[$0] }.first { !$0.authorAddressObfuscated && $0.authorAddress != nil && sameLocalPart($0.authorAddress, patch.authorAddress) }
                if let restored {
                    patch.authorAddress = restored.authorAddress
                    patch.authorAddressObfuscated = false
                }
            }
            if patch.date == nil, let dated = groups[g].map({ patches[$0] }).first(where: { $0.date != nil && $0.authorName == patch.authorName }) {
                patch.date = dated.date
            }
            result.append(patch)
        }
        return result
    }

    /// Smaller is better.
    static func rank(_ p: Patch, _ index: Int) -> [Int] {
        [p.diff.complete ? 0 : 1, p.diff.repairs.count, p.authorAddressObfuscated ? 1 : 0, p.diff.depth, index]
    }

    static func sameLocalPart(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b, let x = a.split(separator: "@").first, let y = b.split(separator: "@").first else { return false }
        return x.lowercased() == y.lowercased()
    }
}

/// What a patch changes, whitespace aside: per file, the sorted hashes of its
/// added and removed lines.
public struct PatchFingerprint: Hashable, Sendable {
    var files: [String: [UInt64]]

    public init(_ files: [FileDiff]) {
        var map: [String: [UInt64]] = [:]
        for file in files {
            let change = FileChange(file)
            let key = change.oldPath + "\u{0}" + change.newPath
            var hashes = map[key] ?? []
            for hunk in file.hunks {
                for line in hunk.lines {
                    guard let first = line.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { continue }
                    hashes.append(Self.hash(line))
                }
            }
            if !file.binaryLines.isEmpty { hashes.append(Self.hash(file.binaryLines.joined())) }
            map[key] = hashes.sorted()
        }
        self.files = map
    }

    var lineCount: Int { files.values.reduce(0) { $0 + $1.count } }

    /// The line's key without its blanks (one hashing for hunks and patches: `HunkFingerprint`).
    static func hash(_ line: String) -> UInt64 { HunkFingerprint.lineKey(line) }

    /// True when every file here is in `other` and its changed lines are a sub-multiset.
    func isContained(in other: PatchFingerprint) -> Bool {
        for (key, mine) in files {
            guard let theirs = other.files[key] else { return false }
            var j = 0
            for h in mine {
                while j < theirs.count, theirs[j] < h { j += 1 }
                guard j < theirs.count, theirs[j] == h else { return false }
                j += 1
            }
        }
        return true
    }
}
