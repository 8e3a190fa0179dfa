import Testing
import TestSupport
@testable import ListArcCore

/// The seed thread: M1 carries the patch, M2..M5 quote it one level deeper each.
@Suite struct SeedThreadDiffTests {
    /// The body of a seed `.eml` (plain 8-bit text: everything after the header block).
    static func body(_ name: String) throws -> String {
        let text = try Paths.text(Paths.sample("seed-thread/\(name).eml"))
        guard let r = text.range(of: "\n\n") else { return "" }
        return String(text[r.upperBound...])
    }

    static func expectedDiff() throws -> String {
        try Paths.text(Paths.sample("expected/mm-mmap-patch22.diff"))
    }

    @Test(arguments: [("M1", 0), ("M2", 1), ("M3", 2), ("M4", 3), ("M5", 4)])
    func sameDiffAtEachDepth(message: String, depth: Int) throws {
        let analysis = QuoteAnalyzer.analyse(try Self.body(message))
        let diffs = DiffExtractor.extract(from: analysis, partIndex: 0)
        let atDepth = diffs.filter { $0.depth == depth }
        #expect(atDepth.count == 1)
        let diff = try #require(atDepth.first)
        #expect(diff.complete)
        #expect(diff.files.count == 1)
        #expect(diff.files.first?.oldPath == "a/mm/mmap.c")
        #expect(diff.files.first?.hunks.count == 6)
        #expect(DiffRenderer.render(diff) == (try Self.expectedDiff()))
        #expect(!diff.repairs.contains(.hunkRecounted))
        // Nothing else in these bodies is a diff.
        #expect(diffs.count == 1)
    }

    @Test func m5DiffRecordsWhereItCameFrom() throws {
        let body = try Self.body("M5")
        let analysis = QuoteAnalyzer.analyse(body)
        let diff = try #require(DiffExtractor.extract(from: analysis, partIndex: 3).first)
        #expect(diff.partIndex == 3)
        // The depth-4 text is Liam's patch mail, attributed "20.07.2022 05:17, Liam Howlett пишет:".
        #expect(diff.author == "Liam Howlett")
        #expect(diff.date == "20.07.2022 05:17")
        let first = analysis.lines[diff.lineRange.lowerBound].raw
        let last = analysis.lines[diff.lineRange.upperBound - 1].raw
        #expect(first == ">>>> diff --git a/mm/mmap.c b/mm/mmap.c")
        #expect(last == ">>>>  ")
        // The hunk headers keep their function context.
        #expect(diff.files[0].hunks[0].header == "@@ -194,17 +194,40 @@")
        #expect(diff.files[0].hunks[0].section == "static struct vm_area_struct *remove_vma(struct vm_area_struct *vma)")
    }
}
