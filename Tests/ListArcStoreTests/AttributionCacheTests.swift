import Foundation
import GRDB
import ListArcCore
import Testing
@testable import ListArcStore

/// The cache only saves work: every answer equals a fresh attribution, and it
/// stays within its byte limit.
@Suite struct AttributionCacheTests {
    static func hunk(_ n: Int, section: String = "int f(void)") -> Hunk {
        Hunk(oldStart: 10, oldCount: 3, newStart: 10, newCount: 3, section: section,
             lines: [" {", "-\told_\(n)(x);", "+\tnew_\(n)(x, y);", " }"])
    }

    @Test func repeatsAnswerLikeAFreshCall() {
        let cache = AttributionCache()
        for round in 0..<3 {
            for n in 0..<20 {
                let h = Self.hunk(n, section: n % 2 == 0 ? "int f(void)" : "static void g(int a)")
                #expect(cache.functions(in: h) == FunctionAttributor.functions(in: h), "round \(round) hunk \(n)")
            }
        }
        #expect(cache.count == 20)
        // Same section and lines at other line numbers (a re-rolled series): the same
        // functions, from the cache.
        var moved = Self.hunk(1, section: "static void g(int a)")
        moved.oldStart = 99
        moved.newStart = 101
        #expect(cache.functions(in: moved) == FunctionAttributor.functions(in: moved))
        #expect(cache.count == 20)
        // Other section text: another starting function, attributed on its own.
        let elsewhere = Self.hunk(1, section: "int f(void)")
        #expect(cache.functions(in: elsewhere) == FunctionAttributor.functions(in: elsewhere))
        #expect(FunctionAttributor.functions(in: elsewhere) != FunctionAttributor.functions(in: moved))
        #expect(cache.count == 21)
    }

    /// The key covers where each line ends, not only the bytes in a row.
    @Test func lineBoundariesAreKeyed() {
        let cache = AttributionCache()
        let a = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, section: "int f(void)", lines: ["+\tfoo(x", "+); bar(y);"])
        let b = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, section: "int f(void)", lines: ["+\tfoo(x);", "+ bar(y);"])
        let c = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, section: "int f(void", lines: [")+\tfoo(x);", "+ bar(y);"])
        for h in [a, b, c, a, b, c] { #expect(cache.functions(in: h) == FunctionAttributor.functions(in: h)) }
        #expect(cache.count == 3)
    }

    @Test func staysWithinItsLimit() {
        let cache = AttributionCache(byteLimit: 400)
        for n in 0..<200 {
            let h = Self.hunk(n)
            #expect(cache.functions(in: h) == FunctionAttributor.functions(in: h))
            #expect(cache.count <= 400 / 40)
        }
    }

    /// The same patch in two messages: both get the same hunk_functions rows.
    @Test func repeatedHunksStoreTheSameFunctions() throws {
        let t = try TestArchive()
        func patch(_ id: String) -> AnalysedMessage {
            var a = Mails.withDiff(id: id)
            a.diffs[0].files[0].hunks = [Self.hunk(1), Self.hunk(2, section: "static void g(int a)")]
            return a
        }
        #expect(!FunctionAttributor.functions(in: Self.hunk(1)).isEmpty)
        _ = try t.archive.ingest([patch("p1@x")])
        _ = try t.archive.ingest([patch("p2@x")])
        #expect(t.archive.attributions.count == 2)
        let rows = try t.archive.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.message AS message, hf.function AS function, hf.relation AS relation FROM hunk_functions hf
                JOIN hunks h ON h.id = hf.hunk JOIN files f ON f.id = h.file JOIN diffs d ON d.id = f.diff
                ORDER BY h.position, hf.function, hf.relation
                """)
        }
        let messages: [Int64] = Array(Set(rows.map { $0["message"] as Int64 })).sorted()
        #expect(messages.count == 2)
        func functions(_ m: Int64?) -> [String] {
            rows.filter { ($0["message"] as Int64) == m }.map { "\($0["function"] as String):\($0["relation"] as String)" }
        }
        let first = functions(messages.first), second = functions(messages.last)
        #expect(!first.isEmpty)
        #expect(first == second)
    }
}
