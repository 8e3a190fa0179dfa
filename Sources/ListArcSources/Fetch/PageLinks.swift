import Foundation

/// The links a crawler follows, read from an archive page: blists navigation
/// (`[<thread-prev]`, `[thread-next>]`) and public-inbox `raw` / `t.mbox.gz` links.
/// Only anchors are looked at (a linear scan of `<a …href…>text</a>`), so pages
/// the full readers reject can still be walked.
public struct PageLinks: Sendable, Equatable {
    public enum Site: Sendable, Equatable { case openwall, publicInbox, unknown }

    public var site: Site
    /// openwall: the thread neighbours of this message page.
    public var threadPrev: URL?
    public var threadNext: URL?
    /// public-inbox: the whole thread as gzipped mboxrd.
    public var threadMbox: URL?
    /// public-inbox: `raw` links (one on a message page, one per message on /T/).
    public var raw: [URL]
    /// public-inbox: the flat thread page.
    public var threadPage: URL?

    public init(site: Site, threadPrev: URL? = nil, threadNext: URL? = nil, threadMbox: URL? = nil, raw: [URL] = [], threadPage: URL? = nil) {
        self.site = site
        self.threadPrev = threadPrev
        self.threadNext = threadNext
        self.threadMbox = threadMbox
        self.raw = raw
        self.threadPage = threadPage
    }

    /// Reads the links of `html` served at `url`. Detection is by content: a blists
    /// message page has the `[day]` navigation link; a public-inbox page links
    /// `t.mbox.gz` and `raw`.
    public static func read(html: [UInt8], url: URL) -> PageLinks {
        var links = PageLinks(site: .unknown)
        var hasDay = false
        var seenRaw = Set<String>()
        for anchor in Anchor.all(in: html) {
            guard let target = URL(string: anchor.href, relativeTo: url)?.absoluteURL else { continue }
            switch anchor.text {
            case "[<thread-prev]": links.threadPrev = target
            case "[thread-next>]": links.threadNext = target
            case "[day]": hasDay = true
            default: break
            }
            let path = target.path
            let noFragment = Self.withoutFragment(target)
            if path.hasSuffix("/t.mbox.gz"), links.threadMbox == nil {
                links.threadMbox = noFragment
            } else if path.hasSuffix("/raw"), target.fragment == nil, seenRaw.insert(noFragment.absoluteString).inserted {
                links.raw.append(noFragment)
            } else if path.hasSuffix("/T"), links.threadPage == nil, anchor.href.hasPrefix("T/") {
                links.threadPage = noFragment
            }
        }
        if hasDay {
            links.site = .openwall
        } else if links.threadMbox != nil || !links.raw.isEmpty {
            links.site = .publicInbox
        }
        if links.site != .openwall { links.threadPrev = nil; links.threadNext = nil }
        return links
    }

    private static func withoutFragment(_ url: URL) -> URL {
        guard url.fragment != nil, var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        c.fragment = nil
        return c.url ?? url
    }
}

/// `<a href=…>text</a>` in HTML bytes: href (quoted or bare, entities decoded) and the
/// anchor's text with tags dropped and entities decoded.
struct Anchor: Equatable {
    var href: String
    var text: String

    static func all(in html: [UInt8]) -> [Anchor] {
        var out: [Anchor] = []
        var i = 0
        let n = html.count
        while i + 2 < n {
            guard html[i] == UInt8(ascii: "<"), html[i + 1] | 0x20 == UInt8(ascii: "a"),
                  isSpace(html[i + 2]) else { i += 1; continue }
            // The tag runs to the next `>` outside quotes.
            var j = i + 2
            var quote: UInt8 = 0
            while j < n {
                let b = html[j]
                if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == UInt8(ascii: ">") { break }
                j += 1
            }
            guard j < n else { break }
            let href = attribute("href", in: html[(i + 2)..<j])
            // The text runs to `</a`.
            var k = j + 1
            var text: [UInt8] = []
            var inTag = false
            while k < n {
                let b = html[k]
                if b == UInt8(ascii: "<") {
                    if k + 2 < n, html[k + 1] == UInt8(ascii: "/"), html[k + 2] | 0x20 == UInt8(ascii: "a") { break }
                    inTag = true
                } else if b == UInt8(ascii: ">"), inTag {
                    inTag = false
                } else if !inTag {
                    text.append(b)
                }
                k += 1
            }
            if let href {
                out.append(Anchor(href: Entities.decode(href), text: Entities.decode(String(decoding: text, as: UTF8.self))))
            }
            i = k
        }
        return out
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// The value of attribute `name` inside a tag's bytes.
    private static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> String? {
        let key = Array(name.utf8)
        var i = tag.startIndex
        let end = tag.endIndex
        while i < end {
            guard isSpace(tag[i]) || i == tag.startIndex else { i += 1; continue }
            var s = i
            while s < end, isSpace(tag[s]) { s += 1 }
            guard s + key.count < end,
                  zip(tag[s..<(s + key.count)], key).allSatisfy({ $0 | 0x20 == $1 }) else { i = s + 1; continue }
            var v = s + key.count
            while v < end, isSpace(tag[v]) { v += 1 }
            guard v < end, tag[v] == UInt8(ascii: "=") else { i = s + 1; continue }
            v += 1
            while v < end, isSpace(tag[v]) { v += 1 }
            guard v < end else { return nil }
            if tag[v] == 0x22 || tag[v] == 0x27 {
                let q = tag[v]
                var e = v + 1
                while e < end, tag[e] != q { e += 1 }
                return String(decoding: tag[(v + 1)..<e], as: UTF8.self)
            }
            var e = v
            while e < end, !isSpace(tag[e]) { e += 1 }
            return String(decoding: tag[v..<e], as: UTF8.self)
        }
        return nil
    }
}

/// The HTML character references archive pages use in links and navigation.
enum Entities {
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                if let ch = character(String(name)) {
                    out.append(ch)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out.append("&")
            rest = after
        }
        out += rest
        return out
    }

    private static func character(_ name: String) -> Character? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
