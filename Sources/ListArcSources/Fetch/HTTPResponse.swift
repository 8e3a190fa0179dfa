import Foundation

/// A complete response: the final URL after redirects, the status, the headers
/// (names lower-cased) and the body. A 304 comes back as the cached 200 with
/// `notModified` set.
public struct HTTPResponse: Sendable {
    public var url: URL
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    /// True when the server answered 304 and `body` is the cached copy.
    public var notModified: Bool

    public init(url: URL, status: Int, headers: [String: String], body: [UInt8], notModified: Bool = false) {
        self.url = url
        self.status = status
        self.headers = headers
        self.body = body
        self.notModified = notModified
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
