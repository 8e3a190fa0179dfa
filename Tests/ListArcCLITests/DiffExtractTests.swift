import Foundation
import Testing
import TestSupport

/// `listarc diff extract` end to end on the seed thread (issue 2's Must show) and
/// the output-safety rules (issue 5).
@Suite(.serialized) struct DiffExtractTests {
    static let expectedDiff = try! Paths.text(Paths.sample("expected/mm-mmap-patch22.diff"))
    static let subject = "[PATCH v12 22/69] mm/mmap: change do_brk_flags() to expand existing VMA and add do_brk_munmap()"
    static let m5Openwall = "openwall/lists.openwall.net/linux-kernel/2022/07/25/6"
    static let ids = [
        "20220720021727.17018-23-Liam.Howlett@oracle.com", "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com",
        "20220725140053.gk4ugsxxhgabzg44@revolver", "20220725184940.yzgz2m25sbfj5zjj@revolver",
        "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com",
    ]
    static let openwallPages = ["2022/07/20/3", "2022/07/23/2", "2022/07/25/3", "2022/07/25/5", "2022/07/25/6"]

    /// Every copy of the seed thread listarc reads: lore page/raw/thread mbox of M1..M5,
    /// the openwall pages of M1..M5 and the thread mbox.
    static let seedInputs: [String] =
        ids.flatMap { id in ["index.html", "raw", "t.mbox.gz"].map { "lore/lore.kernel.org/linux-mm/\(id)/\($0)" } }
        + openwallPages.map { "openwall/lists.openwall.net/linux-kernel/\($0)" }
        + ["seed-thread/thread.mbox"]

    static func tempDir() throws -> URL { try Command.scratchDirectory("listarc-diff") }

    @discardableResult
    static func sh(_ args: [String], in dir: URL, stdin: String? = nil) throws -> (status: Int32, out: String) {
        try Command.run(args, in: dir, stdin: stdin)
    }

    /// A scratch repository holding the pre-image skeleton as mm/mmap.c.
    static func skeletonRepo() throws -> URL {
        let dir = try tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("mm"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Paths.sample("expected/mm-mmap-skeleton.c"), to: dir.appendingPathComponent("mm/mmap.c"))
        try sh(["git", "init", "-q"], in: dir)
        try sh(["git", "add", "-A"], in: dir)
        try sh(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qm", "skeleton"], in: dir)
        return dir
    }

    @Test func openwallM5PrintsTheExactDiffWhichAppliesWithoutOffset() throws {
        let r = try CLI.run(["diff", "extract", Paths.sample(Self.m5Openwall).path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == Self.expectedDiff)

        let repo = try Self.skeletonRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let patchFile = repo.appendingPathComponent("../\(repo.lastPathComponent).diff").standardizedFileURL
        try Data(r.stdoutBytes).write(to: patchFile)
        defer { try? FileManager.default.removeItem(at: patchFile) }
        let check = try Self.sh(["git", "apply", "--check", "-v", patchFile.path], in: repo)
        #expect(check.status == 0, "\(check.out)")
        #expect(!check.out.contains("offset"), "\(check.out)")
        #expect(!check.out.contains("fuzz"), "\(check.out)")
    }

    @Test func openwallM5MboxIsAcceptedByGitAm() throws {
        let r = try CLI.run(["diff", "extract", "--format", "mbox", Paths.sample(Self.m5Openwall).path])
        #expect(r.status == 0, "\(r.stderr)")
        // The mail's own Subject header, unfolded.
        let head = (r.stdout.components(separatedBy: "\n\n").first ?? "") + "\n"
        let unfolded = head.replacingOccurrences(of: "\n ", with: " ")
        #expect(unfolded.contains("\nSubject: \(Self.subject)\n"), "\(head)")

        let repo = try Self.skeletonRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let am = try Self.sh(["git", "am"], in: repo, stdin: r.stdout)
        #expect(am.status == 0, "\(am.out)")
        let author = try Self.sh(["git", "log", "-1", "--format=%an%n%ae%n%s"], in: repo).out.split(separator: "\n").map(String.init)
        #expect(author.count == 3)
        #expect(author.first == "Liam R. Howlett")
        #expect(author.dropFirst().first?.lowercased() == "liam.howlett@oracle.com")
        #expect(author.last == "mm/mmap: change do_brk_flags() to expand existing VMA and add do_brk_munmap()")
        let blob = try Self.sh(["git", "rev-parse", "HEAD:mm/mmap.c"], in: repo).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(blob == "0ce7b55b3f3618df5eb6fbaa9c79db4d20444f24")
    }

    @Test func loreRawM1GivesGitsOwnFormatPatchMail() throws {
        let r = try CLI.run(["diff", "extract", "--format", "mbox", Paths.sample("lore/lore.kernel.org/linux-mm/\(Self.ids[0])/raw").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try Paths.text(Paths.sample("expected/mm-mmap-patch22.mbox"))))
    }

    @Test(arguments: seedInputs)
    func everyCopyOfTheSeedThreadGivesTheSameSingleDiff(_ input: String) throws {
        let r = try CLI.run(["diff", "extract", Paths.sample(input).path])
        #expect(r.status == 0, "\(input): \(r.stderr)")
        #expect(r.stdout == Self.expectedDiff, "\(input)")
    }

    @Test func threadMboxKeepsTheLeastQuotedCopy() throws {
        let r = try CLI.run(["diff", "extract", "--format", "json", Paths.sample("seed-thread/thread.mbox").path])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let diffs = try #require(root["diffs"] as? [[String: Any]])
        #expect(diffs.count == 1)
        #expect(diffs.first?["depth"] as? Int == 0)
        #expect(diffs.first?["messageId"] as? String == Self.ids[0])
        #expect(diffs.first?["complete"] as? Bool == true)
    }

    @Test func depthFilterSelectsTheQuotedCopy() throws {
        let r = try CLI.run(["diff", "extract", "--format", "json", "--depth", "2", Paths.sample("seed-thread/thread.mbox").path])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let diffs = try #require(root["diffs"] as? [[String: Any]])
        #expect(diffs.count == 1)
        #expect(diffs.first?["depth"] as? Int == 2)
        let none = try CLI.run(["diff", "extract", "--depth", "9", Paths.sample(Self.m5Openwall).path])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
    }

    @Test func jsonShape() throws {
        let r = try CLI.run(["diff", "extract", "--format", "json", Paths.sample(Self.m5Openwall).path])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let d = try #require((root["diffs"] as? [[String: Any]])?.first)
        for key in ["messageId", "depth", "author", "date", "subject", "complete", "repairs", "files"] {
            #expect(d.keys.contains(key), "missing \(key)")
        }
        #expect(d["depth"] as? Int == 4)
        #expect(d["subject"] as? String == Self.subject)
        #expect(d["messageId"] as? String == Self.ids[4])
        let file = try #require((d["files"] as? [[String: Any]])?.first)
        #expect(file["oldPath"] as? String == "mm/mmap.c")
        let hunks = try #require(file["hunks"] as? [[String: Any]])
        #expect(hunks.count == 6)
        #expect(hunks[3]["header"] as? String == "@@ -2846,30 +2903,56 @@")
        for key in ["header", "oldStart", "oldCount", "newStart", "newCount", "functions"] {
            #expect(hunks[0].keys.contains(key), "missing \(key)")
        }
    }

    @Test func fileFilter() throws {
        let hit = try CLI.run(["diff", "extract", "--file", "mm/mmap.c", Paths.sample(Self.m5Openwall).path])
        #expect(hit.status == 0)
        #expect(hit.stdout == Self.expectedDiff)
        let miss = try CLI.run(["diff", "extract", "--file", "mm/other.c", Paths.sample(Self.m5Openwall).path])
        #expect(miss.status == 1)
        #expect(miss.stdout.isEmpty)
    }

    @Test func readsStandardInput() throws {
        let bytes = try Paths.bytes(Paths.sample("seed-thread/M1.eml"))
        let r = try CLI.run(["diff", "extract", "-"], stdin: bytes)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == Self.expectedDiff)
    }

    // MARK: exit statuses

    @Test func missingEmptyAndJunkInputsAreBadInput() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope.eml").path
        let r1 = try CLI.run(["diff", "extract", missing])
        #expect(r1.status == 2)
        #expect(r1.stderr.contains(missing))
        #expect(r1.stderr.split(separator: "\n").count == 1)

        let empty = dir.appendingPathComponent("empty")
        try Data().write(to: empty)
        let r2 = try CLI.run(["diff", "extract", empty.path])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains(empty.path))

        let junk = dir.appendingPathComponent("junk")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: junk)
        let r3 = try CLI.run(["diff", "extract", junk.path])
        #expect(r3.status == 2 || r3.status == 1)
        #expect(r3.stderr.contains(junk.path))

        let folder = try CLI.run(["diff", "extract", dir.path])
        #expect(folder.status == 2)
    }

    @Test func mailWithoutDiffIsNothingFound() throws {
        let r = try CLI.run(["diff", "extract", Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/20/1").path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
    }

    @Test func unrestorableAddressIsReported() throws {
        // filler 2: its author's address is cut by blists and nothing on the page restores it.
        let r = try CLI.run(["diff", "extract", "--format", "mbox", Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/20/2").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("obfuscated"))
        #expect(r.stdout.contains("From: Synthetic Filler 2 <filler2@...mple.invalid>"))
    }

    // MARK: output files

    @Test func outputDirWritesFormatPatchNamesAndNeverOverwrites() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("patches")
        let r = try CLI.run(["diff", "extract", "--output-dir", out.path, Paths.sample(Self.m5Openwall).path])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names == ["0001-mm-mmap-change-do_brk_flags-to-expand-existing-VMA-a.patch"])
        let file = out.appendingPathComponent(names.first ?? "")
        #expect((try Paths.text(file)).hasPrefix("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"))

        try Data("keep me".utf8).write(to: file)
        let again = try CLI.run(["diff", "extract", "--output-dir", out.path, Paths.sample(Self.m5Openwall).path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(try Paths.text(file) == "keep me")

        let forced = try CLI.run(["diff", "extract", "--force", "--output-dir", out.path, Paths.sample(Self.m5Openwall).path])
        #expect(forced.status == 0)
        #expect(try Paths.text(file) != "keep me")
    }

    @Test func outputFileIsNotOverwrittenNorFollowedThroughSymlinks() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("victim")
        try Data("precious".utf8).write(to: target)
        let r = try CLI.run(["diff", "extract", "-o", target.path, Paths.sample(Self.m5Openwall).path])
        #expect(r.status == 2)
        #expect(try Paths.text(target) == "precious")

        let link = dir.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let viaLink = try CLI.run(["diff", "extract", "--force", "-o", link.path, Paths.sample(Self.m5Openwall).path])
        #expect(viaLink.status == 2)
        #expect(try Paths.text(target) == "precious")

        let fresh = dir.appendingPathComponent("fresh.diff")
        let ok = try CLI.run(["diff", "extract", "-o", fresh.path, Paths.sample(Self.m5Openwall).path])
        #expect(ok.status == 0)
        #expect(try Paths.text(fresh) == Self.expectedDiff)
    }

    @Test func hostileSubjectsCannotLeaveTheOutputDir() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let subjects = ["../../../../tmp/listarc-escape", "/etc/passwd", "..", "a/../../b\u{1B}[31m", String(repeating: "../", count: 200)]
        var mbox = ""
        for (n, subject) in subjects.enumerated() {
            mbox += """
            From x@example.org Mon Jan  1 00:00:00 2024
            From: X <x@example.org>
            Subject: \(subject)
            Date: Mon, 1 Jan 2024 00:00:0\(n) +0000
            Message-ID: <evil\(n)@example.org>

            evil \(n)
            ---
            diff --git a/f\(n) b/f\(n)
            --- a/f\(n)
            +++ b/f\(n)
            @@ -1 +1 @@
            -a
            +b\(n)


            """
        }
        let input = dir.appendingPathComponent("evil.mbox")
        try Data(mbox.utf8).write(to: input)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["diff", "extract", "--output-dir", out.path, input.path])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.count == subjects.count)
        for name in names {
            #expect(name.hasPrefix("000"))
            #expect(!name.contains(".."))
            #expect(name.utf8.count <= 64)
        }
        // Nothing beside the input and the output folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["evil.mbox", "out"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/listarc-escape"))
    }

    @Test func messageTextCannotDriveTheTerminal() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mail = """
        From: X <x@...mple.org>
        Subject: [PATCH] \u{1B}]0;owned\u{07}\u{1B}[2J title
        Date: Mon, 1 Jan 2024 00:00:00 +0000

        ---
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1 +1 @@
        -a
        +b

        """
        let input = dir.appendingPathComponent("escape.eml")
        try Data(mail.utf8).write(to: input)
        let r = try CLI.run(["diff", "extract", input.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("obfuscated"))
        #expect(!r.stderr.contains("\u{1B}"))
        #expect(!r.stderr.contains("\u{07}"))
    }

    // MARK: --check

    @Test func checkReportsPerFileAndHunk() throws {
        let repo = try Self.skeletonRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let r = try CLI.run(["diff", "extract", "--check", repo.path, Paths.sample(Self.m5Openwall).path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("mm/mmap.c: applies"))
        #expect(r.stdout.components(separatedBy: "hunk ").count - 1 == 6)

        // A tree whose file lost the lines of hunk 4: that hunk, and only it, fails.
        let skeleton = try Paths.text(Paths.sample("expected/mm-mmap-skeleton.c"))
        var lines = skeleton.components(separatedBy: "\n")
        for i in 2850..<2870 { lines[i] = "/* changed \(i) */" }
        try Data(lines.joined(separator: "\n").utf8).write(to: repo.appendingPathComponent("mm/mmap.c"))
        let bad = try CLI.run(["diff", "extract", "--check", repo.path, Paths.sample(Self.m5Openwall).path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("mm/mmap.c: does not apply"))
        #expect(bad.stdout.contains("hunk 4 @@ -2846,30 +2903,56 @@: does not apply"))
        #expect(bad.stdout.contains("hunk 1 @@ -194,17 +194,40 @@: applies"))

        // A plain folder (no git repository) works too.
        let plain = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: plain) }
        try FileManager.default.createDirectory(at: plain.appendingPathComponent("mm"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Paths.sample("expected/mm-mmap-skeleton.c"), to: plain.appendingPathComponent("mm/mmap.c"))
        let ok = try CLI.run(["diff", "extract", "--check", plain.path, Paths.sample(Self.m5Openwall).path])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")

        // A tree inside another repository: paths stay relative to the tree, and a
        // tree lacking the file is reported, not silently skipped.
        let outer = try Self.skeletonRepo()
        defer { try? FileManager.default.removeItem(at: outer) }
        let inner = outer.appendingPathComponent("sub/tree")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let skipped = try CLI.run(["diff", "extract", "--check", inner.path, Paths.sample(Self.m5Openwall).path])
        #expect(skipped.status == 1, "\(skipped.stdout)")
        #expect(skipped.stdout.contains("mm/mmap.c: does not apply"))
        try FileManager.default.createDirectory(at: inner.appendingPathComponent("mm"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Paths.sample("expected/mm-mmap-skeleton.c"), to: inner.appendingPathComponent("mm/mmap.c"))
        let nested = try CLI.run(["diff", "extract", "--check", inner.path, Paths.sample(Self.m5Openwall).path])
        #expect(nested.status == 0, "\(nested.stdout)")

        let json = try CLI.run(["diff", "extract", "--check", plain.path, "--format", "json", Paths.sample(Self.m5Openwall).path])
        #expect(json.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
        let checks = try #require(root["checks"] as? [[String: Any]])
        #expect(checks.first?["applies"] as? Bool == true)
        #expect(((checks.first?["files"] as? [[String: Any]])?.first?["hunks"] as? [Any])?.count == 6)

        let missing = try CLI.run(["diff", "extract", "--check", plain.appendingPathComponent("nope").path, Paths.sample(Self.m5Openwall).path])
        #expect(missing.status == 2)
    }
}
