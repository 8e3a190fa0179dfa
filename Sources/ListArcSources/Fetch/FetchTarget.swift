import Foundation
import ListArcCore

/// What the user asked to fetch: a page URL or a bare Message-ID.
public enum FetchTarget: Sendable, Equatable {
    case url(URL)
    case messageID(String)

    /// Reads the command-line argument: a URL (http/https only), else a Message-ID.
    public static func parse(_ text: String) throws -> FetchTarget {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let scheme = trimmed.range(of: "://").map({ trimmed[..<$0.lowerBound] }), !scheme.isEmpty,
           scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) {
            return .url(try HTTPClient.checkedURL(trimmed))
        }
        if trimmed.lowercased().hasPrefix("mailto:") || trimmed.lowercased().hasPrefix("file:") {
            _ = try HTTPClient.checkedURL(trimmed)
        }
        if let id = MessageIDPath.bare(trimmed) { return .messageID(id) }
        throw InputError(text, "neither an http(s) URL nor a Message-ID")
    }
}

/// public-inbox URL shapes: `BASE/MSGID/`, `…/raw`, `…/T/`, `…/t/`, `…/t.mbox.gz`.
enum PublicInboxURL {
    /// The message URL (`BASE/MSGID/`) and Message-ID a public-inbox URL points at.
    static func message(of url: URL) -> (base: URL, messageID: String)? {
        guard var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        var parts = c.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let last = parts.last, ["raw", "T", "t", "t.mbox.gz", "t.atom"].contains(last) { parts.removeLast() }
        guard let escaped = parts.last, let id = escaped.removingPercentEncoding, id.contains("@") else { return nil }
        c.percentEncodedPath = "/" + parts.joined(separator: "/") + "/"
        c.query = nil
        c.fragment = nil
        guard let base = c.url else { return nil }
        return (base, id)
    }

    /// `BASE/ESCAPED-MSGID/` under a list (or `/all/`) base URL.
    static func message(_ messageID: String, under base: URL) -> URL {
        var text = base.absoluteString
        if !text.hasSuffix("/") { text += "/" }
        return URL(string: text + MessageIDPath.escape(messageID) + "/") ?? base
    }
}
