import Foundation
import Testing
@testable import ListArcCore
import TestSupport

@Suite struct PatchSelectionTests {
    /// The seed patch as quoted in M1..M5 (depths 0..4).
    func seedCopies() throws -> [Patch] {
        try (1...5).map { n in
            let message = try PatchFixtures.seedMessage("M\(n)")
            let (analysis, diff) = try PatchFixtures.seedDiff(in: message, depth: n - 1)
            return try #require(PatchBuilder.patches(message: message, quotes: [analysis], diffs: [diff]).first)
        }
    }

    @Test func fiveCopiesAtFiveDepthsGiveOnePatchTheLeastQuoted() throws {
        let copies = try seedCopies()
        // Deepest first, so the winner is not just the first seen.
        let best = PatchSelection.best(copies.reversed())
        #expect(best.count == 1)
        #expect(best.first?.diff.depth == 0)
        #expect(best.first?.messageID == "20220720021727.17018-23-Liam.Howlett@oracle.com")
    }

    @Test func partialCopyLosesToCompleteOneAndIsNotKeptApart() throws {
        var copies = try seedCopies()
        var trimmed = copies[4]
        trimmed.diff.files[0].hunks[3].lines.removeLast(10)
        trimmed.diff.files[0].hunks[3].complete = false
        trimmed.diff.complete = false
        copies = [trimmed, copies[2]]
        let best = PatchSelection.best(copies)
        #expect(best.count == 1)
        #expect(best.first?.diff.complete == true)
        #expect(best.first?.diff.depth == 2)
    }

    @Test func fewerRepairsWinAtEqualCompleteness() throws {
        let copies = try seedCopies()
        var repaired = copies[1]
        repaired.diff.repairs = [.blankContextRestored, .trailingWhitespaceLost]
        // Whitespace damage does not change the fingerprint.
        repaired.diff.files[0].hunks[0].lines[0] = repaired.diff.files[0].hunks[0].lines[0] + "   "
        let best = PatchSelection.best([repaired, copies[3]])
        #expect(best.count == 1)
        #expect(best.first?.diff.depth == 3)
    }

    @Test func differentPatchesStayApart() throws {
        let copies = try seedCopies()
        var other = copies[0]
        other.diff.files[0].hunks[0].lines.append("+int extra_line;")
        other.diff.files[0].hunks[0].newCount += 1
        #expect(PatchSelection.best([copies[0], other]).count == 2)
    }

    @Test func restoredAddressCarriesOverToTheWinner() throws {
        let copies = try seedCopies()
        var winner = copies[0]
        winner.authorAddress = "Liam.Howlett@...cle.com"
        winner.authorAddressObfuscated = true
        let best = PatchSelection.best([winner, copies[1]])
        #expect(best.count == 1)
        #expect(best.first?.authorAddressObfuscated == false)
        #expect(best.first?.authorAddress?.lowercased() == "liam.howlett@oracle.com")
    }

    @Test func onlyFileKeepsMatchingSections() throws {
        let patch = try seedCopies()[0]
        #expect(patch.only(file: "mm/mmap.c").diff.files.count == 1)
        #expect(patch.only(file: "mm/other.c").diff.files.isEmpty)
        #expect(patch.only(file: "b/mm/mmap.c").diff.files.count == 1)
    }
}

@Suite struct PatchJSONTests {
    @Test func shapeFollowsDesign() throws {
        let message = try PatchFixtures.seedMessage("M1")
        let (analysis, diff) = try PatchFixtures.seedDiff(in: message, depth: 0)
        let patches = PatchBuilder.patches(message: message, quotes: [analysis], diffs: [diff])
        let data = try JSONEncoder().encode(PatchJSON(patches))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let diffs = try #require(root["diffs"] as? [[String: Any]])
        #expect(diffs.count == 1)
        let d = try #require(diffs.first)
        for key in ["messageId", "depth", "author", "date", "subject", "complete", "repairs", "files"] {
            #expect(d.keys.contains(key), "missing \(key)")
        }
        #expect(d["messageId"] as? String == "20220720021727.17018-23-Liam.Howlett@oracle.com")
        #expect(d["depth"] as? Int == 0)
        #expect(d["author"] as? String == "Liam R. Howlett <Liam.Howlett@Oracle.com>")
        #expect(d["complete"] as? Bool == true)
        let files = try #require(d["files"] as? [[String: Any]])
        #expect(files.first?["oldPath"] as? String == "mm/mmap.c")
        #expect(files.first?["newPath"] as? String == "mm/mmap.c")
        let hunks = try #require(files.first?["hunks"] as? [[String: Any]])
        #expect(hunks.map { $0["header"] as? String } == [
            "@@ -194,17 +194,40 @@", "@@ -246,35 +269,52 @@", "@@ -2805,38 +2845,55 @@",
            "@@ -2846,30 +2903,56 @@", "@@ -2880,18 +2963,29 @@", "@@ -2902,13 +2996,38 @@",
        ])
        #expect(hunks.first?["oldStart"] as? Int == 194)
        #expect(hunks.first?["newCount"] as? Int == 40)
        #expect((hunks.first?["functions"] as? [Any])?.isEmpty == true)
    }

    @Test func absentValuesAreNull() throws {
        let diff = ExtractedDiff(depth: 1, files: PatchFixtures.files("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+x\n"), complete: true, repairs: [], partIndex: 0, lineRange: 0..<4)
        let patch = Patch(messageID: nil, subject: "s", authorName: nil, authorAddress: nil, authorAddressObfuscated: false, date: nil, commitMessage: "", diff: diff)
        let text = String(decoding: try JSONEncoder().encode(PatchJSON([patch])), as: UTF8.self)
        #expect(text.contains("\"messageId\":null"))
        #expect(text.contains("\"oldPath\":null"))
        #expect(text.contains("\"date\":null"))
    }
}

@Suite struct SeriesPositionTests {
    func patch(_ subject: String) -> Patch {
        Patch(messageID: nil, subject: subject, authorName: nil, authorAddress: nil, authorAddressObfuscated: false, date: nil, commitMessage: "",
              diff: ExtractedDiff(depth: 0, files: [], complete: true, repairs: [], partIndex: 0, lineRange: 0..<0))
    }

    @Test func parsesSeriesTags() {
        let s = SeriesPosition(subject: "[PATCH v12 22/69] mm/mmap: x")
        #expect(s?.number == 22)
        #expect(s?.total == 69)
        #expect(SeriesPosition(subject: "[PATCH] x") == nil)
        #expect(SeriesPosition(subject: "no tag 1/2") == nil)
    }

    @Test func ordersEachSeriesInItsOwnSlots() {
        let input = ["[PATCH v2 3/3] c", "unrelated", "[PATCH v2 1/3] a", "[PATCH v1 2/2] y", "[PATCH v2 2/3] b", "[PATCH v1 1/2] x"].map(patch)
        let out = SeriesPosition.ordered(input).map(\.subject)
        #expect(out == ["[PATCH v2 1/3] a", "unrelated", "[PATCH v2 2/3] b", "[PATCH v1 1/2] x", "[PATCH v2 3/3] c", "[PATCH v1 2/2] y"])
    }
}
