import Testing
import TestSupport
@testable import ListArcCore

/// Whatever the internet serves: no crash, no hang, a best-effort answer.
@Suite struct DiffBadInputTests {
    static func extract(_ text: String) -> [ExtractedDiff] {
        DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0)
    }

    @Test func fiftyMegabyteLine() {
        let line = String(repeating: "a", count: 50_000_000)
        #expect(Self.extract(line).isEmpty)
        // The same inside a diff: kept as one (long) added line.
        let diff = "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+" + line + "\n"
        let d = Self.extract(diff)
        #expect(d.count == 1)
        #expect(d.first?.files.first?.hunks.first?.lines.first?.utf8.count == 50_000_001)
        // And as a diff --git line.
        #expect(Self.extract("diff --git " + line + "\n").isEmpty)
    }

    @Test func tenThousandQuoteLevels() throws {
        let prefix = String(repeating: ">", count: 10_000) + " "
        let diff = ["--- a/f", "+++ b/f", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]
        let text = diff.map { prefix + $0 }.joined(separator: "\n") + "\n"
        let d = try #require(Self.extract(text).first)
        #expect(d.depth == 10_000)
        #expect(DiffRenderer.render(d) == diff.joined(separator: "\n") + "\n")
        // A staircase: every line one level deeper than the one before.
        let stairs = (1...2_000).map { String(repeating: ">", count: $0) + " +line" }.joined(separator: "\n")
        #expect(Self.extract("--- a/f\n+++ b/f\n@@ -1 +1 @@\n" + stairs).allSatisfy { !$0.complete })
    }

    /// `---`/`+++` with an unreadable hunk header is no diff at all (it used to come
    /// out as a "complete" diff of two header lines; found by FuzzDiffs).
    @Test func markersWithoutAReadableHunkAreNoDiff() {
        #expect(Self.extract("--- a/file\n+++ b/file\n@@ -49, 7 +49,34 @@\n\n").isEmpty)
        #expect(Self.extract("> --- a/file\n> +++ b/file\n> @@ -x +y @@\n> -a\n").isEmpty)
        let good = Self.extract("--- a/file\n+++ b/file\n@@ -49,1 +49,1 @@\n-a\n+b\n")
        #expect(good.count == 1 && good[0].complete && good[0].files.first?.hunks.count == 1)
    }

    /// A hunk whose last line removes the line "-" prints as "--", which is also a
    /// signature separator with its space stripped (found by FuzzDiffs: the diff did
    /// not read back as itself). Signature text after it still makes it the signature.
    @Test func hunkEndingInDashDashReadsBackAsItself() throws {
        let diff = "--- a/list.md\n+++ b/list.md\n@@ -1,3 +1,2 @@\n a\n b\n--\n"
        let d = try #require(Self.extract(diff).first)
        #expect(d.complete)
        #expect(DiffRenderer.render(d) == diff)
        #expect(try #require(Self.extract("> " + diff.dropLast().replacingOccurrences(of: "\n", with: "\n> ") + "\n\nThanks\n").first).complete)
        let signed = Self.extract("--- a/list.md\n+++ b/list.md\n@@ -1,3 +1,2 @@\n a\n b\n-- \n2.34.1\n")
        #expect(signed.count == 1 && signed[0].files.first?.hunks.first?.lines == [" a", " b"])
    }

    /// "\\ No newline at end of file" follows a counted line; a second one in a row is
    /// no hunk line (found by FuzzDiffs: a hunk kept two and did not read back the same).
    @Test func secondNoNewlineMarkerEndsTheHunk() throws {
        let d = try #require(Self.extract("--- a/f\n+++ b/f\n@@ -1,7 +1,7 @@\n+x\n\\ No ne.c\n\\ No newline at end of file\n").first)
        let text = DiffRenderer.render(d)
        #expect(text.components(separatedBy: "\\ No").count == 2)
        let again = try #require(Self.extract(text).first)
        #expect(DiffRenderer.render(again) == text)
    }

    /// Git quotes a CR in a path, so CRs ending a header line are damage, all of them
    /// (each read used to drop one: found by FuzzDiffs). An `index` line alone, with
    /// no hunk, says nothing to apply: no diff.
    @Test func headerLinesLoseEveryTrailingCR() throws {
        let crs = String(repeating: "\r", count: 5)
        let d = try #require(Self.extract("diff --git a/f b/f\(crs)\nindex 1..2 100644\n--- a/f\(crs)\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n").first)
        #expect(DiffRenderer.render(d) == "diff --git a/f b/f\nindex 1..2 100644\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(d.files.first?.oldPath == "a/f")
        #expect(Self.extract("diff --git a/f b/f\nindex 1..2 100644\n\nThanks\n").isEmpty)
        #expect(Self.extract("diff --git a/f b/f\nold mode 100644\nnew mode 100755\n").count == 1)
    }

    @Test func hunkCountsThatLie() throws {
        // Far more lines promised than given: read to the structure, never past the text.
        let huge = "--- a/f\n+++ b/f\n@@ -1,999999999 +1,999999999 @@\n a\n-b\n+c\nThanks.\n"
        let d = try #require(Self.extract(huge).first)
        #expect(!d.complete)
        // Counts too large to believe, then the next hunk: recounted from the lines.
        let absurd = "--- a/f\n+++ b/f\n@@ -1,99999999999999999999 +1,3 @@\n a\n-b\n+c\n@@ -10 +10 @@\n-x\n+y\n"
        let e = try #require(Self.extract(absurd).first)
        #expect(e.files[0].hunks.count == 2)
        #expect(e.files[0].hunks[0].oldCount == 2)
        #expect(e.repairs.contains(.hunkRecounted))
        // Zero counts with lines after them: the lines are not taken as part of the hunk.
        let zero = "--- a/f\n+++ b/f\n@@ -1,0 +1,0 @@\n+a\n"
        #expect(Self.extract(zero).count <= 1)
        // A quoted hunk with too few lines is partial, not recounted.
        let quoted = "> --- a/f\n> +++ b/f\n> @@ -1,5 +1,5 @@\n>  a\n> -b\n> +c\n\nOK.\n"
        let q = try #require(Self.extract(quoted).first)
        #expect(!q.complete)
        #expect(!q.repairs.contains(.hunkRecounted))
    }

    @Test func invalidUTF8AndBinaryJunk() {
        var bytes: [UInt8] = Array("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-".utf8) + [0xFF, 0xFE, 0xC0, 0x00] + Array("\n+ok\n".utf8)
        let d = Self.extract(String(decoding: bytes, as: UTF8.self))
        #expect(d.count == 1)
        #expect(d.first?.complete == true)
        var rng = SeededRandom(seed: 7)
        bytes = (0..<1_000_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        // Sprinkle diff-like lines into the junk.
        for (i, s) in ["\ndiff --git a b\n", "\n@@ -1,3 +1 @@\n", "\n--- a\n+++ b\n@@ -1 +1 @@\n", "\nIndex: x\n====\n"].enumerated() {
            bytes.replaceSubrange((i * 100_000)..<(i * 100_000 + s.utf8.count), with: Array(s.utf8))
        }
        _ = Self.extract(String(decoding: bytes, as: UTF8.self))
        _ = Self.extract("")
        _ = Self.extract("\n\n\n")
        _ = Self.extract("@@ -1 +1 @@")
        _ = Self.extract("diff --git")
        _ = Self.extract("--- \n+++ \n@@ -\n")
        _ = Self.extract("GIT binary patch\nliteral 99999999999\nzzzz\n")
    }

    @Test func manyTinyDiffsStayLinear() {
        // 20,000 back-to-back one-hunk files: each is read once.
        let one = "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n+y\n"
        let d = Self.extract(String(repeating: one, count: 20_000))
        #expect(d.count == 1)
        #expect(d.first?.files.count == 20_000)
    }
}
