import Testing

@Suite struct HelpTests {
    @Test func listsEverySubcommand() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        for name in ["fetch", "import", "show", "thread", "diff", "search", "blame", "stats"] {
            #expect(r.stdout.contains(name))
        }
    }
}
