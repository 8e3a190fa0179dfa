import Foundation
import Testing
@testable import ListArcCore
import TestSupport

/// Compares the rebuilt mails with what the installed `git format-patch` writes for
/// the same commits: headers (quoting, RFC 2047, folding), diffstat (scaling,
/// renames, binary, summary lines, singular forms) and layout.
@Suite struct FormatPatchTests {
    struct Commit: Sendable {
        var name: String, email: String, subject: String, body: String
        var change: @Sendable (URL) throws -> Void
    }

    static func write(_ dir: URL, _ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static let commits: [Commit] = [
        Commit(name: "Liam R. Howlett", email: "Liam.Howlett@Oracle.com", subject: "mm: several kinds of change in one commit", body: "Body line.\n\nSigned-off-by: Liam R. Howlett <Liam.Howlett@Oracle.com>") { d in
            try write(d, "mm/mmap.c", (1...300).map { "line \($0) changed" }.joined(separator: "\n") + "\n")
            try write(d, "mm/new.c", "int x;\n")
            try FileManager.default.removeItem(at: d.appendingPathComponent("mm/old.c"))
        },
        Commit(name: "Jöhn Dœ", email: "john@example.org", subject: "fs: rename with a tiny change and a mode change, plus a subject long enough to need folding twice or more", body: "") { d in
            try FileManager.default.createDirectory(at: d.appendingPathComponent("fs/lookup"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: d.appendingPathComponent("fs/namei.c"), to: d.appendingPathComponent("fs/lookup/namei.c"))
            try write(d, "fs/lookup/namei.c", (1...40).map { "namei \($0)" }.joined(separator: "\n") + "\nextra\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: d.appendingPathComponent("tools/run.sh").path)
        },
        Commit(name: "Last, First", email: "first@example.com", subject: "net: ünïcode in the subject", body: "Grüße.") { d in
            try write(d, "drivers/net/ethernet/some/really/long/directory/name/for/the/stat/driver_main.c", "a\nb\n")
            try write(d, "a.bin", String(repeating: "\u{0}\u{1}\u{2}binary", count: 50))
        },
        Commit(name: "A U Thor", email: "author@example.com", subject: "one line", body: "") { d in
            try write(d, "README", "hello\nworld\n")
        },
    ]

    @Test func rebuiltMailsEqualGitFormatPatch() throws {
        let dir = try PatchFixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["GIT_AUTHOR_DATE": "1658283471 +0000", "GIT_COMMITTER_DATE": "1658283471 +0000",
                   "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.com"]
        try PatchFixtures.run(["git", "init", "-q"], in: dir)
        try Self.write(dir, "mm/mmap.c", (1...300).map { "line \($0)" }.joined(separator: "\n") + "\n")
        try Self.write(dir, "mm/old.c", "old\n")
        try Self.write(dir, "fs/namei.c", (1...40).map { "namei \($0)" }.joined(separator: "\n") + "\n")
        try Self.write(dir, "tools/run.sh", "#!/bin/sh\n")
        try Self.write(dir, "README", "hello\n")
        try PatchFixtures.run(["git", "add", "-A"], in: dir)
        try PatchFixtures.run(["git", "-c", "user.name=I", "-c", "user.email=i@example.com", "commit", "-qm", "initial"], in: dir, environment: env)

        for (n, commit) in Self.commits.enumerated() {
            try commit.change(dir)
            try PatchFixtures.run(["git", "add", "-A"], in: dir)
            let message = commit.body.isEmpty ? commit.subject : commit.subject + "\n\n" + commit.body
            try PatchFixtures.run(["git", "-c", "user.name=\(commit.name)", "-c", "user.email=\(commit.email)", "commit", "-qm", message], in: dir,
                                  environment: env.merging(["GIT_AUTHOR_NAME": commit.name, "GIT_AUTHOR_EMAIL": commit.email]) { $1 })
            let mail = try PatchFixtures.run(["git", "format-patch", "-1", "-M", "--stdout", "--zero-commit", "--signature=sig \(n)"], in: dir)
            let lines = mail.components(separatedBy: "\n")
            let diffStart = try #require(lines.firstIndex { $0.hasPrefix("diff --git ") })
            let sigLine = try #require(lines.lastIndex(of: "-- "))
            let diffText = lines[diffStart..<sigLine].joined(separator: "\n") + "\n"
            let files = PatchFixtures.files(diffText)
            let diff = ExtractedDiff(depth: 0, files: files, complete: true, repairs: [], partIndex: 0, lineRange: 0..<0)
            var patch = Patch(messageID: nil, subject: "[PATCH] " + commit.subject, authorName: commit.name, authorAddress: commit.email,
                              authorAddressObfuscated: false, date: "Wed, 20 Jul 2022 02:17:51 +0000", commitMessage: commit.body, diff: diff)
            patch.signature = "sig \(n)"
            #expect(Patch.diffText(of: files) == diffText, "diff text of commit \(n)")
            #expect(patch.mailText == mail, "mail of commit \(n)")
            if patch.mailText != mail, let debug = ProcessInfo.processInfo.environment["LISTARC_DEBUG_DIR"] {
                try Data(mail.utf8).write(to: URL(fileURLWithPath: debug + "/expected\(n)"))
                try Data(patch.mailText.utf8).write(to: URL(fileURLWithPath: debug + "/got\(n)"))
            }

            // And the file name format-patch gives it.
            let outDir = dir.deletingLastPathComponent().appendingPathComponent(dir.lastPathComponent + "-out\(n)")
            defer { try? FileManager.default.removeItem(at: outDir) }
            let names = try PatchFixtures.run(["git", "format-patch", "-1", "-o", outDir.path], in: dir)
            let name = URL(fileURLWithPath: names.trimmingCharacters(in: .whitespacesAndNewlines)).lastPathComponent
            #expect(PatchFileName.make(number: 1, subject: patch.subject) == name)
        }
    }

    @Test func fileNamesStayInsideTheirFolder() {
        for subject in ["../../etc/passwd", "/etc/passwd", "a\u{0}b\u{1B}[31mc", String(repeating: "x", count: 5000), "....", "", "[PATCH] ..", "ütf ☃ names"] {
            let name = PatchFileName.make(number: 7, subject: subject)
            #expect(!name.contains("/"))
            #expect(!name.contains(".."))
            #expect(!name.hasPrefix("."))
            #expect(name.utf8.count <= PatchFileName.maxLength)
            #expect(name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F })
            #expect(name.hasPrefix("0007-"))
        }
        #expect(PatchFileName.make(number: 1, subject: "[PATCH v12 22/69] mm/mmap: change do_brk_flags() to expand existing VMA and add do_brk_munmap()")
                == "0001-mm-mmap-change-do_brk_flags-to-expand-existing-VMA-a.patch")
    }
}
