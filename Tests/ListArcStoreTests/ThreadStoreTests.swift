import Foundation
import GRDB
import ListArcCore
import ListArcSources
import Testing
import TestSupport
@testable import ListArcStore

/// The seed thread's openwall pages: no In-Reply-To anywhere, parents must be inferred.
@Suite struct ThreadStoreTests {
    static let base = "openwall/lists.openwall.net/linux-kernel/2022/07/"
    static let pages = ["20/3", "23/2", "25/3", "25/5", "25/6", "25/7"]
    static let ids = ["20220720021727.17018-23-Liam.Howlett@oracle.com", "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com",
                      "20220725140053.gk4ugsxxhgabzg44@revolver", "20220725184940.yzgz2m25sbfj5zjj@revolver",
                      "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com", "listarc-filler-7@example.invalid"]

    static func page(_ p: String) throws -> AnalysedMessage {
        let url = Paths.sample(base + p)
        let messages = try PageReader.messages(html: try Paths.bytes(url), name: url.path,
                                               url: "https://lists.openwall.net/linux-kernel/2022/07/" + p)
        return Analyser.analyse(try #require(messages.first))
    }

    func parents(_ t: TestArchive) throws -> [String: String?] {
        try t.archive.read { db in
            var out: [String: String?] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT message_id, parent_id, parent_inferred FROM messages") {
                let id: String = r["message_id"]
                out[id] = r["parent_id"]
                if r["parent_id"] != nil { #expect(r["parent_inferred"] == true, "\(id) should be marked inferred") }
            }
            return out
        }
    }

    func expectSeedChain(_ t: TestArchive) throws {
        let p = try parents(t)
        #expect(p[Self.ids[0]] == .some(nil))
        for i in 1..<Self.ids.count { #expect(p[Self.ids[i]] == .some(Self.ids[i - 1]), "parent of \(Self.ids[i])") }
        let thread = try #require(try t.archive.thread(containing: Self.ids[4]))
        #expect(thread.map(\.messageID) == Self.ids)
    }

    @Test func oneBatchInDateOrder() throws {
        let t = try TestArchive()
        _ = try t.archive.ingest(try Self.pages.map(Self.page))
        try expectSeedChain(t)
        #expect(try t.archive.statistics().threads == 1)
    }

    @Test func repliesBeforeTheirParentsOneAtATime() throws {
        // A thread walk from the newest page stores the children first.
        let t = try TestArchive()
        for p in Self.pages.reversed() { _ = try t.archive.ingest([try Self.page(p)]) }
        try expectSeedChain(t)
        #expect(try t.archive.statistics().threads == 1)
    }

    @Test func fillersOfTheSameDaysStayOutOfTheThread() throws {
        let t = try TestArchive()
        let all = ["20/1", "20/2", "20/3", "23/1", "23/2", "25/1", "25/2", "25/3", "25/4", "25/5", "25/6", "25/7"]
        _ = try t.archive.ingest(try all.map(Self.page))
        try expectSeedChain(t)
        #expect(try t.archive.statistics().threads == 7)
        let thread = try #require(try t.archive.thread(containing: "listarc-filler-4@example.invalid"))
        #expect(thread.map(\.messageID) == ["listarc-filler-4@example.invalid"])
    }

    @Test func declaredParentsWinAndGhostRootsHoldSiblingsTogether() throws {
        let t = try TestArchive()
        let a = Mails.message(id: "a@x", subject: "Re: cover", date: "Mon, 1 Aug 2022 10:00:00 +0000", inReplyTo: "cover@x")
        let b = Mails.message(id: "b@x", subject: "Re: cover", date: "Mon, 1 Aug 2022 11:00:00 +0000", inReplyTo: "cover@x")
        let c = Mails.message(id: "c@x", subject: "Re: cover", date: "Mon, 1 Aug 2022 12:00:00 +0000", inReplyTo: "a@x")
        _ = try t.archive.ingest([c, b].map(Mails.analysed))
        _ = try t.archive.ingest([Mails.analysed(a)])
        #expect(try t.archive.statistics().threads == 1)
        #expect(try t.archive.thread(containing: "c@x")?.map(\.messageID) == ["a@x", "b@x", "c@x"])
        // The cover letter arrives: it becomes the root of all three.
        _ = try t.archive.ingest([Mails.analysed(Mails.message(id: "cover@x", subject: "cover", date: "Mon, 1 Aug 2022 09:00:00 +0000"))])
        #expect(try t.archive.thread(containing: "b@x")?.map(\.messageID) == ["cover@x", "a@x", "b@x", "c@x"])
        #expect(try t.archive.thread(containing: "c@x")?.first { $0.messageID == "c@x" }?.inferred == false)
        #expect(try t.archive.thread(containing: "nope@x") == nil)
    }
}
