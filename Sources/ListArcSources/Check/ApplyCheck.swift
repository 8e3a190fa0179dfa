import Foundation
import ListArcCore

/// Whether a patch applies to a tree, per file and hunk, by asking
/// `git apply --check -v` (no index, no commit needed: works on any folder).
///
/// Each file section is checked alone; when one fails, each of its hunks is
/// checked alone against the pre-image (hunk line numbers are pre-image numbers, so
/// a hunk can be tried without the ones before it). Paths that leave the tree
/// (`../`, absolute) are refused by git because `--unsafe-paths` is never given.
public enum ApplyCheck {
    public struct HunkResult: Sendable, Hashable, Codable {
        public var header: String
        public var applies: Bool
        /// Line the hunk was found at, when git reports it (offset or fuzz).
        public var line: Int?
        public var offset: Int?
        public var fuzz: Int?
        public var error: String?
    }

    public struct FileResult: Sendable, Hashable, Codable {
        public var path: String
        public var applies: Bool
        public var error: String?
        public var hunks: [HunkResult]
    }

    /// Checks the files of one patch against `tree` (a folder).
    public static func check(_ files: [FileDiff], tree: String, git: String = "git") throws -> [FileResult] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: tree, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(tree, "not a folder")
        }
        let treeURL = URL(fileURLWithPath: tree).standardizedFileURL
        return try files.map { file in
            let whole = try run(Patch.diffText(of: [file]), in: treeURL, git: git)
            let path = displayPath(file)
            var hunks = file.hunks.enumerated().map { i, hunk in
                HunkResult(header: hunk.header, applies: whole.status == 0, line: whole.placements[i + 1]?.line,
                           offset: whole.placements[i + 1]?.offset, fuzz: whole.placements[i + 1]?.fuzz, error: nil)
            }
            if whole.status != 0 {
                if file.hunks.count <= 1 {
                    for i in hunks.indices { hunks[i].error = whole.errors.first }
                } else {
                    for (i, hunk) in file.hunks.enumerated() {
                        var single = file
                        single.hunks = [hunk]
                        let r = try run(Patch.diffText(of: [single]), in: treeURL, git: git)
                        hunks[i].applies = r.status == 0
                        hunks[i].line = r.placements[1]?.line
                        hunks[i].offset = r.placements[1]?.offset
                        hunks[i].fuzz = r.placements[1]?.fuzz
                        hunks[i].error = r.status == 0 ? nil : r.errors.first
                    }
                }
            }
            return FileResult(path: path, applies: whole.status == 0, error: whole.status == 0 ? nil : whole.errors.first, hunks: hunks)
        }
    }

    static func displayPath(_ file: FileDiff) -> String {
        let raw = file.newPath ?? file.oldPath ?? "?"
        guard file.flavor != .cvs, let slash = raw.firstIndex(of: "/") else { return raw }
        return String(raw[raw.index(after: slash)...])
    }

    struct Placement { var line: Int; var offset: Int?; var fuzz: Int? }
    struct Outcome { var status: Int32; var placements: [Int: Placement]; var errors: [String] }

    static func run(_ patch: String, in tree: URL, git: String) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [git, "apply", "--check", "-v", "-"]
        p.currentDirectoryURL = tree
        var env = ProcessInfo.processInfo.environment
        // Never use a repository above the tree: git apply would then take paths
        // relative to that repository's top and skip the ones outside the folder.
        env["GIT_CEILING_DIRECTORIES"] = tree.deletingLastPathComponent().path
        env["LC_ALL"] = "C"
        p.environment = env
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = output
        do { try p.run() } catch { throw InputError(git, "cannot run git: \(error.localizedDescription)") }
        // Write on another thread so a large patch cannot deadlock against git's output.
        let data = Data(patch.utf8)
        let writer = input.fileHandleForWriting
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            writer.write(data)
            try? writer.close()
            done.signal()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        p.waitUntilExit()
        return parse(String(decoding: out, as: UTF8.self), status: p.terminationStatus)
    }

    /// `Hunk #2 succeeded at 250 (offset 4 lines).`, `… with fuzz 1.`, `error: …`.
    static func parse(_ text: String, status: Int32) -> Outcome {
        var placements: [Int: Placement] = [:]
        var errors: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("error: ") { errors.append(String(line.dropFirst(7))); continue }
            guard line.hasPrefix("Hunk #") else { continue }
            let words = line.dropFirst(6).split(separator: " ")
            guard words.count >= 4, let n = Int(words[0]), words[1] == "succeeded", let at = Int(words[3]) else { continue }
            var placement = Placement(line: at)
            if let i = words.firstIndex(of: "(offset"), i + 1 < words.count { placement.offset = Int(words[i + 1]) }
            if let i = words.firstIndex(of: "fuzz"), i + 1 < words.count { placement.fuzz = Int(words[i + 1].filter(\.isNumber)) }
            placements[n] = placement
        }
        return Outcome(status: status, placements: placements, errors: errors)
    }
}
