import Foundation
import TestSupport

/// A temporary archive path for one CLI test, and helpers to look inside it.
struct TempArchive {
    let folder: URL
    var path: String { folder.appendingPathComponent("deep/archive.sqlite").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-cli-\(UUID().uuidString)")
    }

    /// `listarc stats --json` of this archive, decoded.
    func stats() throws -> [String: Int] {
        let r = try CLI.run(["stats", "--json", "--db", path])
        guard r.status == 0, let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Int] else {
            throw TestFailure("stats failed: \(r.status) \(r.stderr)")
        }
        return object
    }

    /// Runs the sqlite3 shell (installed with libsqlite3) on the archive.
    func sql(_ query: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, query]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum Corpus {
    static let kernelPatches = Paths.shared.appendingPathComponent("corpus/kernel-patches.mbox.gz")
    static let messageCount = 2076
    static var available: Bool { FileManager.default.fileExists(atPath: kernelPatches.path) }
}
