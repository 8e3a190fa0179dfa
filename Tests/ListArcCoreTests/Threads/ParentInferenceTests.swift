import Foundation
import Testing
import TestSupport
@testable import ListArcCore

/// Nodes made from plain text with the Core quote analyser (no page reader involved).
private func node(_ id: String, subject: String, from: String, date: String, body: String, inReplyTo: String? = nil) -> ThreadNode {
    let a = QuoteAnalyzer.analyse(body)
    return ThreadNode(id: id, subject: subject, from: from, date: MailDate.parse(date), inReplyTo: inReplyTo, references: [],
                      lines: a.lines, attributions: a.attributions)
}

@Suite struct ParentInferenceTests {
    let root = node("root@x", subject: "[PATCH] frob the widget", from: "Ann Author <ann@example.org>", date: "Mon, 1 Aug 2022 10:00:00 +0000",
                    body: "This patch frobs the widget properly.\nIt also fixes the gadget handling path.\n")
    let first = node("r1@x", subject: "Re: [PATCH] frob the widget", from: "Bob Reviewer <bob@example.org>", date: "Mon, 1 Aug 2022 12:00:00 +0000",
                     body: "On Mon, Aug 1, 2022 at 10:00 AM Ann Author <ann@example.org> wrote:\n> This patch frobs the widget properly.\n\nWhy not use the gizmo instead here?\n")
    let second = node("r2@x", subject: "Re: [PATCH] frob the widget", from: "Ann Author <ann@example.org>", date: "Mon, 1 Aug 2022 13:00:00 +0000",
                      body: "* Bob Reviewer <bob@...mple.org> [220801 12:00]:\n> Why not use the gizmo instead here?\n\nThe gizmo is not available on all boards.\n")

    @Test func quotedTextPicksTheQuotedMessageNotTheRoot() throws {
        let all = [root, first, second]
        #expect(ParentInference.parent(of: first, among: all)?.parent == "root@x")
        #expect(ParentInference.parent(of: second, among: all)?.parent == "r1@x")
    }

    @Test func subjectAloneFallsBackToTheOriginal() {
        let bare = node("r3@x", subject: "Re: [PATCH] frob the widget", from: "Carl <c@example.org>", date: "Tue, 2 Aug 2022 09:00:00 +0000", body: "Applied, thanks.\n")
        #expect(ParentInference.parent(of: bare, among: [root, first, second, bare])?.parent == "root@x")
    }

    @Test func laterMessagesAndStrangersAreNotParents() {
        let early = node("r0@x", subject: "Re: something else", from: "Dan <d@example.org>", date: "Mon, 1 Aug 2022 09:00:00 +0000",
                         body: "> Why not use the gizmo instead here?\n\nno\n")
        // r1 is dated after r0: never its parent even though r0 quotes r1's words.
        #expect(ParentInference.parent(of: early, among: [root, first]) == nil)
        let unrelated = node("u@x", subject: "Other topic", from: "Eve <e@example.org>", date: "Tue, 2 Aug 2022 09:00:00 +0000", body: "Hello list.\n")
        #expect(ParentInference.parent(of: unrelated, among: [root, first, second]) == nil)
    }

    @Test func aMentionedMessageIDIsEvidence() {
        let note = node("n@x", subject: "follow-up", from: "Fay <f@example.org>", date: "Tue, 2 Aug 2022 09:00:00 +0000",
                        body: "This answers\n<r1@...mple.org> only.\n")
        let withDomain = node("r1@example.org", subject: "x", from: "Bob <b@example.org>", date: "Mon, 1 Aug 2022 12:00:00 +0000", body: "text\n")
        // "r1" is too short to be a Message-ID mention; a real one has digits and length.
        #expect(ParentInference.parent(of: note, among: [withDomain]) == nil)
        let note2 = node("n2@x", subject: "follow-up", from: "Fay <f@example.org>", date: "Tue, 2 Aug 2022 09:00:00 +0000",
                         body: "It replies to\n<20220801120000.abcdef@...mple.org> only.\n")
        let target = node("20220801120000.abcdef@example.org", subject: "x", from: "Bob <b@example.org>", date: "Mon, 1 Aug 2022 12:00:00 +0000", body: "text\n")
        #expect(ParentInference.parent(of: note2, among: [target])?.parent == "20220801120000.abcdef@example.org")
    }

    @Test func linkerKeepsDeclaredParentsAndNeverMakesCycles() {
        let a = node("a@x", subject: "Re: t", from: "A <a@e.org>", date: "Mon, 1 Aug 2022 10:00:00 +0000", body: "> second line of b text\nfirst line of a text\n", inReplyTo: nil)
        let b = node("b@x", subject: "Re: t", from: "B <b@e.org>", date: "Mon, 1 Aug 2022 10:00:00 +0000", body: "> first line of a text\nsecond line of b text\n", inReplyTo: nil)
        let c = node("c@x", subject: "Re: t", from: "C <c@e.org>", date: "Mon, 1 Aug 2022 11:00:00 +0000", body: "hi\n", inReplyTo: "a@x")
        let links = ThreadLinker.link([a, b, c])
        #expect(links["c@x"] == ThreadLink(parent: "a@x", inferred: false))
        #expect(!(links["a@x"]?.parent == "b@x" && links["b@x"]?.parent == "a@x"))
        #expect(links["a@x"]?.inferred == true || links["b@x"]?.inferred == true)
    }
}

@Suite struct ThreadTreeTests {
    @Test func depthFirstByDateWithGhostParentsAsRoots() {
        let items: [(id: String, date: Int64?, link: ThreadLink)] = [
            ("c", 30, ThreadLink(parent: "a", inferred: true)),
            ("a", 10, ThreadLink(parent: "cover@ghost", inferred: false)),
            ("b", 20, ThreadLink(parent: "a", inferred: false)),
            ("d", 40, ThreadLink(parent: "b", inferred: false)),
            ("x", 5, ThreadLink(parent: "y", inferred: false)),
            ("y", 6, ThreadLink(parent: "x", inferred: false)),
        ]
        let tree = ThreadTree(items)
        #expect(tree.entries.map(\.id) == ["a", "b", "d", "c", "x", "y"])
        #expect(tree.entries.map(\.depth) == [0, 1, 2, 1, 0, 0])
        #expect(tree.entries.first { $0.id == "c" }?.isLastChild == true)
        #expect(tree.entries.first { $0.id == "b" }?.isLastChild == false)
    }
}
