import Foundation
import TestSupport

/// What the fetch tests need around the binary: temporary archives, a look inside
/// them (python3's sqlite3, so this target needs no store code), the seed thread.
enum FetchFixture {
    /// The seed thread's Message-IDs, M1…M5.
    static let thread = [
        "20220720021727.17018-23-Liam.Howlett@oracle.com",
        "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com",
        "20220725140053.gk4ugsxxhgabzg44@revolver",
        "20220725184940.yzgz2m25sbfj5zjj@revolver",
        "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com",
    ]
    /// The synthetic filler blists chained after M5 (openwall 2022/07/25/7).
    static let filler7 = "listarc-filler-7@example.invalid"
    /// The openwall pages of the thread, in chain order.
    static let openwallPages = ["2022/07/20/3", "2022/07/23/2", "2022/07/25/3", "2022/07/25/5", "2022/07/25/6", "2022/07/25/7"]
    static let openwallRoot = Paths.sample("openwall/lists.openwall.net")
    static let loreRoot = Paths.sample("lore/lore.kernel.org")

    static func temporaryDB() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("listarc-fetch-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ db: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    }

    /// Rows of `sql` on the archive at `db`, each column as text.
    static func query(_ db: String, _ sql: String) throws -> [[String]] {
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(json.dumps([[None if v is None else str(v) for v in row] for row in db.execute(sys.argv[2])]))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, db, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let rows = try JSONSerialization.jsonObject(with: data) as? [[Any]] ?? []
        return rows.map { $0.map { $0 as? String ?? "" } }
    }

    static func messageIDs(_ db: String) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: db) else { return [] }
        return Set(try query(db, "SELECT message_id FROM messages").compactMap(\.first))
    }

    static func integrity(_ db: String) throws -> String {
        try query(db, "PRAGMA integrity_check").first?.first ?? ""
    }

    /// Body of each seed mail (the .eml text after the header block), by Message-ID.
    static func seedBodies() throws -> [String: String] {
        var bodies: [String: String] = [:]
        for (i, id) in thread.enumerated() {
            let text = try Paths.text(Paths.sample("seed-thread/M\(i + 1).eml"))
            guard let split = text.range(of: "\n\n") else { continue }
            bodies[id] = String(text[split.upperBound...])
        }
        return bodies
    }

    /// The last stderr line: the error a failed fetch reports (progress comes before it).
    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }
}
