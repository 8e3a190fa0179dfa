import Testing
@testable import ListArcCore

@Suite struct HunkFingerprintTests {
    static let header = "@@ -10,3 +10,4 @@"
    static let text = " int a;\n-int b;\n+int b = 1;\n+int c;"

    func print(_ path: String = "mm/mmap.c", _ header: String = header, _ text: String = text) -> HunkFingerprint {
        HunkFingerprint(path: path, header: header, text: text)
    }

    @Test func quotedCopyWithTrailingBlanksStrippedIsTheSameHunk() {
        let posted = print("mm/mmap.c", Self.header, " int a;  \n-int b;\t\n+int b = 1;\n+int c; \r")
        #expect(posted == print())
        #expect(print() == print(), "stable")
    }

    @Test func anyOtherDifferenceIsAnotherHunk() {
        let base = print()
        #expect(print("mm/nommu.c") != base, "file")
        #expect(print("mm/mmap.c", "@@ -12,3 +12,4 @@") != base, "header: another revision, moved")
        #expect(print("mm/mmap.c", Self.header, " int a;\n-int  b;\n+int b = 1;\n+int c;") != base, "blanks inside a line count")
        #expect(print("mm/mmap.c", Self.header, " int a;\n-int b;\n+int b = 2;\n+int c;") != base, "text")
        #expect(print("mm/mmap.c", Self.header, " int a;\n-int b;\n+int b = 1;") != base, "a line fewer")
        #expect(print("mm/mmap.c", Self.header, " int a;\n-int b;\n+int b = 1;\n+int c;\n") != base, "an empty last line")
        // The parts are separated: moving bytes between path and header changes the value.
        #expect(HunkFingerprint(path: "ab", header: "c", text: "") != HunkFingerprint(path: "a", header: "bc", text: ""))
    }

    @Test func pathsAreKnownWithoutPrefixesAndDeletedFilesByTheirOldPath() {
        #expect(HunkFingerprint.path(old: "a/mm/mmap.c", new: "b/mm/mmap.c") == "mm/mmap.c")
        #expect(HunkFingerprint.path(old: "a/mm/old.c", new: "/dev/null") == "mm/old.c")
        #expect(HunkFingerprint.path(old: "a/mm/old.c", new: nil) == "mm/old.c")
        #expect(HunkFingerprint.path(old: nil, new: "b/mm/new.c") == "mm/new.c")
        #expect(HunkFingerprint.path(old: nil, new: nil) == "")
        #expect(HunkFingerprint.plainPath("/dev/null") == "/dev/null")
    }

    @Test func extractedHunkMatchesItsStoredForm() {
        let hunk = Hunk(oldStart: 10, oldCount: 3, newStart: 10, newCount: 4, lines: Self.text.split(separator: "\n").map(String.init))
        let file = FileDiff(flavor: .git, oldPath: "a/mm/mmap.c", newPath: "b/mm/mmap.c", headerLines: [], hunks: [hunk])
        #expect(HunkFingerprint(file: file, hunk: hunk) == print())
        #expect(HunkFingerprint(stored: print().value) == print())
    }

    @Test func lineKeyIgnoresEveryBlank() {
        #expect(HunkFingerprint.lineKey("+\tint b = 1;") == HunkFingerprint.lineKey("+ int  b=1;\r"))
        #expect(HunkFingerprint.lineKey("+int b = 1;") != HunkFingerprint.lineKey("-int b = 1;"))
        #expect(PatchFingerprint.hash("+ x ") == HunkFingerprint.lineKey("+x"))
    }
}
