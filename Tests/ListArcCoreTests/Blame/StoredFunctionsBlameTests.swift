import Foundation
import Testing
import TestSupport
@testable import ListArcCore

/// The archive hands the ranker each hunk's stored functions, and the lines only of
/// hunks that modify a trace function: the ranking must be the one it gives when it
/// attributes every hunk itself.
@Suite struct StoredFunctionsBlameTests {
    /// What ingest stores for a hunk: one row per function, its macro alias as another row.
    static func stored(_ hunk: Hunk) -> [HunkFunction] {
        FunctionAttributor.functions(in: hunk).flatMap { f in
            [HunkFunction(function: f.function, relation: f.relation)] + (f.alias.map { [HunkFunction(function: $0, relation: f.relation)] } ?? [])
        }
    }

    /// As the archive gives them: functions attached, lines dropped where the ranker does not need them.
    static func asStored(_ candidates: [BlameCandidate], _ report: CrashReport) -> [BlameCandidate] {
        let names = Set(BlameRanker.traceFunctions(of: report))
        return candidates.map { c in
            var c = c
            c.functions = stored(c.hunk)
            if !BlameRanker.needsLines(c.functions ?? [], traceNames: names) { c.hunk.lines = [] }
            return c
        }
    }

    /// A hunk outside the trace's functions that calls mas_store_gfp and mentions
    /// do_brk_flags in a comment: scored by its mention alone.
    static let mentioning = BlameCandidate(
        messageID: "mention@example.org", subject: "[PATCH] mm: note", date: SeedBlameTests.utc(2022, 7, 1), file: "mm/vma.c",
        hunk: Hunk(oldStart: 40, oldCount: 3, newStart: 40, newCount: 4, section: "static int vma_note(struct ma_state *mas)",
                   lines: [" \tint ret;", "+\t/* same as do_brk_flags() does */", "+\tret = mas_store_gfp(mas, NULL, GFP_KERNEL);",
                           "-\tret = 0;", " \treturn ret;"]))

    @Test(arguments: ["M2.eml", "M5.eml"])
    func sameRankingFromStoredFunctions(mail: String) throws {
        let report = try SeedBlameTests.report(mail)
        let v12 = try SeedBlameTests.candidates()
        let v14 = try SeedBlameTests.candidates(linked: false, messageID: "v14@example.org", date: SeedBlameTests.utc(2022, 9, 6))
        let all = v12 + v14 + [Self.mentioning]
        let full = BlameRanker.rank(report, reportDate: SeedBlameTests.m2Date, candidates: all)
        let fromStore = BlameRanker.rank(report, reportDate: SeedBlameTests.m2Date, candidates: Self.asStored(all, report))
        #expect(fromStore == full)
        #expect(full.count > 5)
        #expect(full.contains { $0.messageID == "mention@example.org" && $0.evidence.contains { $0.hasPrefix("mentions do_brk_flags") } })
        // Some hunks were ranked without their lines (hunk 6 changes only vm_brk_flags, not on the trace).
        #expect(Self.asStored(all, report).contains { $0.hunk.lines.isEmpty })
    }

    @Test func onlyHunksModifyingATraceFunctionNeedLines() {
        let names: Set<String> = ["do_brk_flags", "sys_brk"]
        #expect(BlameRanker.needsLines([HunkFunction(function: "do_brk_flags", relation: .modifies)], traceNames: names))
        #expect(BlameRanker.needsLines([HunkFunction(function: "sys_brk", relation: .modifies)], traceNames: names))
        #expect(!BlameRanker.needsLines([HunkFunction(function: "do_brk_flags", relation: .calls),
                                         HunkFunction(function: "sys_brk", relation: .mentions),
                                         HunkFunction(function: "vm_brk_flags", relation: .modifies)], traceNames: names))
        #expect(!BlameRanker.needsLines([], traceNames: names))
    }
}
