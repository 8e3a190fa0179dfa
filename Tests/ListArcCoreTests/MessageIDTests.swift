import Testing
@testable import ListArcCore

@Suite struct MessageIDTests {
    @Test func extractsBracketedIDs() {
        let refs = "<20220720021727.17018-1-Liam.Howlett@oracle.com>\n <f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com>"
        #expect(MessageID.all(in: refs) == ["20220720021727.17018-1-Liam.Howlett@oracle.com", "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com"])
    }
    @Test func acceptsBareID() {
        #expect(MessageID.first(in: " abc@example.org ") == "abc@example.org")
        #expect(MessageID.first(in: "no id here") == nil)
    }
}
