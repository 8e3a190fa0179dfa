import Foundation
import Testing
import TestSupport

@Suite struct ImportTests {
    @Test func seedThreadMboxGivesFiveMessagesInOneThread() throws {
        let a = TempArchive()
        let r = try CLI.run(["import", "--db", a.path, Paths.sample("seed-thread/thread.mbox").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("5 new, 0 updated, 0 unchanged, 0 rejected"))
        let s = try a.stats()
        #expect(s["messages"] == 5)
        #expect(s["threads"] == 1)
        // Declared parents (In-Reply-To), none inferred.
        #expect(try a.sql("SELECT COUNT(*) FROM messages WHERE parent_inferred = 1") == "0")
        #expect(try a.sql("SELECT COUNT(*) FROM messages WHERE parent_id IS NOT NULL") == "5")
    }

    @Test func importingAgainChangesNothing() throws {
        let a = TempArchive()
        let input = Paths.sample("seed-thread").path
        #expect(try CLI.run(["import", "--db", a.path, input]).status == 0)
        let before = try a.stats()
        let again = try CLI.run(["import", "--db", a.path, input])
        #expect(again.status == 0)
        // thread.mbox and M1..M5.eml hold the same five messages.
        #expect(again.stdout.contains("0 new, 0 updated, 10 unchanged, 0 rejected"), "\(again.stdout)")
        #expect(try a.stats() == before)
        #expect(before["messages"] == 5)
    }

    @Test func loreRawUpgradesTheOpenwallPage() throws {
        let a = TempArchive()
        let page = Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/25/6").path
        let raw = Paths.sample("lore/lore.kernel.org/linux-mm/8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/raw").path
        let id = "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com"
        #expect(try CLI.run(["import", "--db", a.path, page]).stdout.contains("1 new"))
        #expect(try a.sql("SELECT addresses_obfuscated, origin FROM messages WHERE message_id = '\(id)'") == "1|openwallPage")
        let r = try CLI.run(["import", "--db", a.path, raw])
        #expect(r.stdout.contains("0 new, 1 updated"), "\(r.stdout) \(r.stderr)")
        #expect(try a.sql("SELECT addresses_obfuscated, origin FROM messages WHERE message_id = '\(id)'") == "0|rawMail")
        #expect(try a.sql("SELECT author_address FROM messages WHERE message_id = '\(id)'") == "digetx@gmail.com")
        // The raw copy names its parent: no longer inferred.
        #expect(try a.sql("SELECT parent_id, parent_inferred FROM messages WHERE message_id = '\(id)'") == "20220725184940.yzgz2m25sbfj5zjj@revolver|0")
        #expect(try CLI.run(["import", "--db", a.path, page]).stdout.contains("0 new, 0 updated, 1 unchanged"))
    }

    @Test func openwallMirrorFolderRecordsListsAndInfersParents() throws {
        let a = TempArchive()
        let r = try CLI.run(["import", "--db", a.path, Paths.sample("openwall/lists.openwall.net").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("12 new"), "\(r.stdout)")
        #expect(try a.sql("SELECT name FROM lists") == "linux-kernel")
        #expect(try a.sql("SELECT parent_id FROM messages WHERE message_id = 'listarc-filler-7@example.invalid'") == "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com")
    }

    @Test func missingPathsAndJunkAreInputErrors() throws {
        let a = TempArchive()
        let missing = try CLI.run(["import", "--db", a.path, "/nonexistent/listarc/file.mbox"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/listarc/file.mbox"))
        let junk = a.folder.appendingPathComponent("junk.bin")
        try FileManager.default.createDirectory(at: a.folder, withIntermediateDirectories: true)
        try Data([0x00, 0x01, 0x02, 0xFF, 0x10]).write(to: junk)
        let r = try CLI.run(["import", "--db", a.path, junk.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("junk.bin"))
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func aBadMessageInsideAnMboxIsRejectedAndTheRestImported() throws {
        let a = TempArchive()
        try FileManager.default.createDirectory(at: a.folder, withIntermediateDirectories: true)
        func mail(_ id: Int, _ body: String) -> String {
            "From x@y Mon Jan  1 00:00:00 2024\nFrom: A <a@example.org>\nSubject: m\(id)\nMessage-ID: <m\(id)@example.org>\n\n\(body)\n"
        }
        let deep = String(repeating: ">", count: 1_001) + " hostile"
        let mbox = a.folder.appendingPathComponent("mixed.mbox")
        try (mail(1, "fine") + mail(2, deep) + mail(3, "also fine")).write(to: mbox, atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", "--db", a.path, mbox.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 new, 0 updated, 0 unchanged, 1 rejected"), "\(r.stdout)")
        #expect(r.stderr.contains("mixed.mbox (message 2)"), "\(r.stderr)")
        #expect(r.stderr.contains("quoted 1001 levels deep; the limit is 1000"), "\(r.stderr)")
        #expect(try a.stats()["messages"] == 2)
    }

    @Test func textWithoutHeadersInAFolderIsNotArchived() throws {
        let a = TempArchive()
        let folder = a.folder.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Notes about this folder.\nNothing to archive.\n".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Paths.sample("seed-thread/M1.eml"), to: folder.appendingPathComponent("M1.eml"))
        let r = try CLI.run(["import", "--db", a.path, folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 new, 0 updated, 0 unchanged, 1 rejected"), "\(r.stdout)")
        #expect(r.stderr.contains("README.txt: no mail headers: not a mail"), "\(r.stderr)")
    }

    @Test(.enabled(if: Corpus.available)) func kernelPatchCorpus() throws {
        let a = TempArchive()
        let r = try CLI.run(["import", "--db", a.path, Corpus.kernelPatches.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\(Corpus.messageCount) new, 0 updated, 0 unchanged, 0 rejected"), "\(r.stdout)")
        let s = try a.stats()
        #expect(s["messages"] == Corpus.messageCount)
        #expect(try a.sql("PRAGMA integrity_check") == "ok")
    }
}
