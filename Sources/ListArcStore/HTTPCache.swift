import Foundation
import GRDB

/// What a conditional request needs about a URL fetched before: the validators the
/// server sent and the body they validate (a 304 hands that body back).
public struct HTTPValidators: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    public var body: [UInt8]?
    public var fetchedAt: Date
    public init(etag: String?, lastModified: String?, contentType: String? = nil, body: [UInt8]? = nil, fetchedAt: Date = Date()) {
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.body = body
        self.fetchedAt = fetchedAt
    }
}

extension Archive {
    public func validators(for url: String) throws -> HTTPValidators? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT etag, last_modified, content_type, body, fetched_at FROM http_cache WHERE url = ?",
                                             arguments: [url]) else { return nil }
            let body: Data? = row["body"]
            return HTTPValidators(etag: row["etag"], lastModified: row["last_modified"], contentType: row["content_type"],
                                  body: body.map { [UInt8]($0) },
                                  fetchedAt: Date(timeIntervalSince1970: TimeInterval(row["fetched_at"] as Int64? ?? 0)))
        }
    }

    public func storeValidators(_ v: HTTPValidators, for url: String) throws {
        try writeTransaction { db in
            try db.execute(sql: """
                INSERT INTO http_cache (url, etag, last_modified, content_type, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    content_type = excluded.content_type, body = excluded.body, fetched_at = excluded.fetched_at
                """, arguments: [url, v.etag, v.lastModified, v.contentType, v.body.map { Data($0) }, Int64(v.fetchedAt.timeIntervalSince1970)])
        }
    }
}
