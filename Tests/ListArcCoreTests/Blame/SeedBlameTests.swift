import Testing
import Foundation
import TestSupport
@testable import ListArcCore

@Suite struct SeedBlameTests {
    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
    }

    static let m1 = "20220720021727.17018-23-Liam.Howlett@oracle.com"
    static let subject = "[PATCH v12 22/69] mm/mmap: change do_brk_flags() to expand existing VMA and add do_brk_munmap()"
    static let m2Date = utc(2022, 7, 23, 15, 1)

    static func candidates(linked: Bool = true, messageID: String = m1, date: Date = utc(2022, 7, 20, 2, 17)) throws -> [BlameCandidate] {
        try SeedHunks.all().map {
            BlameCandidate(messageID: messageID, subject: subject, date: date, file: "mm/mmap.c", hunk: $0,
                           reportRepliesToPatch: linked, reportQuotesPatch: linked)
        }
    }

    static func report(_ mail: String) throws -> CrashReport {
        try #require(SampleOopses.reports(try ReportParserTests.seedBody(mail)).first)
    }

    @Test(arguments: ["M2.eml", "M5.eml"])
    func seedRanking(mail: String) throws {
        let suspects = BlameRanker.rank(try Self.report(mail), reportDate: Self.m2Date, candidates: try Self.candidates())
        #expect(suspects.map(\.header) == ["@@ -2846,30 +2903,56 @@", "@@ -246,35 +269,52 @@", "@@ -2805,38 +2845,55 @@",
                                           "@@ -2880,18 +2963,29 @@", "@@ -194,17 +194,40 @@"])
        #expect(suspects.map(\.rank) == [1, 2, 3, 4, 5])
        let top = try #require(suspects.first)
        #expect(top.evidence.first?.hasPrefix("adds a call from do_brk_flags to mas_store_gfp (+2922, +2946") == true)
        #expect(top.evidence.first?.contains("frame #5 do_brk_flags+0x21c/0x318 into frame #4 mas_store_gfp+0x64/0x154") == true)
        #expect(top.evidence.contains("the report replies to this patch's message"))
        #expect(top.evidence.contains { $0.contains("this patch should be the cause") })
        #expect(top.evidence.contains("posted before next-20220722, the kernel the report names"))
        let second = suspects[1]
        #expect(second.evidence.first?.hasPrefix("adds a call from sys_brk to do_brk_flags (+315") == true)
        // Hunk 6 changes vm_brk_flags, which is not on the stack.
        #expect(!suspects.contains { $0.header == "@@ -2902,13 +2996,38 @@" })
    }

    @Test func codeEvidenceAloneGivesTheSameOrder() throws {
        let suspects = BlameRanker.rank(try Self.report("M2.eml"), candidates: try Self.candidates(linked: false))
        #expect(suspects.prefix(2).map(\.header) == ["@@ -2846,30 +2903,56 @@", "@@ -246,35 +269,52 @@"])
        #expect(suspects.count == 5)
    }

    /// A later revision of the same patch (posted after the report) stays in the top 3
    /// beside the one the report answers.
    @Test func laterRevisionStaysNearTheTop() throws {
        let v12 = try Self.candidates()
        let v14 = try Self.candidates(linked: false, messageID: "20220906194824.2110408-23-Liam.Howlett@oracle.com", date: Self.utc(2022, 9, 6))
        let suspects = BlameRanker.rank(try Self.report("M2.eml"), reportDate: Self.m2Date, candidates: v14 + v12)
        let top3 = suspects.prefix(3).map { "\($0.messageID) \($0.header)" }
        #expect(top3.contains("\(Self.m1) @@ -2846,30 +2903,56 @@"))
        #expect(top3.contains("20220906194824.2110408-23-Liam.Howlett@oracle.com @@ -2846,30 +2903,56 @@"))
        #expect(suspects.first?.messageID == Self.m1)
        let later = try #require(suspects.first { $0.messageID.hasPrefix("20220906") })
        #expect(later.evidence.contains("posted 2022-09-06, after the report (2022-07-23)"))
    }

    @Test func sameInputSameOrderAndWords() throws {
        let report = try Self.report("M2.eml")
        let cands = try Self.candidates() + Self.candidates(linked: false, messageID: "other@example.org")
        let a = BlameRanker.rank(report, reportDate: Self.m2Date, candidates: cands)
        var shuffled = Array(cands.enumerated())
        shuffled.shuffle()
        let b = BlameRanker.rank(report, reportDate: Self.m2Date, candidates: shuffled.map(\.element))
        #expect(a.map { [$0.messageID, $0.header] } == b.map { [$0.messageID, $0.header] })
        #expect(a.map(\.evidence) == b.map(\.evidence))
        #expect(a.map(\.score) == b.map(\.score))
        #expect(BlameRanker.rank(report, candidates: cands, limit: 3).count == 3)
    }

    @Test func frameBaseNames() {
        #expect(Frame.baseName("print_report.cold") == "print_report")
        #expect(Frame.baseName("ext4_find_entry.isra.0") == "ext4_find_entry")
        #expect(Frame.baseName("__x64_sys_brk") == "sys_brk")
        #expect(Frame.baseName("__arm64_sys_brk") == "sys_brk")
        #expect(Frame.baseName("__se_sys_mmap.constprop.0") == "sys_mmap")
        #expect(Frame.baseName("__ia32_compat_sys_ioctl") == "compat_sys_ioctl")
        #expect(Frame.baseName("__do_munmap") == "__do_munmap")
        #expect(Frame.baseName("do_brk_flags") == "do_brk_flags")
    }

    @Test func traceFunctionsSkipEntryCode() throws {
        #expect(BlameRanker.traceFunctions(of: try Self.report("M2.eml")) ==
                ["mas_update_gap", "mas_wr_modify", "mas_wr_store_entry", "mas_store_gfp", "do_brk_flags", "sys_brk"])
    }
}
