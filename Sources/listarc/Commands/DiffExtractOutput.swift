import Foundation
import ListArcCore

/// Reading the input and writing what `diff extract` produces, safely: output
/// files are created exclusively (never through a symlink, never over an existing
/// file unless --force), and per-patch names cannot leave the output folder.
enum DiffExtractOutput {
    /// Largest input read (a hostile archive must not exhaust memory).
    static let maxInputBytes = 512 << 20

    static func read(_ input: String) throws -> [UInt8] {
        if input == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if data.count > maxInputBytes { throw InputError("-", "input larger than \(maxInputBytes >> 20) MB") }
            return [UInt8](data)
        }
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            throw InputError(input, "URLs are not read by diff extract; fetch the page first (listarc fetch) or save it to a file")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else { throw InputError(input, "no such file") }
        if isDir.boolValue { throw InputError(input, "is a folder, not a page, mail or mbox file") }
        guard let handle = FileHandle(forReadingAtPath: input) else { throw InputError(input, "cannot be read") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxInputBytes + 1)) ?? Data()
        if data.count > maxInputBytes { throw InputError(input, "larger than \(maxInputBytes >> 20) MB") }
        return [UInt8](data)
    }

    /// Message text for the terminal: control characters (escape sequences, CR,
    /// C1 controls) shown as `?`, so a mail cannot drive the user's terminal.
    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            out.append(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) ? "?" : s)
        }
        return String(out)
    }

    static func render(_ patches: [Patch], format: PatchFormat) -> String {
        switch format {
        case .diff: return patches.map(\.diffText).joined()
        case .mbox: return patches.map(\.mailText).joined()
        case .json: return json(patches)
        }
    }

    static func json(_ patches: [Patch]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(PatchJSON(patches))) ?? Data("{\"diffs\":[]}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func suffix(_ format: PatchFormat) -> String {
        switch format {
        case .diff: return ".diff"
        case .mbox: return ".patch"
        case .json: return ".json"
        }
    }

    /// One file per patch in `dir` (created when missing). All names are checked
    /// before anything is written, so a refusal leaves the folder untouched.
    static func writeFiles(_ patches: [Patch], format: PatchFormat, dir: String, force: Bool) throws {
        let folder = URL(fileURLWithPath: dir).standardizedFileURL
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        catch { throw InputError(dir, "cannot create the output folder") }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(dir, "not a folder")
        }
        let planned = patches.enumerated().map { n, patch in
            (folder.appendingPathComponent(PatchFileName.make(number: n + 1, subject: patch.subject, suffix: suffix(format))), patch)
        }
        for (url, _) in planned {
            // Names are made of [A-Za-z0-9._-] only; this is the belt to those braces.
            guard url.deletingLastPathComponent().standardizedFileURL.path == folder.path else {
                throw InputError(url.lastPathComponent, "output name would leave \(dir)")
            }
            if !force, exists(url.path) { throw InputError(url.path, "already exists (use --force to overwrite)") }
        }
        for (url, patch) in planned {
            try write(render([patch], format: format), to: url.path, force: force)
            FileHandle.standardOutput.write(Data((url.path + "\n").utf8))
        }
    }

    /// True when something (even a dangling symlink) is at the path.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Writes a file without following a symlink at its name; refuses to replace an
    /// existing file unless `force`.
    static func write(_ text: String, to path: String, force: Bool) throws {
        var flags = O_WRONLY | O_CREAT | O_NOFOLLOW
        flags |= force ? O_TRUNC : O_EXCL
        let fd = open(path, flags, 0o644)
        if fd < 0 {
            let code = errno
            if code == EEXIST { throw InputError(path, "already exists (use --force to overwrite)") }
            if code == ELOOP { throw InputError(path, "is a symbolic link; not written") }
            throw InputError(path, "cannot be written: \(String(cString: strerror(code)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: Data(text.utf8)) } catch { throw InputError(path, "cannot be written: \(error.localizedDescription)") }
    }
}
