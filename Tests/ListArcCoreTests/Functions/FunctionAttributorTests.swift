import Testing
import Foundation
import TestSupport
@testable import ListArcCore

@Suite struct FunctionAttributorTests {
    static func relations(_ hunk: Hunk) -> [String: FunctionRelation] {
        Dictionary(FunctionAttributor.functions(in: hunk).map { ($0.function, $0.relation) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func seedHunksParse() throws {
        let hunks = try SeedHunks.all()
        #expect(hunks.map(\.header) == ["@@ -194,17 +194,40 @@", "@@ -246,35 +269,52 @@", "@@ -2805,38 +2845,55 @@",
                                        "@@ -2846,30 +2903,56 @@", "@@ -2880,18 +2963,29 @@", "@@ -2902,13 +2996,38 @@"])
    }

    @Test func hunk1() throws {
        let r = Self.relations(try SeedHunks.all()[0])
        #expect(r["sys_brk"] == .modifies)
        #expect(r["check_brk_limits"] == .modifies)
        #expect(r["do_brk_flags"] == .mentions)
        #expect(r["do_brk_munmap"] == .mentions)
        #expect(r["remove_vma"] == nil)
        #expect(r["get_unmapped_area"] == .calls)
        #expect(r["mlock_future_check"] == .calls)
        #expect(r["MA_STATE"] == nil)   // macros are not functions a trace names
        let sys = try #require(FunctionAttributor.functions(in: try SeedHunks.all()[0]).first { $0.function == "sys_brk" })
        #expect(sys.alias == "SYSCALL_DEFINE1(brk)")
    }

    @Test func hunk2() throws {
        let r = Self.relations(try SeedHunks.all()[1])
        #expect(r["sys_brk"] == .modifies)
        for callee in ["do_brk_flags", "do_brk_munmap", "check_brk_limits", "mas_find", "mas_prev"] { #expect(r[callee] == .calls, "\(callee)") }
        #expect(r.values.filter { $0 == .modifies }.count == 1)
    }

    @Test func hunk3() throws {
        let r = Self.relations(try SeedHunks.all()[2])
        #expect(r["do_brk_munmap"] == .modifies)
        #expect(r["do_brk_flags"] == .modifies)
        #expect(r["remap_file_pages"] == nil && r["sys_remap_file_pages"] == nil)
        #expect(r.values.filter { $0 == .modifies }.count == 2)
    }

    @Test func hunk4() throws {
        let r = Self.relations(try SeedHunks.all()[3])
        #expect(r["do_brk_flags"] == .modifies)
        #expect(r["mas_store_gfp"] == .calls)
        #expect(r.values.filter { $0 == .modifies }.count == 1)
        // The two do_brk_flags → mas_store_gfp calls are added lines of do_brk_flags, at +2922 and +2946.
        let a = FunctionAttributor.attribute(try SeedHunks.all()[3])
        let stores = a.lines.filter { $0.side == .new && $0.calls.contains("mas_store_gfp") }
        #expect(stores.map(\.number) == [2922, 2946])
        #expect(stores.allSatisfy { $0.function == "do_brk_flags" })
    }

    @Test func hunk5() throws {
        let r = Self.relations(try SeedHunks.all()[4])
        #expect(r["do_brk_flags"] == .modifies)
        #expect(r["vm_brk_flags"] == .modifies)
        #expect(r.values.filter { $0 == .modifies }.count == 2)
    }

    @Test func hunk6() throws {
        let r = Self.relations(try SeedHunks.all()[5])
        #expect(r["vm_brk_flags"] == .modifies)
        #expect(r["do_brk_flags"] == .calls)
        #expect(r["check_brk_limits"] == .calls)
        #expect(r.values.filter { $0 == .modifies }.count == 1)
    }

    /// What `search function do_brk_flags` will return.
    @Test func doBrkFlagsAcrossTheSeedPatch() throws {
        let kinds = try SeedHunks.all().map { Self.relations($0)["do_brk_flags"] }
        #expect(kinds == [.mentions, .calls, .modifies, .modifies, .modifies, .calls])
    }

    @Test func removedLinesBelongToTheOldFunction() throws {
        let a = FunctionAttributor.attribute(try SeedHunks.all()[2])
        // Old side: the removed body is the old do_brk_flags; new side: do_brk_munmap then do_brk_flags.
        let removed = a.lines.filter { $0.side == .old && $0.text.contains("munmap_vma_range") }
        #expect(removed.map(\.function) == ["do_brk_flags"])
        let added = a.lines.filter { $0.side == .new && $0.text.contains("arch_unmap") }
        #expect(added.map(\.function) == ["do_brk_munmap"])
        let sig = try #require(a.lines.first { $0.side == .new && $0.text.hasPrefix("static int do_brk_flags(") })
        #expect(sig.function == "do_brk_flags" && sig.number == 2884)
    }

    @Test func exactModeFromTheSkeletonPreImage() throws {
        let skeleton = try Paths.text(Paths.sample("expected/mm-mmap-skeleton.c"))
        let hunks = try SeedHunks.all()
        for (i, hunk) in hunks.enumerated() {
            let exact = Dictionary(FunctionAttributor.attribute(hunk, oldFile: skeleton, newFile: nil).functions.map { ($0.function, $0.relation) },
                                   uniquingKeysWith: { a, _ in a })
            #expect(exact == Self.relations(hunk), "hunk \(i + 1)")
        }
        // A file that does not match falls back to the heuristic instead of guessing.
        let wrong = String(repeating: "int x;\n", count: 4000)
        #expect(FunctionAttributor.attribute(hunks[3], oldFile: wrong, newFile: wrong).functions == FunctionAttributor.functions(in: hunks[3]))
    }

    @Test func exactModeKnowsWhatTheSectionHides() {
        // Section names `outer`, but `inner` starts above the hunk: only the file knows.
        let file = "int outer(void)\n{\n\treturn 0;\n}\n\nstatic void\ninner(int a)\n{\n\tint b = a;\n\tb++;\n\tfoo(b);\n}\n"
        let hunk = SeedHunks.make("@@ -10,2 +10,2 @@ int outer(void)", "-\tb++;\n+\tb += 2;\n \tfoo(b);")
        #expect(FunctionAttributor.functions(in: hunk).first == HunkFunction(function: "outer", relation: .modifies))
        #expect(FunctionAttributor.attribute(hunk, oldFile: file, newFile: file).functions.first == HunkFunction(function: "inner", relation: .modifies))
    }

    @Test func definitionsStartingInsideAHunk() {
        let hunk = SeedHunks.make("@@ -10,6 +10,20 @@ static int old_helper(struct foo *f)", """
         \treturn f->x;
         }
         
        +/* new_helper() - see old_helper() */
        +static inline unsigned long
        +new_helper(struct foo *f,
        +\t   int flags)
        +{
        +\tif (flags & 1) {
        +\t\tbar_update(f);
        +\t}
        +out:
        +\treturn obj->ops->get(f) + sizeof(*f);
        +}
        +
        +int proto_only(int);
        +BPF_CALL_2(bpf_thing, int, a, int, b)
        +{
        +\treturn a + b;
        +}
         static void last(void)
         {
        """)
        let r = Self.relations(hunk)
        #expect(r["new_helper"] == .modifies)
        #expect(r["old_helper"] == .mentions)          // only named in the new comment
        #expect(r["bar_update"] == .calls)
        #expect(r["get"] == nil)                       // ops->get( is a pointer call, not a function named get
        #expect(r["proto_only"] == .mentions)
        #expect(r["bpf_thing"] == .modifies)
        #expect(r["last"] == nil)
        let a = FunctionAttributor.attribute(hunk)
        #expect(a.lines.first { $0.text == "out:" }?.function == "new_helper")
        #expect(a.lines.first { $0.text.hasPrefix("static inline") }?.function == "new_helper")
    }

    @Test func nestedBlockAtHunkStartDoesNotEndTheFunction() {
        // The hunk starts two levels deep; an indented `}` must not end the function.
        let hunk = SeedHunks.make("@@ -50,7 +50,8 @@ static int walk(struct node *n)", """
         \t\t\tn = n->next;
         \t\t}
         \t}
        +\tvisit(n);
         \treturn 0;
         }
        +static int extra;
        """)
        let a = FunctionAttributor.attribute(hunk)
        #expect(a.lines.map(\.function) == ["walk", nil])
    }

    @Test func bracesInStringsAndCommentsDoNotCount() {
        let hunk = SeedHunks.make("@@ -1,5 +1,6 @@ void f(void)", """
         \tputs("}");
         \t/* } */
         \tchar c = '}';
        +\tg();
         }
        """)
        #expect(FunctionAttributor.attribute(hunk).lines.first?.function == "f")
    }

    @Test func cFamilyPaths() {
        #expect(FunctionAttributor.isCFamily(path: "b/mm/mmap.c"))
        #expect(FunctionAttributor.isCFamily(path: "include/linux/mm.h"))
        #expect(!FunctionAttributor.isCFamily(path: "Documentation/admin-guide/README.rst"))
        #expect(!FunctionAttributor.isCFamily(path: "scripts/Makefile"))
        #expect(!FunctionAttributor.isCFamily(path: "a.dir/Kconfig"))
    }

    @Test func junkDoesNotCrash() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "(", ")", ";", "/*", "*/", "//", "\"", "'", "\\", "#define X \\", "foo", "SYSCALL_DEFINE0(", "int ", "\t", " ", "=", "out:", "é"]
        for _ in 0..<300 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                var s = ["+", "-", " ", "\\", ""].randomElement(using: &rng)!
                for _ in 0..<Int.random(in: 0...8, using: &rng) { s += pieces.randomElement(using: &rng)! }
                lines.append(s)
            }
            let h = Hunk(oldStart: Int.random(in: 0...5, using: &rng), oldCount: 3, newStart: 1, newCount: 3,
                         section: (0..<3).map { _ in pieces.randomElement(using: &rng)! }.joined(), lines: lines)
            _ = FunctionAttributor.attribute(h)
            _ = FunctionAttributor.attribute(h, oldFile: lines.joined(separator: "\n"), newFile: "")
        }
    }
}
