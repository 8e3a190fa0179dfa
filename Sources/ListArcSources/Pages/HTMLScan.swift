import CLibXML2
import Foundation
import ListArcCore

/// A link in a page: `href` as written (entities decoded), its text, and where it sits.
struct ScannedAnchor: Sendable, Equatable {
    var href: String
    var text: String
    var id: String?
    var rel: String?
    /// Inside an `<li>` (blists index pages list their messages that way).
    var inListItem: Bool
}

/// A link inside a `<pre>`: offsets are into the pre's text bytes.
struct PreAnchor: Sendable, Equatable {
    var href: String?
    var id: String?
    var rel: String?
    var start: Int
    var end: Int
}

/// One `<pre>` element: its decoded text (UTF-8 bytes) and the spans the readers need.
struct PreBlock: Sendable, Equatable {
    var id: String?
    var style: String?
    /// Inside an `<li>` (public-inbox's nested thread view).
    var inListItem = false
    var text: [UInt8] = []
    var anchors: [PreAnchor] = []
    /// `<b>` runs (public-inbox thread pages put the subject and the current message in bold).
    var bolds: [Range<Int>] = []
    /// blists attachment markers: `<span style="font-family: times;">…</span>`.
    var markers: [Range<Int>] = []
}

/// What one pass over the parsed page collects. The walk is minimal on purpose:
/// the title, the links outside `<pre>`, and each `<pre>` with its text.
struct ScannedPage: Sendable, Equatable {
    var title: String = ""
    var anchors: [ScannedAnchor] = []
    var pres: [PreBlock] = []
}

enum HTMLScan {
    /// XML_PARSE_HUGE: without it libxml2 silently cuts text nodes at 10 MB
    /// (a big patch mail on one page); the parse stays linear either way.
    static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)

    /// Reads the page: archive generators' markup (blists, public-inbox) in one pass
    /// over the bytes (`StrictPageScan`), anything that scan cannot read exactly as
    /// libxml2 would through libxml2 itself.
    static func scan(_ html: [UInt8], name: String) throws -> ScannedPage {
        if !declaresNonUTF8Charset(html), let page = StrictPageScan.scan(html) { return page }
        return try scanWithLibXML2(html, name: name)
    }

    /// Parses `html` with libxml2 and walks the tree once.
    static func scanWithLibXML2(_ html: [UInt8], name: String) throws -> ScannedPage {
        guard html.count < Int(Int32.max) else { throw InputError(name, "page larger than 2 GB") }
        _ = initialised
        let encoding = declaresNonUTF8Charset(html) ? nil : "UTF-8"
        let doc: htmlDocPtr? = html.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, encoding, options)
            }
        }
        guard let doc else { throw InputError(name, "not a readable HTML page") }
        defer { xmlFreeDoc(doc) }
        var collector = PageCollector()
        LibXML2Walk.walk(doc, into: &collector)
        return collector.page
    }

    /// libxml2 wants its globals set up once before threads parse concurrently.
    static let initialised: Void = xmlInitParser()

    /// True when a `<meta charset=…>` in the head names something other than UTF-8;
    /// then libxml2 picks the encoding itself. Otherwise we insist on UTF-8
    /// (public-inbox pages declare nothing and libxml2 would assume Latin-1).
    static func declaresNonUTF8Charset(_ html: [UInt8]) -> Bool {
        let head = html.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard let at = ByteSearch.find(Array("charset=".utf8), in: head) else { return false }
        let value = head[(at + 8)...].drop { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0x20 }
        let name = String(decoding: value.prefix { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }, as: UTF8.self)
        return !(name.isEmpty || name == "utf-8" || name == "utf8" || name == "us-ascii")
    }
}
