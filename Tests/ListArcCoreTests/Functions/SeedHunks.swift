import Foundation
import TestSupport
@testable import ListArcCore

/// The seed patch's hunks, read with a few lines of test-local parsing so these
/// tests do not depend on the diff extractor.
enum SeedHunks {
    static func all() throws -> [Hunk] {
        try parse(Paths.text(Paths.sample("expected/mm-mmap-patch22.diff")))
    }

    /// `@@ -a,b +c,d @@ section` hunks of a single-file unified diff.
    static func parse(_ text: String) -> [Hunk] {
        var hunks: [Hunk] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix("@@ "), let h = header(line) {
                hunks.append(h)
            } else if !hunks.isEmpty, let m = line.first, m == " " || m == "+" || m == "-" || m == "\\" {
                hunks[hunks.count - 1].lines.append(line)
            }
        }
        return hunks
    }

    static func header(_ line: String) -> Hunk? {
        let parts = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[3] == "@@" else { return nil }
        func range(_ s: Substring) -> (Int, Int)? {
            let nums = s.dropFirst().split(separator: ",").compactMap { Int($0) }
            guard let a = nums.first else { return nil }
            return (a, nums.count > 1 ? nums[1] : 1)
        }
        guard let (os, oc) = range(parts[1]), let (ns, nc) = range(parts[2]) else { return nil }
        return Hunk(oldStart: os, oldCount: oc, newStart: ns, newCount: nc, section: parts.count > 4 ? String(parts[4]) : "", lines: [])
    }

    /// A hunk from literal lines.
    static func make(_ header: String, _ body: String) -> Hunk {
        var h = SeedHunks.header(header)!
        h.lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if h.lines.last == "" { h.lines.removeLast() }
        return h
    }
}
