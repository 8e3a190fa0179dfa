import Testing
@testable import ListArcCore

/// Diffs taken out of quoted replies: prefix stripping, damage repair, and
/// completeness (a hunk a reply cut must never pass as whole).
@Suite struct DiffQuotingTests {
    /// A 2-hunk diff with blank context lines and tab-indented code.
    static let original: [String] = [
        "diff --git a/f.c b/f.c",
        "index 1111111..2222222 100644",
        "--- a/f.c",
        "+++ b/f.c",
        "@@ -1,5 +1,5 @@ int f(void)",
        " {",
        " \tint x;",
        " ",
        "-\tx = 1;",
        "+\tx = 2;",
        " \treturn x;",
        "@@ -20,3 +20,4 @@ int g(void)",
        " {",
        "+\t/* new */",
        " ",
        " }",
    ]

    static func quote(_ lines: [String], _ prefix: String, stripTrailing: Bool = false) -> [String] {
        lines.map { line in
            var q = prefix + line
            if stripTrailing { while q.last == " " || q.last == "\t" { q.removeLast() } }
            return q
        }
    }

    @Test(arguments: ["> ", ">", "> > ", ">> ", ">>>> ", "| "])
    func quotedDiffComesBackExact(prefix: String) throws {
        let depth = prefix.filter { $0 == ">" }.count
        guard depth > 0 else { return } // "| " is not a quote marker for the current analyser
        let body = "On Mon, A wrote:\n" + Self.quote(Self.original, prefix).joined(separator: "\n") + "\n\nLooks good.\n"
        let d = try #require(DiffFixture.extract(body).first { $0.depth == depth })
        #expect(d.complete)
        #expect(DiffRenderer.render(d) == DiffFixture.lines(Self.original))
    }

    @Test(arguments: ["> ", ">", "> > "])
    func trailingWhitespaceStrippedBlankContextRestored(prefix: String) throws {
        let depth = prefix.filter { $0 == ">" }.count
        let body = Self.quote(Self.original, prefix, stripTrailing: true).joined(separator: "\n") + "\n"
        let d = try #require(DiffFixture.extract(body).first { $0.depth == depth })
        #expect(d.complete)
        #expect(d.repairs.contains(.blankContextRestored))
        #expect(d.repairs.contains(.trailingWhitespaceLost))
        #expect(DiffRenderer.render(d) == DiffFixture.lines(Self.original))
    }

    @Test func crlfLineEnds() throws {
        // Lines as a byte-wise splitter gives them (Swift's "\r\n" Character would hide the CR).
        let lines = Self.quote(Self.original, "> ").map { QuoteAnalyzer.analyse($0 + "\r").lines[0] }
        let analysis = QuoteAnalysis(lines: lines, attributions: [], embedded: [])
        let d = try #require(DiffExtractor.extract(from: analysis, partIndex: 0).first)
        #expect(d.repairs.contains(.crlfNormalised))
        #expect(DiffRenderer.render(d) == DiffFixture.lines(Self.original))
    }

    @Test func rewrappedLineIsJoined() throws {
        var lines = Self.original
        lines[8] = "-\tx = compute_something_long(argument_one, argument_two, argument_three);"
        var quoted = Self.quote(lines, "> ")
        // The client wrapped the long line at a space.
        quoted[8] = "> -\tx = compute_something_long(argument_one, argument_two,"
        quoted.insert("> argument_three);", at: 9)
        let d = try #require(DiffFixture.extract(quoted.joined(separator: "\n") + "\n").first)
        #expect(d.complete)
        #expect(d.repairs.contains(.rewrappedLineJoined))
        #expect(DiffRenderer.render(d) == DiffFixture.lines(lines))
    }

    @Test func replyInsideHunkMakesItPartial() throws {
        var quoted = Self.quote(Self.original, "> ")
        quoted.insert(contentsOf: ["", "Why 2?", ""], at: 8)
        let found = DiffFixture.extract(quoted.joined(separator: "\n") + "\n")
        let d = try #require(found.first { $0.depth == 1 })
        #expect(!d.complete)
        #expect(d.files[0].hunks[0].complete == false)
        // Its lines are still there, and the second hunk is whole.
        #expect(d.files[0].hunks[0].lines.contains("+\tx = 2;"))
        #expect(d.files[0].hunks.count == 2)
        #expect(d.files[0].hunks[1].complete)
    }

    @Test(arguments: ["[...]", "<snip>", "...", "[ snip ]"])
    func trimMarkerMakesHunkPartial(marker: String) throws {
        var quoted = Self.quote(Self.original, "> ")
        quoted.replaceSubrange(6...7, with: ["> " + marker])
        let d = try #require(DiffFixture.extract(quoted.joined(separator: "\n") + "\nOK\n").first)
        #expect(!d.complete)
        #expect(!d.files[0].hunks[0].complete)
        // A partial hunk keeps counts its lines do not satisfy: git apply refuses it.
        #expect(DiffRenderer.render(d).contains("@@ -1,5 +1,5 @@ int f(void)\n"))
    }

    @Test func quotedHunkCutShortIsPartialNotRecounted() throws {
        let quoted = Self.quote(Array(Self.original[0..<9]), "> ")
        let d = try #require(DiffFixture.extract(quoted.joined(separator: "\n") + "\n\nThis line is wrong.\n").first)
        #expect(!d.complete)
        #expect(!d.repairs.contains(.hunkRecounted))
    }

    @Test func unquotedHunkWithLyingCountsIsRecounted() throws {
        var lines = Self.original
        lines[4] = "@@ -1,7 +1,7 @@ int f(void)"
        let d = try #require(DiffFixture.extract(DiffFixture.lines(lines)).first)
        #expect(d.complete)
        #expect(d.repairs.contains(.hunkRecounted))
        #expect(DiffRenderer.render(d) == DiffFixture.lines(Self.original))
        // Too small counts: the extra lines run into the next hunk.
        lines[4] = "@@ -1,4 +1,4 @@ int f(void)"
        let e = try #require(DiffFixture.extract(DiffFixture.lines(lines)).first)
        #expect(e.repairs.contains(.hunkRecounted))
        #expect(DiffRenderer.render(e) == DiffFixture.lines(Self.original))
    }

    @Test func wholeHunkRemovedBetweenCommentsMakesDiffIncomplete() throws {
        var lines = Self.original
        lines.append(contentsOf: ["@@ -40,2 +41,2 @@", "-a", "+b", " c"])
        lines[16] = "@@ -40,2 +41,2 @@"
        lines.removeSubrange(17...)
        lines.append(contentsOf: ["-a", "+b", " c"])
        var quoted = Self.quote(lines, "> ")
        // Keep hunk 1, comment, drop hunk 2, keep hunk 3.
        quoted.replaceSubrange(11...15, with: ["", "Nice.", ""])
        let d = try #require(DiffFixture.extract(quoted.joined(separator: "\n") + "\n").first)
        #expect(d.files[0].hunks.count == 2)
        #expect(d.files[0].hunks.allSatisfy { $0.complete })
        #expect(!d.complete)
        // Nothing cut: comments between whole hunks leave the diff complete.
        var kept = Self.quote(Self.original, "> ")
        kept.insert(contentsOf: ["", "Nice.", ""], at: 11)
        let e = try #require(DiffFixture.extract(kept.joined(separator: "\n") + "\n").first)
        #expect(e.complete)
        #expect(DiffRenderer.render(e) == DiffFixture.lines(Self.original))
    }

    @Test func authorAndDateComeFromTheEmbeddedMessage() throws {
        let quoted = Self.quote(Self.original, "> ")
        let text = (["On Tue, 5 Jul 2022, Ann wrote:"] + quoted).joined(separator: "\n") + "\n"
        var analysis = QuoteAnalyzer.analyse(text)
        analysis.embedded = [
            EmbeddedMessage(depth: 0, author: "Bob", address: nil, date: nil, attribution: nil, lineIndices: [0]),
            EmbeddedMessage(depth: 1, author: "Ann", address: nil, date: "Tue, 5 Jul 2022", attribution: nil,
                            lineIndices: Array(1...quoted.count)),
        ]
        let d = try #require(DiffExtractor.extract(from: analysis, partIndex: 1).first)
        #expect(d.author == "Ann")
        #expect(d.date == "Tue, 5 Jul 2022")
        #expect(d.partIndex == 1)
        #expect(d.lineRange == 1..<(quoted.count + 1))
    }

    @Test func flowedStuffedContextLinesLoseTheirExtraSpace() throws {
        // Thunderbird's format=flowed quote: "> " + the line, space-stuffed when it begins with a space.
        let quoted = Self.original.map { $0.hasPrefix(" ") ? ">  " + $0 : "> " + $0 }
        let d = try #require(DiffFixture.extract(quoted.joined(separator: "\n") + "\n").first)
        #expect(d.repairs.contains(.spaceStuffingRemoved))
        #expect(DiffRenderer.render(d) == DiffFixture.lines(Self.original))
    }

    @Test func contextLineThatLooksDeeperInANoSpaceQuote() throws {
        var lines = Self.original
        lines[7] = " > quoted in a comment"
        let quoted = Self.quote(lines, ">")
        let d = try #require(DiffFixture.extract(quoted.joined(separator: "\n") + "\n").first { $0.depth == 1 })
        #expect(d.complete)
        #expect(DiffRenderer.render(d) == DiffFixture.lines(lines))
    }
}

/// A quoted patch mail's diffstat tells when the reply cut files or hunks off the end.
@Suite struct DiffstatCompletenessTests {
    static let mail = [
        "Fix things.", "", "---", " a.c | 2 +-", " b.c | 1 +", " 2 files changed, 2 insertions(+), 1 deletion(-)", "",
        "diff --git a/a.c b/a.c", "--- a/a.c", "+++ b/a.c", "@@ -1,2 +1,2 @@", " x", "-y", "+z",
        "diff --git a/b.c b/b.c", "--- a/b.c", "+++ b/b.c", "@@ -1 +1,2 @@", " q", "+r", "-- ", "2.40.0",
    ]

    @Test func wholeQuoteIsComplete() throws {
        let text = (["On Mon, A wrote:"] + Self.mail.map { $0.isEmpty ? ">" : "> " + $0 }).joined(separator: "\n") + "\n"
        let d = try #require(DiffFixture.extract(text).first)
        #expect(d.complete)
        #expect(d.files.count == 2)
    }

    @Test func quoteCutAfterFirstFileIsIncomplete() throws {
        let quoted = Self.mail[..<14].map { $0.isEmpty ? ">" : "> " + $0 }
        let text = (["On Mon, A wrote:"] + quoted + ["", "Only the first file matters here."]).joined(separator: "\n") + "\n"
        let d = try #require(DiffFixture.extract(text).first)
        #expect(d.files.count == 1)
        #expect(d.files[0].hunks.allSatisfy { $0.complete })
        #expect(!d.complete)
    }

    @Test func summaryLineForms() {
        #expect(DiffstatSummary(" 1 file changed, 179 insertions(+), 60 deletions(-)")
                == DiffstatSummary(files: 1, insertions: 179, deletions: 60))
        #expect(DiffstatSummary(" 1 file changed, 1 insertion(+)")?.insertions == 1)
        #expect(DiffstatSummary(" 3 files changed, 2 deletions(-)")?.deletions == 2)
        #expect(DiffstatSummary(" 3 files changed, 2 deletions(-)")?.files == 3)
        #expect(DiffstatSummary("2 files changed") != nil)
        #expect(DiffstatSummary("files changed") == nil)
        #expect(DiffstatSummary(" 1 file changed, lots of things") == nil)
    }
}
