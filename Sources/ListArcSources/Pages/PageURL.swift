import Foundation

/// Links on archive pages are relative; the fetcher wants absolute URLs.
enum PageURL {
    /// `href` resolved against the page URL, or `href` itself without a base
    /// (or when Foundation cannot parse it).
    static func resolve(_ href: String, against base: URL?) -> String {
        guard let base else { return href }
        if let url = URL(string: href, relativeTo: base) { return url.absoluteString }
        let escaped = href.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(CharacterSet(charactersIn: "#")))
        if let escaped, let url = URL(string: escaped, relativeTo: base) { return url.absoluteString }
        return href
    }

    /// The Message-ID in a public-inbox link `../../MSGID/` (or `MSGID/raw`, `../MSGID/`):
    /// the last non-empty path segment that is not a known suffix, percent-decoded.
    static func messageID(fromPublicInboxHref href: String) -> String? {
        var path = Substring(href)
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        let segments = path.split(separator: "/").filter { $0 != ".." && $0 != "." }
        guard var last = segments.last else { return nil }
        if ["raw", "T", "t", "t.mbox.gz", "t.atom"].contains(last) {
            guard segments.count >= 2 else { return nil }
            last = segments[segments.count - 2]
        }
        let id = String(last).removingPercentEncoding ?? String(last)
        return id.isEmpty ? nil : id
    }
}
