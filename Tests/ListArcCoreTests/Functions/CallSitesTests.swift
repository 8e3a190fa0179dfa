import Testing
@testable import ListArcCore

/// What a changed line calls and mentions: the byte-level filters (member calls,
/// keywords, ALL_CAPS macros, attributes, literals, comments, the signature's own
/// name) decide the `calls` of each `ChangedLine` and the hunk's relations.
@Suite struct CallSitesTests {
    static func hunk(_ section: String, _ lines: [String]) -> Hunk {
        Hunk(oldStart: 10, oldCount: lines.count, newStart: 10, newCount: lines.count, section: section, lines: lines)
    }

    @Test func callsSkipMembersKeywordsMacrosAndAttributes() {
        let h = Self.hunk("int f(void)", [
            " {",
            "+\tret = foo (a) + bar\t(b) + s->ops->baz(c) + s.qux(d) + MAX(a, b) + sizeof(x) + if_ok(x) + 9f(x);",
            "+\tif (likely(x) && __builtin_offsetof(t, m)) foo(1) __attribute__((unused));",
            " }",
        ])
        let a = FunctionAttributor.attribute(h)
        #expect(a.lines.map(\.calls) == [["foo", "bar", "if_ok"], ["foo"]])
        #expect(a.functions == [HunkFunction(function: "f", relation: .modifies), HunkFunction(function: "foo", relation: .calls),
                                HunkFunction(function: "bar", relation: .calls), HunkFunction(function: "if_ok", relation: .calls)])
    }

    @Test func literalsAndCommentsAreNotCalls() {
        let h = Self.hunk("int f(void)", [
            "+\tpr_info(\"call(me) \\\" still(in)\"); /* see helper() and page(s), ok() */",
            "+\t/* starts here: first_one()",
            "+\t * inside(x) { */ after(y); // tail_note() fn(",
        ])
        let a = FunctionAttributor.attribute(h)
        #expect(a.lines.map(\.calls) == [["pr_info"], [], ["after"]])
        #expect(a.functions.map(\.function) == ["f", "pr_info", "after", "helper", "first_one", "inside", "tail_note"])
        #expect(a.functions.filter { $0.relation == .mentions }.count == 4)
    }

    @Test func aNewFunctionDoesNotCallItselfInItsSignature() {
        let h = Self.hunk("", [
            " ",
            "+static int newfn(int a)",
            "+{",
            "+\treturn a ? newfn(a - 1) + other(a) : 0;",
            "+}",
        ])
        let a = FunctionAttributor.attribute(h)
        #expect(a.lines.map(\.calls) == [[], [], ["newfn", "other"], []])
        #expect(a.lines.map(\.function) == ["newfn", "newfn", "newfn", "newfn"])
        #expect(a.lines.map(\.number) == [11, 12, 13, 14])
        #expect(a.lines.map(\.text) == ["static int newfn(int a)", "{", "\treturn a ? newfn(a - 1) + other(a) : 0;", "}"])
        #expect(FunctionAttributor.functions(in: h) == a.functions)
        #expect(a.functions == [HunkFunction(function: "newfn", relation: .modifies), HunkFunction(function: "other", relation: .calls)])
    }
}
