import CLibXML2
import Foundation
import ListArcCore

/// A link in a page: `href` as written (entities decoded), its text, and where it sits.
struct ScannedAnchor: Sendable {
    var href: String
    var text: String
    var id: String?
    var rel: String?
    /// Inside an `<li>` (blists index pages list their messages that way).
    var inListItem: Bool
}

/// A link inside a `<pre>`: offsets are into the pre's text bytes.
struct PreAnchor: Sendable {
    var href: String?
    var id: String?
    var rel: String?
    var start: Int
    var end: Int
}

/// One `<pre>` element: its decoded text (UTF-8 bytes) and the spans the readers need.
struct PreBlock: Sendable {
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
struct ScannedPage: Sendable {
    var title: String = ""
    var anchors: [ScannedAnchor] = []
    var pres: [PreBlock] = []
}

enum HTMLScan {
    /// XML_PARSE_HUGE: without it libxml2 silently cuts text nodes at 10 MB
    /// (a big patch mail on one page); the parse stays linear either way.
    static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)

    /// Parses `html` with libxml2 and walks the tree once.
    static func scan(_ html: [UInt8], name: String) throws -> ScannedPage {
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
        var walker = Walker()
        walker.walk(doc)
        return walker.page
    }

    /// libxml2 wants its globals set up once before threads parse concurrently.
    private static let initialised: Void = xmlInitParser()

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

// MARK: - the walk

private struct Walker {
    var page = ScannedPage()

    private var preNode: xmlNodePtr?
    private var pre = PreBlock()
    private var titleNode: xmlNodePtr?
    private var titleBytes: [UInt8] = []
    private var anchorNode: xmlNodePtr?
    private var anchorBytes: [UInt8] = []
    private var anchorInPre = false
    private var boldNode: xmlNodePtr?
    private var boldStart = 0
    private var markerNode: xmlNodePtr?
    private var markerStart = 0
    private var listItemDepth = 0

    mutating func walk(_ doc: htmlDocPtr) {
        var next: xmlNodePtr? = doc.pointee.children
        let top = UnsafeMutableRawPointer(doc)
        while let node = next {
            enter(node)
            if node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
                next = child
                continue
            }
            // No children: leave this node and climb until a sibling is found.
            var current = node
            next = nil
            while true {
                leave(current)
                if let sibling = current.pointee.next { next = sibling; break }
                guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != top else { break }
                current = parent
            }
        }
    }

    private mutating func enter(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return }
            let bytes = UnsafeBufferPointer(start: content, count: strlen(content))
            if preNode != nil { pre.text.append(contentsOf: bytes) }
            if titleNode != nil { titleBytes.append(contentsOf: bytes) }
            if anchorNode != nil, !anchorInPre { anchorBytes.append(contentsOf: bytes) }
        case XML_ELEMENT_NODE:
            guard let name = node.pointee.name else { return }
            enterElement(node, name)
        default:
            return
        }
    }

    private mutating func enterElement(_ node: xmlNodePtr, _ name: UnsafePointer<xmlChar>) {
        if isName(name, "pre") {
            if preNode == nil {
                preNode = node
                pre = PreBlock(id: attribute(node, "id"), style: attribute(node, "style"), inListItem: listItemDepth > 0)
            }
        } else if isName(name, "a") {
            guard anchorNode == nil else { return }
            anchorNode = node
            if preNode != nil {
                anchorInPre = true
                pre.anchors.append(PreAnchor(href: attribute(node, "href"), id: attribute(node, "id"), rel: attribute(node, "rel"), start: pre.text.count, end: pre.text.count))
            } else {
                anchorInPre = false
                anchorBytes.removeAll(keepingCapacity: true)
            }
        } else if isName(name, "b") {
            if preNode != nil, boldNode == nil { boldNode = node; boldStart = pre.text.count }
        } else if isName(name, "span") {
            if preNode != nil, markerNode == nil, let style = attribute(node, "style"), style.contains("font-family") {
                markerNode = node
                markerStart = pre.text.count
            }
        } else if isName(name, "li") {
            listItemDepth += 1
        } else if isName(name, "title") {
            if titleNode == nil, page.title.isEmpty { titleNode = node }
        }
    }

    private mutating func leave(_ node: xmlNodePtr) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        if node == anchorNode {
            anchorNode = nil
            if anchorInPre {
                if !pre.anchors.isEmpty { pre.anchors[pre.anchors.count - 1].end = pre.text.count }
            } else if let href = attribute(node, "href") {
                page.anchors.append(ScannedAnchor(href: href, text: String(decoding: anchorBytes, as: UTF8.self),
                                                  id: attribute(node, "id"), rel: attribute(node, "rel"),
                                                  inListItem: listItemDepth > 0))
            }
        } else if node == boldNode {
            boldNode = nil
            pre.bolds.append(boldStart..<pre.text.count)
        } else if node == markerNode {
            markerNode = nil
            pre.markers.append(markerStart..<pre.text.count)
        } else if node == preNode {
            preNode = nil
            page.pres.append(pre)
            pre = PreBlock()
        } else if node == titleNode {
            titleNode = nil
            page.title = String(decoding: titleBytes, as: UTF8.self)
        } else if let name = node.pointee.name, isName(name, "li") {
            listItemDepth = max(0, listItemDepth - 1)
        }
    }
}

/// Case-insensitive compare of a libxml2 element name with an ASCII name
/// (libxml2's HTML parser lower-cases names already; this stays cheap either way).
private func isName(_ name: UnsafePointer<xmlChar>, _ expected: StaticString) -> Bool {
    let want = expected.utf8Start
    var i = 0
    while i < expected.utf8CodeUnitCount {
        let c = name[i]
        if c == 0 || (c | 0x20) != want[i] { return false }
        i += 1
    }
    return name[i] == 0
}

/// An attribute's value without allocating through libxml2 (the value is the
/// text children of the attribute node).
private func attribute(_ node: xmlNodePtr, _ wanted: StaticString) -> String? {
    var attr = node.pointee.properties
    while let a = attr {
        if let name = a.pointee.name, isName(name, wanted) {
            // Nearly always one text child: take it as is (short values stay inline).
            if let only = a.pointee.children, only.pointee.next == nil {
                guard let content = only.pointee.content else { return "" }
                return String(decoding: UnsafeBufferPointer(start: content, count: strlen(content)), as: UTF8.self)
            }
            var bytes: [UInt8] = []
            var child = a.pointee.children
            while let c = child {
                if let content = c.pointee.content {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
                child = c.pointee.next
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        attr = a.pointee.next
    }
    return nil
}
