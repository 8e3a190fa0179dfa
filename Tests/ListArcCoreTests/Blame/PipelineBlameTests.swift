import Testing
import Foundation
import TestSupport
@testable import ListArcCore

/// The seed thread through the real pipeline: mail parser, quote analysis, diff
/// extractor, report parser, function attribution, ranking.
@Suite struct PipelineBlameTests {
    static func analysed(_ name: String) throws -> AnalysedMessage {
        let bytes = try Paths.bytes(Paths.sample("seed-thread/\(name)"))
        return Analyser.analyse(try MailParser.parse(bytes, sourceURL: name))
    }

    @Test func patchHunksFromTheExtractorMatchTheExpectedDiff() throws {
        let m1 = try Self.analysed("M1.eml")
        let diff = try #require(m1.diffs.first { $0.depth == 0 })
        let hunks = try #require(diff.files.first).hunks
        let expected = try SeedHunks.all()
        #expect(hunks.map(\.headerLine) == expected.map(\.headerLine))
        #expect(hunks.map { FunctionAttributor.functions(in: $0) } == expected.map { FunctionAttributor.functions(in: $0) })
    }

    @Test(arguments: [("M2.eml", 0), ("M5.eml", 3)])
    func reportsComeOutOfTheAnalyser(mail: String, depth: Int) throws {
        let a = try Self.analysed(mail)
        #expect(a.reports.count == 1)
        let r = try #require(a.reports.first)
        #expect(r.depth == depth)
        #expect(r.frames.map(\.function) == ReportParserTests.seedFrames.map(\.0))
    }

    /// M2 quotes M1's diff: rank the copy M2 itself carries.
    @Test func m2AloneBlamesTheHunkItQuotes() throws {
        let m2 = try Self.analysed("M2.eml")
        let report = try #require(m2.reports.first)
        let quoted = try #require(m2.diffs.first { $0.depth == 1 })
        let file = try #require(quoted.files.first)
        let candidates = file.hunks.map {
            BlameCandidate(messageID: "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com", subject: "Re: [PATCH v12 22/69]", date: nil,
                           file: file.newPath ?? "mm/mmap.c", hunk: $0, reportQuotesPatch: true)
        }
        let suspects = BlameRanker.rank(report, candidates: candidates)
        #expect(suspects.prefix(2).map(\.header) == ["@@ -2846,30 +2903,56 @@", "@@ -246,35 +269,52 @@"])
    }
}
