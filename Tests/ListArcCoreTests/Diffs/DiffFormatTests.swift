import Testing
@testable import ListArcCore

/// Helpers shared by the diff tests.
enum DiffFixture {
    static func extract(_ text: String) -> [ExtractedDiff] {
        DiffExtractor.extract(from: QuoteAnalyzer.analyse(text), partIndex: 0)
    }
    static func lines(_ l: [String]) -> String { l.joined(separator: "\n") + "\n" }
}

/// The diff formats found in mail, unquoted: each must come back exactly as written.
@Suite struct DiffFormatTests {
    @Test func gitRenameWithoutHunksAndModeChange() throws {
        let diff = DiffFixture.lines([
            "diff --git a/old.c b/new.c",
            "similarity index 100%",
            "rename from old.c",
            "rename to new.c",
            "diff --git a/run.sh b/run.sh",
            "old mode 100644",
            "new mode 100755",
        ])
        let found = DiffFixture.extract("Renames.\n---\n" + diff + "-- \n2.40.0\n")
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.files.count == 2)
        #expect(d.files[0].oldPath == "a/old.c")
        #expect(d.files[0].newPath == "b/new.c")
        #expect(d.files.allSatisfy { $0.hunks.isEmpty })
        #expect(DiffRenderer.render(d) == diff)
    }

    @Test func gitNewDeletedAndNoNewline() throws {
        let diff = DiffFixture.lines([
            "diff --git a/empty b/empty",
            "new file mode 100644",
            "index 0000000..e69de29",
            "diff --git a/gone.txt b/gone.txt",
            "deleted file mode 100644",
            "index 8baef1b..0000000",
            "--- a/gone.txt",
            "+++ /dev/null",
            "@@ -1 +0,0 @@",
            "-abc",
            "\\ No newline at end of file",
            "diff --git a/x.txt b/x.txt",
            "index 1111111..2222222 100644",
            "--- a/x.txt",
            "+++ b/x.txt",
            "@@ -1,2 +1,2 @@",
            " one",
            "-two",
            "\\ No newline at end of file",
            "+two",
        ])
        let d = try #require(DiffFixture.extract("Subject\n\n" + diff + "-- \n").first)
        #expect(d.files.count == 3)
        #expect(d.files[0].oldPath == nil)
        #expect(d.files[0].newPath == "b/empty")
        #expect(d.files[1].newPath == nil)
        #expect(d.files[1].hunks[0].lines == ["-abc", "\\ No newline at end of file"])
        #expect(d.complete)
        #expect(d.repairs.isEmpty)
        #expect(DiffRenderer.render(d) == diff)
    }

    @Test func gitBinaryPatchKeptVerbatimWithItsBlankLines() throws {
        let diff = DiffFixture.lines([
            "diff --git a/zero b/zero",
            "new file mode 100644",
            "index 0000000000000000000000000000000000000000..f76dd238ade08917e6712764a16a22005a50573d",
            "GIT binary patch",
            "literal 1",
            "IcmZPo000310RR91",
            "",
            "literal 0",
            "HcmV?d00001",
            "",
        ])
        let d = try #require(DiffFixture.extract(diff).first)
        #expect(d.files[0].binaryLines.count == 7)
        #expect(DiffRenderer.render(d) == diff)
        // The mail lost the final blank line: it is put back.
        let cut = String(diff.dropLast())
        let e = try #require(DiffFixture.extract(cut).first)
        #expect(DiffRenderer.render(e) == diff)
    }

    @Test func plainUnifiedWithTimestampsAndDiffLine() throws {
        let diff = DiffFixture.lines([
            "diff -ruN a/src/main.c b/src/main.c",
            "--- a/src/main.c\t2011-12-05 20:15:49.000000000 +0100",
            "+++ b/src/main.c\t2011-12-06 10:00:00.000000000 +0100",
            "@@ -1,3 +1,3 @@",
            " int main(void)",
            "-{ return 1; }",
            "+{ return 0; }",
            " /* end */",
        ])
        let d = try #require(DiffFixture.extract("Hi,\n\nplease apply:\n\n" + diff + "\nThanks\n").first)
        #expect(d.files[0].flavor == .unified)
        #expect(d.files[0].oldPath == "a/src/main.c")
        #expect(d.files[0].newPath == "b/src/main.c")
        #expect(DiffRenderer.render(d) == diff)
    }

    @Test func bareUnifiedWithoutDiffLine() throws {
        let diff = DiffFixture.lines(["--- foo.orig", "+++ foo", "@@ -3 +3 @@", "-a", "+b"])
        let d = try #require(DiffFixture.extract(diff).first)
        #expect(d.files[0].hunks[0].oldCount == 1)
        #expect(DiffRenderer.render(d) == diff)
    }

    @Test func cvsAndQuiltIndexDiffs() throws {
        let cvs = DiffFixture.lines([
            "Index: bfd/elf-bfd.h",
            "===================================================================",
            "RCS file: /cvs/src/src/bfd/elf-bfd.h,v",
            "retrieving revision 1.329",
            "diff -u -p -r1.329 elf-bfd.h",
            "--- bfd/elf-bfd.h\t17 Aug 2011 00:39:38 -0000\t1.329",
            "+++ bfd/elf-bfd.h\t5 Dec 2011 20:15:49 -0000",
            "@@ -198,2 +198,3 @@ struct elf_link_hash_entry",
            "   unsigned int a : 1;",
            "+  unsigned int b : 1;",
            "   unsigned int c : 1;",
            "Index: bfd/elflink.c",
            "===================================================================",
            "--- bfd/elflink.c.orig",
            "+++ bfd/elflink.c",
            "@@ -1 +1 @@",
            "-x",
            "+y",
        ])
        let d = try #require(DiffFixture.extract("2011-12-05  Someone\n\n" + cvs).first)
        #expect(d.files.count == 2)
        #expect(d.files.allSatisfy { $0.flavor == .cvs })
        #expect(d.files[0].hunks[0].section == "struct elf_link_hash_entry")
        #expect(DiffRenderer.render(d) == cvs)
    }

    @Test func hgExportDiff() throws {
        let diff = DiffFixture.lines([
            "diff -r 1e4b2a8c3e55 -r 9f0d4c2b7a11 hgext/foo.py",
            "--- a/hgext/foo.py\tThu Jan 01 00:00:00 1970 +0000",
            "+++ b/hgext/foo.py\tThu Jan 01 00:00:00 1970 +0000",
            "@@ -10,1 +10,1 @@ def foo():",
            "-    return 1",
            "+    return 2",
        ])
        let mail = "# HG changeset patch\n# User A <a@b>\n# Date 0 0\nfoo: return 2\n\n" + diff
        let d = try #require(DiffFixture.extract(mail).first)
        #expect(d.files[0].hunks[0].originalHeaderLine == "@@ -10,1 +10,1 @@ def foo():")
        #expect(DiffRenderer.render(d) == diff)
    }

    @Test func diffEndsAtSignatureAndProse() throws {
        let diff = DiffFixture.lines(["--- a/f", "+++ b/f", "@@ -1,2 +1,2 @@", " a", "-b", "+c"])
        for tail in ["-- \n2.39.5\n", "---\nI think this is right.\n", "Thanks!\n"] {
            let d = try #require(DiffFixture.extract(diff + tail).first)
            #expect(DiffRenderer.render(d) == diff)
            #expect(d.complete)
        }
    }

    @Test func proseMentioningDiffIsNoDiff() {
        let text = "Use diff --git a/x b/x when you can.\n--- not a header\nIndex: nothing\n@@ -1 +1 @@\n"
        #expect(DiffFixture.extract(text).isEmpty)
        #expect(DiffFixture.extract("").isEmpty)
    }

    @Test func twoDiffsInOneMessageAreTwoResults() throws {
        let a = DiffFixture.lines(["--- a/f", "+++ b/f", "@@ -1 +1 @@", "-a", "+b"])
        let b = DiffFixture.lines(["--- a/g", "+++ b/g", "@@ -1 +1 @@", "-c", "+d"])
        let found = DiffFixture.extract("First:\n" + a + "and then:\n" + b)
        #expect(found.count == 2)
        #expect(found.map { DiffRenderer.render($0) } == [a, b])
    }

    @Test func quotedGitPathsWithSpaces() throws {
        let diff = DiffFixture.lines([
            "diff --git \"a/with space\" \"b/with space\"",
            "--- \"a/with space\"",
            "+++ \"b/with space\"",
            "@@ -1 +1 @@", "-x", "+y",
        ])
        let d = try #require(DiffFixture.extract(diff).first)
        #expect(d.files[0].oldPath == "a/with space")
        #expect(DiffRenderer.render(d) == diff)
        let plain = try #require(DiffFixture.extract("diff --git a/my file b/my file\nnew file mode 100644\nindex 0000000..e69de29\n").first)
        #expect(plain.files[0].newPath == "b/my file")
    }

    @Test func bareUnifiedFilesBackToBack() throws {
        let diff = DiffFixture.lines([
            "--- a/f", "+++ b/f", "@@ -1 +1 @@", "-x", "+y",
            "--- a/g", "+++ b/g", "@@ -1,2 +1 @@", "-x", " y",
        ])
        let found = DiffFixture.extract(diff)
        #expect(found.count == 1)
        #expect(found.first?.files.count == 2)
        #expect(found.first?.repairs.isEmpty == true)
        #expect(found.first.map { DiffRenderer.render($0) } == diff)
    }
}
