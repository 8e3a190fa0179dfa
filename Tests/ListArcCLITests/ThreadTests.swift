import Foundation
import Testing
import TestSupport

@Suite struct ThreadTests {
    static let pages = ["20/3", "23/2", "25/3", "25/5", "25/6", "25/7"].map {
        Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/" + $0).path
    }
    static let chain = ["20220720021727.17018-23-Liam.Howlett@oracle.com", "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com",
                        "20220725140053.gk4ugsxxhgabzg44@revolver", "20220725184940.yzgz2m25sbfj5zjj@revolver",
                        "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com", "listarc-filler-7@example.invalid"]

    func messages(_ r: CLI.Result) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return try #require(object?["messages"] as? [[String: Any]])
    }

    func expectChain(_ list: [[String: Any]]) {
        #expect(list.map { $0["messageId"] as? String } == Self.chain)
        #expect(list.map { $0["depth"] as? Int } == [0, 1, 2, 3, 4, 5])
        for (i, m) in list.enumerated() {
            for key in ["messageId", "parent", "subject", "from", "date", "depth", "inferred"] { #expect(m.keys.contains(key), "missing \(key)") }
            if i > 0 {
                #expect(m["parent"] as? String == Self.chain[i - 1])
                #expect(m["inferred"] as? Bool == true)
            }
        }
        #expect(list.first?["parent"] is NSNull)
    }

    @Test func openwallPagesAsFilesInferTheChain() throws {
        let r = try CLI.run(["thread", "--json"] + Self.pages.reversed())
        #expect(r.status == 0, "\(r.stderr)")
        expectChain(try messages(r))
    }

    @Test func storedThreadByMessageID() throws {
        let a = TempArchive()
        #expect(try CLI.run(["import", "--db", a.path] + Self.pages).status == 0)
        let r = try CLI.run(["thread", "--json", "--db", a.path, "<\(Self.chain[3])>"])
        #expect(r.status == 0, "\(r.stderr)")
        expectChain(try messages(r))
        let text = try CLI.run(["thread", "--db", a.path, Self.chain[0]])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.last?.contains("└─") == true)
        #expect(lines.last?.contains("[inferred]") == true)
    }

    @Test func seedMboxUsesDeclaredParents() throws {
        let r = try CLI.run(["thread", "--json", Paths.sample("seed-thread/thread.mbox").path])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try messages(r)
        #expect(list.map { $0["messageId"] as? String } == Array(Self.chain.prefix(5)))
        #expect(list.allSatisfy { $0["inferred"] as? Bool == false })
        // M1 answers the cover letter, which is not in the file.
        #expect(list.first?["parent"] as? String == "20220720021727.17018-1-Liam.Howlett@oracle.com")
    }

    @Test func unknownMessageIDIsNothingFound() throws {
        let a = TempArchive()
        #expect(try CLI.run(["import", "--db", a.path, Self.pages[0]]).status == 0)
        let r = try CLI.run(["thread", "--db", a.path, "no-such-id@example.org"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no-such-id@example.org"))
    }
}
