import Foundation
import Testing
import TestSupport

/// `listarc show` end to end on the sample pages and on bad input.
@Suite struct ShowCommandTests {
    static let openwallM5 = "openwall/lists.openwall.net/linux-kernel/2022/07/25/6"
    static let loreM5 = "lore/lore.kernel.org/linux-mm/8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/index.html"
    static let loreThread = "lore/lore.kernel.org/linux-mm/8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/T/index.html"

    @Test func textOnTheOpenwallSeedPage() throws {
        let r = try CLI.run(["show", Paths.sample(Self.openwallM5).path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("Message-ID: <8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com>"))
        #expect(r.stdout.contains("Subject: Re: [PATCH v12 22/69] mm/mmap: change do_brk_flags()"))
        // The five levels, with the author and date each attribution gave.
        let all = r.stdout.split(separator: "\n")
        let start = try #require(all.firstIndex(of: "Embedded messages:"))
        let levels = all[(start + 1)...].prefix { $0.hasPrefix("  depth ") }.map { $0 }
        #expect(levels.count == 5)
        #expect(levels[0].hasPrefix("  depth 0  Dmitry Osipenko"))
        #expect(levels[1].hasPrefix("  depth 1  Liam Howlett  25.07.2022 21:49"))
        #expect(levels[2].hasPrefix("  depth 2  Liam R. Howlett <Liam.Howlett@...cle.com>  220725 10:00"))
        #expect(levels[3].hasPrefix("  depth 3  Dmitry Osipenko <digetx@...il.com>  220723 11:01"))
        #expect(levels[4].hasPrefix("  depth 4  Liam Howlett  20.07.2022 05:17"))
        // Body lines carry their depth in the gutter; attribution lines are marked.
        let body = r.stdout.split(separator: "\n").filter { $0.contains("│") }
        #expect(body.count == 454)
        #expect(body.contains { $0.hasSuffix("0 A│25.07.2022 21:49, Liam Howlett пишет:") })
        #expect(body.contains { $0.hasSuffix("3 A│>>> 20.07.2022 05:17, Liam Howlett пишет:") })
        #expect(body.contains { $0.hasSuffix("│>>>> diff --git a/mm/mmap.c b/mm/mmap.c") && $0.contains(" 4 ") })
        #expect(body.last?.hasSuffix(" 0  │NVIDIA Tegra tablet. I may try to reproduce it in Qemu if time will allow.") == true)
        // Not a terminal: no colour.
        #expect(!r.stdout.contains("\u{1B}"))
    }

    @Test func jsonOnTheLoreSeedPage() throws {
        let r = try CLI.run(["show", "--json", Paths.sample(Self.loreM5).path])
        #expect(r.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let messages = try #require(doc["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        let m = messages[0]
        #expect(m["messageId"] as? String == "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com")
        #expect(m["from"] as? String == "Dmitry Osipenko <digetx@gmail.com>")
        #expect(m["origin"] as? String == "publicInboxPage")
        for key in ["subject", "date", "source", "parts", "embedded", "attributions", "lines", "diffs", "reports"] {
            #expect(m[key] != nil, "missing \(key)")
        }
        let embedded = try #require(m["embedded"] as? [[String: Any]])
        #expect(embedded.map { $0["depth"] as? Int } == [0, 1, 2, 3, 4])
        #expect(embedded.map { $0["author"] as? String } == ["Dmitry Osipenko", "Liam Howlett", "Liam R. Howlett", "Dmitry Osipenko", "Liam Howlett"])
        #expect(embedded[2]["address"] as? String == "Liam.Howlett@Oracle.com")
        #expect(embedded[4]["date"] as? String == "20.07.2022 05:17")
        // Unknown values are null, not missing.
        #expect(embedded[1]["address"] is NSNull)
        let lines = try #require(m["lines"] as? [[String: Any]])
        #expect(lines.count == 454)
        // Every embedded message's lines are at its depth.
        for e in embedded {
            for i in try #require(e["lines"] as? [Int]) {
                #expect(lines[i]["depth"] as? Int == e["depth"] as? Int)
            }
        }
        let diffLine = try #require(lines.first { ($0["text"] as? String) == ">>>> diff --git a/mm/mmap.c b/mm/mmap.c" })
        #expect(diffLine["depth"] as? Int == 4)
        #expect(diffLine["prefixLength"] as? Int == 4)
        let attributions = try #require(m["attributions"] as? [[String: Any]])
        #expect(attributions.map { $0["style"] as? String } == ["russian", "mutt", "mutt", "russian"])
    }

    @Test func threadPageGivesEveryMessage() throws {
        let r = try CLI.run(["show", "--json", Paths.sample(Self.loreThread).path])
        #expect(r.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let messages = try #require(doc["messages"] as? [[String: Any]])
        #expect(messages.count == 5)
        // M1 is the patch (depth 0 only); M5 quotes four levels.
        let depths = messages.map { (($0["embedded"] as? [[String: Any]]) ?? []).compactMap { $0["depth"] as? Int }.max() ?? -1 }
        #expect(depths == [0, 1, 2, 3, 4])
    }

    @Test func mailMarksDiffsAndReports() throws {
        let r = try CLI.run(["show", Paths.sample("seed-thread/M5.eml").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Origin: rawMail"))
        #expect(r.stdout.contains("  depth 0  Dmitry Osipenko <digetx@gmail.com>  Mon, 25 Jul 2022 22:13:53 +0300"))
        #expect(r.stdout.contains("  depth 2  Liam R. Howlett <Liam.Howlett@Oracle.com>  220725 10:00"))
        // The quoted patch at depth 4 and the oops at depth 3, listed and marked line by line.
        let out = r.stdout.split(separator: "\n")
        #expect(out.contains { $0.hasPrefix("  depth 4  lines ") && $0.hasSuffix("mm/mmap.c  complete") })
        #expect(out.contains { $0.hasPrefix("  depth 3  lines ") && $0.contains("kernel BUG at lib/maple_tree.c:911!") })
        #expect(out.contains { $0.hasSuffix(" 4 D│>>>> diff --git a/mm/mmap.c b/mm/mmap.c") })
        #expect(out.contains { $0.hasSuffix(" 3 R│>>> kernel BUG at lib/maple_tree.c:911!") })
    }

    @Test func jsonOnTheThreadMbox() throws {
        let r = try CLI.run(["show", "--json", Paths.sample("seed-thread/thread.mbox").path])
        #expect(r.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let messages = try #require(doc["messages"] as? [[String: Any]])
        #expect(messages.count == 5)
        // The patch is at depth 0 in M1 and one level deeper in each reply.
        let diffDepths = messages.map { (($0["diffs"] as? [[String: Any]]) ?? []).compactMap { $0["depth"] as? Int } }
        #expect(diffDepths == [[0], [1], [2], [3], [4]])
        let reportDepths = messages.map { (($0["reports"] as? [[String: Any]]) ?? []).compactMap { $0["depth"] as? Int } }
        #expect(reportDepths == [[], [0], [1], [2], [3]])
        let m5 = messages[4]
        let diff = try #require((m5["diffs"] as? [[String: Any]])?.first)
        #expect(diff["files"] as? [String] == ["mm/mmap.c"])
        #expect(diff["complete"] as? Bool == true)
        let range = try #require(diff["lines"] as? [Int])
        let lines = try #require(m5["lines"] as? [[String: Any]])
        #expect(range.count == 2 && range[0] < range[1] && range[1] <= lines.count)
        #expect(lines[range[0]]["depth"] as? Int == 4)
    }

    @Test func rawMailEscapesCannotReachTheTerminal() throws {
        let mail = """
        From: Mallory <mallory@example.org>
        Subject: \u{1B}]0;pwned\u{07}hello
        Message-ID: <evil@example.org>
        Date: Mon, 25 Jul 2022 22:13:53 +0300
        Content-Type: text/plain; charset=UTF-8

        \u{1B}[2J\u{1B}[Hcleared\u{1B}[31m red\u{1B}[0m
        \u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\ and \u{1B}]52;c;ZXZpbA==\u{07}clipboard
        safe\roverwritten \u{9B}31mC1\u{85}
        > \u{1B}Pq#0;2\u{1B}\\quoted

        """
        let r = try CLI.run(["show", "-"], stdin: Array(mail.utf8))
        #expect(r.status == 0)
        #expect(!r.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
        #expect(r.stdout.contains("Subject: hello"))
        let body = r.stdout.split(separator: "\n").filter { $0.contains("│") }
        #expect(body.count == 4)
        #expect(body[0].hasSuffix("│cleared red"))
        #expect(body[1].hasSuffix("│link and clipboard"))
        #expect(body[2].hasSuffix("│safe\u{240D}overwritten C1\u{FFFD}"))
        #expect(body[3].hasSuffix(" 1  │> quoted"))
    }

    @Test func readsStandardInput() throws {
        let page = try Paths.bytes(Paths.sample(Self.openwallM5))
        let r = try CLI.run(["show", "-"], stdin: page)
        #expect(r.status == 0)
        #expect(r.stdout.contains("  depth 4  Liam Howlett  20.07.2022 05:17"))
    }

    @Test func badInputExitsTwoWithOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-show-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.eml")
        try Data().write(to: empty)
        var junk = [UInt8](repeating: 0, count: 4096)
        var seed: UInt64 = 0x9E3779B97F4A7C15
        for i in junk.indices { seed = seed &* 6364136223846793005 &+ 1442695040888963407; junk[i] = UInt8(truncatingIfNeeded: seed >> 33) }
        junk[0] = 0x00
        let junkFile = dir.appendingPathComponent("junk.bin")
        try Data(junk).write(to: junkFile)
        for (args, name) in [(["show", empty.path], empty.path), (["show", junkFile.path], junkFile.path),
                             (["show", "--json", junkFile.path], junkFile.path),
                             (["show", dir.appendingPathComponent("missing").path], "missing"), (["show", dir.path], dir.path)] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stdout.isEmpty)
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == 1, "\(r.stderr)")
            #expect(r.stderr.contains(name))
        }
        let stdinJunk = try CLI.run(["show", "-"], stdin: junk)
        #expect(stdinJunk.status == 2)
        #expect(stdinJunk.stderr.split(separator: "\n").count == 1)
    }

    /// A page whose body carries terminal controls. (The page reader already drops
    /// a raw ESC; C1 controls, as characters or references, and CR get through.)
    static func hostilePage() throws -> [UInt8] {
        let page = try Paths.text(Paths.sample(openwallM5))
        let hostile = "The next-20220722&#155;2J, like\u{9B}31m my\rtrace\u{9D}0;title\u{9C} log\u{85}says."
        return Array(page.replacingOccurrences(of: "The next-20220722, like my trace log says.", with: hostile).utf8)
    }

    @Test func messageTextCannotDriveTheTerminal() throws {
        let r = try CLI.run(["show", "-"], stdin: try Self.hostilePage())
        #expect(r.status == 0)
        let out = r.stdout
        #expect(!out.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
        let line = try #require(out.split(separator: "\n").first { $0.contains("The next-20220722") })
        #expect(line.hasSuffix("│The next-20220722, like my\u{240D}trace log\u{FFFD}says. It has been broken for about"))
    }

    @Test func jsonEscapesControlCharacters() throws {
        let r = try CLI.run(["show", "--json", "-"], stdin: try Self.hostilePage())
        #expect(r.status == 0)
        // Raw output: no ESC, CR or C1 bytes; the text survives intact inside the JSON.
        #expect(!r.stdoutBytes.contains { $0 < 0x20 && $0 != 0x0A })
        #expect(!zip(r.stdoutBytes, r.stdoutBytes.dropFirst()).contains { $0 == 0xC2 && (0x80..<0xA0).contains($1) })
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        let lines = try #require((doc["messages"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])
        #expect(lines.contains { ($0["text"] as? String)?.hasPrefix("The next-20220722\u{9B}2J, like\u{9B}31m my\rtrace\u{9D}0;title\u{9C} log\u{85}says.") == true })
    }
}
