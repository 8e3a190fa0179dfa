import Foundation

/// Runs programs (git, mostly) for the tests, isolated from the user's git config.
public enum Command {
    /// Runs `args` (looked up on PATH) in `dir`; returns the exit status and standard
    /// output, with standard error merged into it unless `mergingStandardError` is false.
    @discardableResult
    public static func run(_ args: [String], in dir: URL, stdin: String? = nil, environment: [String: String] = [:],
                           mergingStandardError: Bool = true) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = dir.path
        env["GIT_COMMITTER_NAME"] = "Test"
        env["GIT_COMMITTER_EMAIL"] = "test@example.com"
        env["LC_ALL"] = "C"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = mergingStandardError ? out : FileHandle.nullDevice
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A new empty folder under the temporary directory.
    public static func scratchDirectory(_ prefix: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
