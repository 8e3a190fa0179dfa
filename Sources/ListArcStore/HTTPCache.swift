import Foundation
import GRDB

/// Validators of a fetched URL, for conditional requests (If-None-Match / If-Modified-Since).
public struct HTTPValidators: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?
    public var fetchedAt: Date
    public init(etag: String?, lastModified: String?, fetchedAt: Date = Date()) {
        self.etag = etag
        self.lastModified = lastModified
        self.fetchedAt = fetchedAt
    }
}

extension Archive {
    public func validators(for url: String) throws -> HTTPValidators? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT etag, last_modified, fetched_at FROM http_cache WHERE url = ?", arguments: [url]) else { return nil }
            return HTTPValidators(etag: row["etag"], lastModified: row["last_modified"],
                                  fetchedAt: Date(timeIntervalSince1970: TimeInterval(row["fetched_at"] as Int64? ?? 0)))
        }
    }

    public func storeValidators(_ v: HTTPValidators, for url: String) throws {
        try writeTransaction { db in
            try db.execute(sql: """
                INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at
                """, arguments: [url, v.etag, v.lastModified, Int64(v.fetchedAt.timeIntervalSince1970)])
        }
    }
}
