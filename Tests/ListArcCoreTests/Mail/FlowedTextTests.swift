import Testing
@testable import ListArcCore

@Suite struct FlowedTextTests {
    func unflow(_ text: String, delSp: Bool = false) -> String {
        String(decoding: FlowedText.unflow(Array(text.utf8), delSp: delSp), as: UTF8.self)
    }

    @Test func joinsSoftBreaks() {
        #expect(unflow("This is a \nflowed para\ngraph.\nNext line.\n") == "This is a flowed para\ngraph.\nNext line.\n")
    }

    @Test func delSpRemovesTheSoftBreakSpace() {
        #expect(unflow("abc \ndef\n", delSp: true) == "abcdef\n")
        #expect(unflow("abc \ndef\n", delSp: false) == "abc def\n")
    }

    @Test func removesSpaceStuffing() {
        #expect(unflow("  \treturn 1;\n From here\n >not a quote\n") == " \treturn 1;\nFrom here\n>not a quote\n")
    }

    @Test func respectsQuoteDepth() {
        let text = "> quoted and \n> continued\n>> deeper \n>> still\n> back \nunquoted\n"
        #expect(unflow(text) == "> quoted and continued\n>> deeper still\n> back \nunquoted\n")
    }

    @Test func signatureSeparatorIsNotFlowed() {
        #expect(unflow("text\n-- \nsig\n") == "text\n-- \nsig\n")
        #expect(unflow("> -- \n> sig\n") == "> -- \n> sig\n")
    }

    @Test func blankDiffContextLinesSurvive() {
        // Space-only lines are never flowed, and a flowed line does not swallow a blank one.
        #expect(unflow("+int a; \n\n  \n+b\n") == "+int a; \n\n \n+b\n")
        #expect(unflow(">   \n>   \tm = 1;\n") == ">   \n>   \tm = 1;\n")
    }

    @Test func lastLineFlowedAndNoFinalNewline() {
        #expect(unflow("a \nb") == "a b")
        #expect(unflow("a \n") == "a \n")
        #expect(unflow("") == "")
    }

    @Test func thunderbirdPatch() throws {
        // A patch posted by Thunderbird: stuffed context lines, a soft-wrapped long line.
        let message = try parse([
            "Content-Type: text/plain; charset=utf-8; format=flowed", "",
            "@@ -1,3 +1,3 @@ static int slurp_attr(const char *line, const char ",
            "*name)", "  \treturn 1;", "-old", "+new", "",
        ])
        #expect(message.body == "@@ -1,3 +1,3 @@ static int slurp_attr(const char *line, const char *name)\n \treturn 1;\n-old\n+new\n\n")
        #expect(message.parts.first?.wasFlowed == true)
    }

    @Test func delSpParameterFromContentType() throws {
        let message = try parse(["Content-Type: text/plain; format=\"Flowed\"; DelSp=\"Yes\"", "", "wrapped wo ", "rd"])
        #expect(message.body == "wrapped word\n")
    }

    @Test func notFlowedWithoutTheParameter() throws {
        let message = try parse(["Content-Type: text/plain", "", "a ", "b"])
        #expect(message.body == "a \nb\n")
        #expect(message.parts.first?.wasFlowed == false)
    }
}
