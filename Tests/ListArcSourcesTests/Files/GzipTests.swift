import Foundation
import Testing
import ListArcCore
@testable import ListArcSources

@Suite struct GzipTests {
    @Test func roundTrip() throws {
        let text = Array(String(repeating: "line of mail text\n", count: 1000).utf8)
        #expect(try Gzip.decompress(try Gzip.compress(text), name: "x") == text)
    }

    @Test func allMembersOfAMultiMemberFile() throws {
        let first = Array("From a@b Mon Sep 17 00:00:00 2001\nSubject: one\n\nx\n\n".utf8)
        let second = Array("From a@b Mon Sep 17 00:00:01 2001\nSubject: two\n\ny\n".utf8)
        let joined = try Gzip.compress(first) + Gzip.compress(second)
        #expect(try Gzip.decompress(joined, name: "two.gz") == first + second)
        // Zero padding after the last member (tape blocks) is ignored.
        #expect(try Gzip.decompress(joined + [0, 0, 0, 0], name: "padded.gz") == first + second)
        let messages = try InputReader.messages(in: joined, name: "two.gz")
        #expect(messages.map(\.subject) == ["one", "two"])
    }

    @Test func streamingAcrossMemberBoundariesByteByByte() throws {
        let parts = (0..<3).map { Array("member \($0)\n".utf8) }
        let joined = try parts.flatMap { try Gzip.compress($0) }
        let stream = try GzipStream(name: "x")
        var out: [UInt8] = []
        for byte in joined { try stream.feed([byte][...]) { out += $0 } }
        try stream.finish()
        #expect(out == parts.flatMap { $0 })
    }

    @Test func truncatedGzipIsAnError() throws {
        let data = try Gzip.compress(Array(String(repeating: "abc", count: 5000).utf8))
        let error = #expect(throws: InputError.self) { try Gzip.decompress(Array(data.dropLast(12)), name: "cut.gz") }
        #expect(error?.input == "cut.gz")
        #expect(error?.problem.contains("truncated") == true)
        #expect(throws: InputError.self) { try Gzip.decompress(Array(data.prefix(5)), name: "cut.gz") }
    }

    @Test func corruptGzipIsAnError() throws {
        var data = try Gzip.compress(Array(String(repeating: "abcdefgh", count: 5000).utf8))
        for index in 20..<40 { data[index] ^= 0x5A }
        let error = #expect(throws: InputError.self) { try Gzip.decompress(data, name: "bad.gz") }
        #expect(error?.problem.contains("corrupt") == true)
        #expect(throws: InputError.self) { try Gzip.decompress([0x1F, 0x8B, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], name: "bad.gz") }
    }

    @Test func gzipBombStopsEarly() throws {
        // 64 MiB of zeros compress ~1000×; the limits below stop it after a few MiB.
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 64 << 20), level: 9)
        let limits = Gzip.Limits(maxOutput: 1 << 30, maxRatio: 200, ratioFloor: 4 << 20)
        var seen = 0
        let stream = try GzipStream(name: "bomb.gz", limits: limits)
        let error = #expect(throws: InputError.self) { try stream.feed(bomb[...]) { seen += $0.count } }
        #expect(error?.problem.contains("gzip bomb") == true)
        #expect(seen < 8 << 20)
        // The absolute cap applies too.
        let capped = Gzip.Limits(maxOutput: 1 << 20, maxRatio: 2000, ratioFloor: 1 << 30)
        #expect(throws: InputError.self) { try Gzip.decompress(bomb, name: "bomb.gz", limits: capped) }
        // The default limits catch it as well, in memory and streaming.
        #expect(throws: InputError.self) { try Gzip.decompress(bomb, name: "bomb.gz") }
        let streaming = try GzipStream(name: "bomb.gz", limits: .streaming)
        #expect(throws: InputError.self) { try streaming.feed(bomb[...]) { _ in } }
    }

    @Test func trailingGarbageAfterAMemberIsIgnored() throws {
        let data = try Gzip.compress(Array("hello\n".utf8)) + Array("garbage".utf8)
        #expect(try Gzip.decompress(data, name: "x") == Array("hello\n".utf8))
    }
}
