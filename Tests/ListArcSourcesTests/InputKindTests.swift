import Testing
import TestSupport
@testable import ListArcSources

@Suite struct InputKindTests {
    @Test func detectsByContent() throws {
        #expect(InputKind.detect(try Paths.bytes(Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/25/6"))) == .html)
        #expect(InputKind.detect(try Paths.bytes(Paths.sample("seed-thread/thread.mbox"))) == .mbox)
        #expect(InputKind.detect(try Paths.bytes(Paths.sample("seed-thread/M1.eml"))) == .mail)
        #expect(InputKind.detect(Array("\u{0}\u{1}binary".utf8)) == .unknown)
    }
}
