import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A test server on 127.0.0.1 run as a child process (Tests/Servers/*), stopped by
/// `stop()` (or when the value is deinitialised). Tests never talk to anything else.
public final class LoopbackServer: @unchecked Sendable {
    public let port: Int
    public let workDir: URL?
    private let process: Process

    public var base: String { "http://127.0.0.1:\(port)" }
    public func url(_ path: String) -> String { base + path }

    private let logFile: URL?

    private init(process: Process, port: Int, workDir: URL?, logFile: URL? = nil) {
        self.logFile = logFile
        self.process = process
        self.port = port
        self.workDir = workDir
    }

    deinit { stop() }

    public func stop() {
        if process.isRunning {
            // SIGKILL: children inherit the test runner's blocked-signal mask, so
            // SIGTERM may never arrive, and the servers keep nothing worth a clean
            // exit. Not waitUntilExit(): under the test runner it can hang.
            kill(process.processIdentifier, SIGKILL)
            for _ in 0..<5 where process.isRunning { usleep(20_000) }
        }
        if let workDir { try? FileManager.default.removeItem(at: workDir) }
        if let logFile { try? FileManager.default.removeItem(at: logFile) }
    }

    /// Tests/Servers/fault-server.py: static files under `root` plus fault rules
    /// (`PATH=MODE`, see the script).
    /// With `tls`, it serves HTTPS with a fresh self-signed certificate (`base` still says http).
    public static func faultServer(root: URL? = nil, rules: [String] = [], tls: Bool = false) throws -> LoopbackServer {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-fault-\(UUID().uuidString).log")
        var args = [Paths.root.appendingPathComponent("Tests/Servers/fault-server.py").path, "--log", log.path]
        var workDir: URL?
        if tls {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            args += ["--tls", dir.path]
            workDir = dir
        }
        if let root { args += ["--root", root.path] }
        for r in rules { args += ["--rule", r] }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        // The script prints "port N" once it listens.
        let line = readLine(out.fileHandleForReading)
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            p.terminate()
            throw ServerError("fault server did not start: \(line)")
        }
        return LoopbackServer(process: p, port: port, workDir: workDir, logFile: log)
    }

    /// `python3 -m http.server --bind 127.0.0.1` over `root`.
    public static func staticServer(root: URL) throws -> LoopbackServer {
        let port = try freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", root.path, String(port)]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let server = LoopbackServer(process: p, port: port, workDir: nil)
        try server.waitUntilListening(seconds: 20)
        return server
    }

    /// Tests/Servers/public-inbox.sh: a v2 inbox made from `mbox`, indexed and served
    /// by public-inbox-httpd. Lists are served under `/LIST/`.
    public static func publicInbox(mbox: URL, list: String = "linux-mm") throws -> LoopbackServer {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-pi-\(UUID().uuidString)")
        let port = try freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [Paths.root.appendingPathComponent("Tests/Servers/public-inbox.sh").path, dir.path, mbox.path, String(port), list]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let server = LoopbackServer(process: p, port: port, workDir: dir)
        try server.waitUntilListening(seconds: 120)
        return server
    }

    private func waitUntilListening(seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !process.isRunning { throw ServerError("server exited with status \(process.terminationStatus)") }
            if Self.canConnect(port) { return }
            usleep(100_000)
        }
        stop()
        throw ServerError("server on port \(port) did not start within \(Int(seconds)) s")
    }

    private static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while bytes.count < 200 {
            let d = handle.readData(ofLength: 1)
            guard let b = d.first else { break }
            if b == 0x0A { break }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A port nobody listens on right now (bind to 0, read it, close).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw ServerError("bind failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    private static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// The fault server's request log, one entry per request (path, status,
    /// user_agent, if_none_match, if_modified_since, time).
    public func requestLog() -> [[String: Any]] {
        guard let logFile, let data = try? Data(contentsOf: logFile) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
