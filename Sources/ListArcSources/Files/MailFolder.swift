import Foundation
import ListArcCore

/// A path the user gave → the files to read: the file itself; for a folder, every
/// file below it (maildirs read from `cur/` and `new/`, never `tmp/`), skipping
/// hidden files and folders, editor backups and `*.tmp`; sorted by path so that
/// every run reads in the same order. Symlinked folders are followed once.
public enum MailFolder {
    public static func files(at url: URL) throws -> [URL] {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path, "no such file or directory")
        }
        guard isDirectory.boolValue else { return [url] }
        var found: [URL] = []
        var visited: Set<String> = []
        try collect(url, into: &found, visited: &visited, depth: 0)
        return found.sorted { $0.path < $1.path }
    }

    /// A maildir: a folder with `cur` and `new` subfolders.
    public static func isMaildir(_ url: URL) -> Bool {
        isFolder(url.appendingPathComponent("cur")) && isFolder(url.appendingPathComponent("new"))
    }

    private static func collect(_ folder: URL, into found: inout [URL], visited: inout Set<String>, depth: Int) throws {
        let real = folder.resolvingSymlinksInPath().path
        guard depth < 64, visited.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw InputError(folder.path, "cannot list folder: \(error.localizedDescription)")
        }
        let maildir = isMaildir(folder)
        for name in names.sorted() where !skipped(name) {
            if maildir && name == "tmp" { continue }
            let child = folder.appendingPathComponent(name)
            if isFolder(child) {
                try collect(child, into: &found, visited: &visited, depth: depth + 1)
            } else if FileManager.default.isReadableFile(atPath: child.path) {
                found.append(child)
            }
        }
    }

    private static func skipped(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".tmp") || name.hasSuffix(".swp")
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
