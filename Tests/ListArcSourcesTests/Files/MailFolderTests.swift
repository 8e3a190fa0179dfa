import Foundation
import Testing
import ListArcCore
@testable import ListArcSources

@Suite struct MailFolderTests {
    func makeTree(_ files: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-folder-\(UUID().uuidString)")
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Subject: \(file)\n\nx\n".utf8).write(to: url)
        }
        return root
    }

    @Test func maildirReadsCurAndNewNotTmp() throws {
        let root = try makeTree(["cur/2:2,S", "cur/1:2,S", "new/3", "tmp/4", ".hidden", "cur/.x"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(MailFolder.isMaildir(root))
        let names = try MailFolder.files(at: root).map { $0.path.replacingOccurrences(of: root.path + "/", with: "") }
        #expect(names == ["cur/1:2,S", "cur/2:2,S", "new/3"])
    }

    @Test func foldersRecursivelyInPathOrder() throws {
        let root = try makeTree(["b/x.eml", "a/deep/y.mbox", "a/z.eml", "a/z.eml~", ".git/config", "c/.hidden/w", "tmp/keep.eml", "d.tmp"])
        defer { try? FileManager.default.removeItem(at: root) }
        let names = try MailFolder.files(at: root).map { $0.path.replacingOccurrences(of: root.path + "/", with: "") }
        #expect(names == ["a/deep/y.mbox", "a/z.eml", "b/x.eml", "tmp/keep.eml"])
    }

    @Test func aFileIsItself() throws {
        let root = try makeTree(["one.eml"])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("one.eml")
        #expect(try MailFolder.files(at: file) == [file])
    }

    @Test func missingPathIsAnError() {
        let error = #expect(throws: InputError.self) { try MailFolder.files(at: URL(fileURLWithPath: "/nonexistent/listarc")) }
        #expect(error?.input == "/nonexistent/listarc")
    }

    @Test func symlinkLoopsEndOnce() throws {
        let root = try makeTree(["a/m.eml"])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("a/loop"), withDestinationURL: root)
        let files = try MailFolder.files(at: root)
        #expect(files.count == 1)
    }
}
