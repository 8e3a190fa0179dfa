import Foundation
import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

@Suite struct MailboxReaderTests {
    func split(_ text: String) -> [String] {
        var out: [String] = []
        MailboxReader.forEachMessage(in: Array(text.utf8)) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    @Test func seedThreadMboxMatchesTheEmlFiles() throws {
        let messages = try MailboxReader.mbox(try Paths.bytes(Paths.sample("seed-thread/thread.mbox")), name: "thread.mbox", url: nil)
        #expect(messages.count == 5)
        for (index, message) in messages.enumerated() {
            let eml = try MailParser.parse(try Paths.bytes(Paths.sample("seed-thread/M\(index + 1).eml")))
            #expect(message.body == eml.body, "M\(index + 1)")
            #expect(message.headers == eml.headers, "M\(index + 1)")
            #expect(message.raw == eml.raw, "M\(index + 1)")
        }
        #expect(messages.map(\.messageID) == [
            "20220720021727.17018-23-Liam.Howlett@oracle.com", "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com",
            "20220725140053.gk4ugsxxhgabzg44@revolver", "20220725184940.yzgz2m25sbfj5zjj@revolver",
            "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com",
        ])
    }

    @Test func loreRawAndThreadMboxes() throws {
        let folder = Paths.sample("lore/lore.kernel.org/linux-mm")
        let ids = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("@") }.sorted()
        #expect(ids.count == 5)
        let seed = try MailboxReader.mbox(try Paths.bytes(Paths.sample("seed-thread/thread.mbox")), name: "thread.mbox", url: nil)
        for id in ids {
            let messageFolder = folder.appendingPathComponent(id)
            let raw = try InputReader.messages(in: try Paths.bytes(messageFolder.appendingPathComponent("raw")), name: "raw")
            #expect(raw.count == 1)
            #expect(raw.first?.messageID == id)
            let thread = try InputReader.messages(in: try Paths.bytes(messageFolder.appendingPathComponent("t.mbox.gz")), name: "t.mbox.gz")
            #expect(thread.count == 5, "\(id)")
            #expect(Set(thread.compactMap(\.messageID)) == Set(seed.compactMap(\.messageID)), "\(id)")
            // The same message from raw, from the thread mbox and from the seed mbox: same body.
            let fromThread = thread.first { $0.messageID == id }
            let fromSeed = seed.first { $0.messageID == id }
            #expect(raw.first?.body == fromThread?.body, "\(id)")
            #expect(raw.first?.body == fromSeed?.body, "\(id)")
        }
    }

    @Test func corpusInMemoryAndStreamingAgree() throws {
        let url = Paths.shared.appendingPathComponent("corpus/kernel-patches.mbox.gz")
        let whole = try Gzip.decompress(try Paths.bytes(url), name: url.path)
        #expect(whole.count == 32_261_150)
        var inMemory: [[UInt8]] = []
        MailboxReader.forEachMessage(in: whole) { inMemory.append($0) }
        #expect(inMemory.count == 2076)
        var index = 0
        var mismatches = 0
        var ids = Set<String>()
        // Small chunks so that lines and gzip blocks straddle chunk ends.
        try MailboxReader.forEachMessage(in: url, chunkSize: 65_521) { raw in
            if index >= inMemory.count || raw != inMemory[index] { mismatches += 1 }
            index += 1
            let message = try MailParser.parse(raw)
            if let id = message.messageID { ids.insert(id) }
            #expect(message.body.contains("diff --git") || message.body.contains("+++ b/"))
        }
        #expect(index == 2076)
        #expect(mismatches == 0)
        #expect(ids.count == 2076)
    }

    @Test func corpusMboxParsesInMemory() throws {
        let url = Paths.shared.appendingPathComponent("corpus/kernel-patches.mbox.gz")
        let messages = try InputReader.messages(in: try Paths.bytes(url), name: url.path)
        #expect(messages.count == 2076)
        #expect(messages.first?.subject == "[PATCH 1/3] SAUCE: ashmem: turn into module")
    }

    @Test func mboxrdUnescapingRemovesOneLevel() {
        let messages = split("From a@b Thu Jan  1 00:00:00 1970\nSubject: x\n\n>From here\n>>From there\n> From quoted\nFrom\n\n")
        #expect(messages == ["Subject: x\n\nFrom here\n>From there\n> From quoted\nFrom\n"])
    }

    @Test func bareMailIsNotUnescaped() {
        #expect(split("Subject: x\n\n>From here\n") == ["Subject: x\n\n>From here\n"])
    }

    @Test func splitsOnlyOnFromLines() {
        let text = """
        From a@b Mon Sep 17 00:00:00 2001
        Subject: one

        From the start this is body text.
        From: not a separator

        From b@c Tue Sep 18 10:11:12 2001
        Subject: two

        body two
        From c@d Wed Sep 19 10:11:12 2001
        Subject: three (no blank line before its From_ line)

        """
        let messages = split(text)
        #expect(messages.count == 3)
        #expect(messages[0] == "Subject: one\n\nFrom the start this is body text.\nFrom: not a separator\n")
        #expect(messages[1] == "Subject: two\n\nbody two\n")
        #expect(messages[2] == "Subject: three (no blank line before its From_ line)\n")
    }

    @Test func crlfMboxAndLeadingBlankLines() {
        let messages = split("\r\n\r\nFrom a@b Mon Sep 17 00:00:00 2001\r\nSubject: s\r\n\r\nbody\r\n\r\nFrom a@b Mon Sep 17 00:00:01 2001\r\nSubject: t\r\n\r\nb\r\n")
        #expect(messages == ["Subject: s\r\n\r\nbody\r\n", "Subject: t\r\n\r\nb\r\n"])
    }

    @Test func streamingMatchesInMemoryAtEveryChunkSize() throws {
        let text = "From a@b Mon Sep 17 00:00:00 2001\nSubject: s\n\n>From x\nbody\n\nFrom a@b Mon Sep 17 00:00:01 2001\nSubject: t\n\nb"
        let expected = split(text)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-mbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        for (name, bytes) in [("plain", Array(text.utf8)), ("gzip", try Gzip.compress(Array(text.utf8)))] {
            try Data(bytes).write(to: file)
            for chunkSize in [2, 3, 7, 64, 1 << 20] {
                var got: [String] = []
                try MailboxReader.forEachMessage(in: file, chunkSize: chunkSize) { got.append(String(decoding: $0, as: UTF8.self)) }
                #expect(got == expected, "\(name) chunk \(chunkSize)")
            }
        }
    }

    @Test func emptyAndMissingFiles() throws {
        #expect(throws: InputError.self) { try MailboxReader.mbox(Array("\n\n".utf8), name: "x", url: nil) }
        #expect(throws: InputError.self) { try MailboxReader.forEachMessage(in: URL(fileURLWithPath: "/nonexistent/mbox")) { _ in } }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data().write(to: file)
        #expect(throws: InputError.self) { try MailboxReader.forEachMessage(in: file) { _ in } }
    }
}
