import Foundation
import Testing
@testable import listarc

/// The integer date printer writes what ISO8601DateFormatter writes in UTC.
@Suite struct ISODateTests {
    @Test func matchesTheFoundationFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var rng = SystemRandomNumberGenerator()
        let fixed: [Int64] = [0, -1, 86_399, 86_400, 951_782_400, 1_658_283_447, 4_107_542_399, -2_208_988_800, 253_402_300_799]
        let random = (0..<2_000).map { _ in Int64.random(in: -4_000_000_000...10_000_000_000, using: &rng) }
        for epoch in fixed + random {
            #expect(ThreadCommand.isoDate(epoch) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch))), "\(epoch)")
        }
    }
}
