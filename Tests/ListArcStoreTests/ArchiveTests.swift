import Testing
@testable import ListArcStore

@Suite struct ArchiveTests {
    @Test func keepsPath() {
        #expect(Archive(path: "/tmp/x.sqlite").path == "/tmp/x.sqlite")
    }
}
