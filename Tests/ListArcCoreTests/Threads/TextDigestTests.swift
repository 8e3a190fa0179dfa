import Testing
import TestSupport
@testable import ListArcCore

@Suite struct TextDigestTests {
    static func digest(_ fields: [String]) -> String {
        var d = TextDigest()
        for f in fields { d.add(f) }
        return d.hex
    }

    @Test func fieldBoundariesAndLengthsCount() {
        #expect(Self.digest(["ab", "c"]) != Self.digest(["a", "bc"]))
        #expect(Self.digest(["ab", "c"]) == Self.digest(["ab", "c"]))
        #expect(Self.digest(["abcdefgh"]) != Self.digest(["abcdefgh", ""]))
        #expect(Self.digest([""]) != Self.digest(["\0"]))
        #expect(Self.digest(["abcdefgh\0"]) != Self.digest(["abcdefgh"]))
        var n = TextDigest(), s = TextDigest()
        n.add(1); s.add("1")
        #expect(n.hex != s.hex)
        #expect(Self.digest(["x"]).count == 32)
    }

    /// Flipping any one bit of texts of every length up to three words gives another
    /// digest (a tail byte and a whole-word byte alike).
    @Test func everyBitOfEveryByteCounts() {
        var random = SeededRandom(seed: 7)
        for length in 1...24 {
            let bytes = (0..<length).map { _ in UInt8(random.next() % 0x7F) }
            let base = Self.digest([String(decoding: bytes, as: UTF8.self)])
            var seen: Set<String> = [base]
            for i in 0..<length {
                for bit in 0..<7 {
                    var changed = bytes
                    changed[i] ^= 1 << bit
                    seen.insert(Self.digest([String(decoding: changed, as: UTF8.self)]))
                }
            }
            #expect(seen.count == 1 + 7 * length, "length \(length)")
        }
    }
}
