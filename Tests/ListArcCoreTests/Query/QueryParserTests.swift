import Foundation
import Testing
@testable import ListArcCore

@Suite struct QueryParserTests {
    let now = Date(timeIntervalSince1970: 1_659_312_000)  // 2022-08-01 00:00 UTC

    func parse(_ s: String) throws -> QueryNode { try QueryParser.parse(s, now: now) }
    func t(_ f: QueryField, _ v: String, phrase: Bool = false, prefix: Bool = false) -> QueryNode {
        .term(QueryTerm(field: f, value: v, phrase: phrase, prefix: prefix))
    }

    @Test func prefixesMapToFields() throws {
        #expect(try parse("s:maple") == t(.subject, "maple"))
        #expect(try parse("f:liam") == t(.from, "liam"))
        #expect(try parse("b:crash") == t(.body, "crash"))
        #expect(try parse("bs:crash") == t(.bodySubject, "crash"))
        #expect(try parse("mid:abc@x") == t(.messageID, "abc@x"))
        #expect(try parse("m:abc@x") == t(.messageID, "abc@x"))
        #expect(try parse("dfn:mm/mmap.c") == t(.diffFile, "mm/mmap.c"))
        #expect(try parse("dfhh:do_brk_flags") == t(.hunkHeader, "do_brk_flags"))
        #expect(try parse("dfa:mas_store_gfp") == t(.added, "mas_store_gfp"))
        #expect(try parse("dfb:vma_link") == t(.removed, "vma_link"))
        #expect(try parse("fn:do_brk_flags") == t(.function, "do_brk_flags"))
    }

    @Test func quotedPhrasesWithAndWithoutPrefix() throws {
        #expect(try parse("\"kernel BUG at\"") == t(.text, "kernel BUG at", phrase: true))
        #expect(try parse("s:\"do_brk_flags() to expand\"") == t(.subject, "do_brk_flags() to expand", phrase: true))
        // A doubled quote inside a phrase is one quote; an unclosed quote runs to the end.
        #expect(try parse("\"a \"\"b\"\" c\"") == t(.text, "a \"b\" c", phrase: true))
        #expect(try parse("\"unclosed phrase") == t(.text, "unclosed phrase", phrase: true))
    }

    @Test func booleanOperatorsAndPrecedence() throws {
        // AND binds tighter than OR; juxtaposition is AND.
        #expect(try parse("a b OR c") == .or([.and([t(.text, "a"), t(.text, "b")]), t(.text, "c")]))
        #expect(try parse("a AND (b OR c)") == .and([t(.text, "a"), .or([t(.text, "b"), t(.text, "c")])]))
        #expect(try parse("a NOT b") == .and([t(.text, "a"), .not(t(.text, "b"))]))
        #expect(try parse("a -s:b") == .and([t(.text, "a"), .not(t(.subject, "b"))]))
        #expect(try parse("-(a OR b) c") == .and([.not(.or([t(.text, "a"), t(.text, "b")])), t(.text, "c")]))
        #expect(try parse("+a") == t(.text, "a"))
        // Lower-case words are words, as in Xapian.
        #expect(try parse("a and b") == .and([t(.text, "a"), t(.text, "and"), t(.text, "b")]))
    }

    @Test func toleratesBrokenSyntax() throws {
        #expect(try parse("AND OR") == t(.text, "AND"))
        #expect(try parse("a OR") == t(.text, "a"))
        #expect(try parse("OR a") == .and([t(.text, "OR"), t(.text, "a")]))
        #expect(try parse("(a b") == .and([t(.text, "a"), t(.text, "b")]))
        #expect(try parse("a) b") == .and([t(.text, "a"), t(.text, "b")]))
        #expect(try parse("NEAR(") == t(.text, "NEAR"))
        #expect(try parse("col:x") == t(.text, "col:x"))
        #expect(try parse("foo*") == t(.text, "foo", prefix: true))
        #expect(try parse("*") == t(.text, "*"))
        #expect(try parse("") == .and([]))
        #expect(try parse("   ") == .and([]))
        #expect(try parse("NOT") == t(.text, "NOT"))
    }

    @Test func dateRanges() throws {
        let jul1: Int64 = 1_656_633_600, aug1: Int64 = 1_659_312_000, aug2: Int64 = aug1 + 86_400
        #expect(try parse("d:2022-07-01..2022-08-01") == .date(from: jul1, to: aug2))
        #expect(try parse("d:20220701..20220801") == .date(from: jul1, to: aug2))
        #expect(try parse("d:..2022-08-01") == .date(from: nil, to: aug2))
        #expect(try parse("d:2022-07-01..") == .date(from: jul1, to: nil))
        #expect(try parse("d:2022-07-01") == .date(from: jul1, to: jul1 + 86_400))
        #expect(try parse("d:2.weeks.ago..") == .date(from: aug1 - 14 * 86_400, to: nil))
        #expect(try parse("d:yesterday..") == .date(from: aug1 - 86_400, to: nil))
        #expect(throws: InputError.self) { try parse("d:notadate") }
        #expect(throws: InputError.self) { try parse("d:..") }
        #expect(throws: InputError.self) { try parse("d:2022-13-01") }
    }

    @Test func functionNamesAsTyped() {
        #expect(FunctionName.normalise("SYSCALL_DEFINE1(brk, unsigned long, brk)") == "sys_brk")
        #expect(FunctionName.normalise("SYSCALL_DEFINE1(brk") == "sys_brk")
        #expect(FunctionName.normalise("COMPAT_SYSCALL_DEFINE2(ioctl, x)") == "compat_sys_ioctl")
        #expect(FunctionName.normalise("do_brk_flags()") == "do_brk_flags")
        #expect(FunctionName.normalise(" do_brk_flags ") == "do_brk_flags")
    }

    @Test func randomInputsNeverCrash() throws {
        let pieces = ["\"", "(", ")", "-", "+", "AND", "OR", "NOT", "s:", "d:", "*", ":", "x", " ", "NEAR(", "\"\"", "fn:", "é", "'"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
            _ = try? QueryParser.parse(s, now: now)
        }
    }
}
