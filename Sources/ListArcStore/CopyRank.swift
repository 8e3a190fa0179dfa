import Foundation
import ListArcCore

/// How good a copy of a message is; a better copy replaces a stored worse one.
/// Raw mail > public-inbox message page > openwall page (addresses obfuscated) >
/// thread-page fragment; obfuscation costs one step within an origin.
enum CopyRank {
    static func of(_ m: MailMessage) -> Int {
        let base: Int
        switch m.origin {
        case .rawMail: base = 8
        case .publicInboxPage: base = 6
        case .openwallPage: base = 4
        case .publicInboxThread: base = 2
        }
        return m.addressesObfuscated ? base - 1 : base
    }

    /// Fingerprint of everything stored about the copy.
    static func contentHash(_ m: MailMessage) -> String {
        var h = TextDigest()
        h.add(m.origin.rawValue)
        h.add(m.addressesObfuscated ? 1 : 0)
        if let raw = m.raw {
            // The parts are the parser's reading of the raw text (its version is
            // stored beside the hash): hashing them again would add nothing.
            h.add(raw)
            return h.hex
        }
        for f in m.headers { h.add(f.name); h.add(f.value) }
        for p in m.parts { h.add(p.contentType); h.add(p.filename ?? ""); h.add(p.isAttachment ? 1 : 0); h.add(p.text) }
        for a in m.otherAttachments { h.add(a) }
        return h.hex
    }
}

/// Which list a message belongs to: from the archive URL (`/LIST/…` on openwall and
/// public-inbox sites), else the List-Id header.
enum ListName {
    static func of(_ m: MailMessage) -> (host: String, name: String)? {
        if let url = m.sourceURL, let parsed = fromURL(url) { return parsed }
        if let listID = m.header("List-Id"), let id = MessageID.first(in: listID) ?? nonEmpty(listID) {
            return ("", id.lowercased())
        }
        return nil
    }

    static func fromURL(_ url: String) -> (host: String, name: String)? {
        guard let scheme = url.range(of: "://"), url.hasPrefix("http") else { return nil }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = rest[..<slash].lowercased()
        let first = rest[rest.index(after: slash)...].split(separator: "/").first.map(String.init)
        guard let name = first, !name.isEmpty, name != "all", !name.contains("@"), !name.contains("%40") else { return nil }
        return (host, name)
    }

    private static func nonEmpty(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }
}
