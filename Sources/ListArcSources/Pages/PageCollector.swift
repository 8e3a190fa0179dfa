/// The elements a page reader looks at; every other element only passes its text on.
enum PageTag: Sendable {
    case pre, a, b, span, li, title, other
}

/// Builds a `ScannedPage` from the page's elements and text in document order, as
/// either reader produces them (libxml2's tree walk, or the strict one-pass scan):
/// the title, the links outside `<pre>`, and each `<pre>` with its text and spans.
/// Elements are told apart by an id unique among the open ones.
struct PageCollector {
    var page = ScannedPage()

    private var preNode: Int?
    private var pre = PreBlock()
    private var titleNode: Int?
    private var titleBytes: [UInt8] = []
    private var anchorNode: Int?
    private var anchorBytes: [UInt8] = []
    private var anchorInPre = false
    private var anchorHref: String?
    private var anchorID: String?
    private var anchorRel: String?
    private var boldNode: Int?
    private var boldStart = 0
    private var markerNode: Int?
    private var markerStart = 0
    private var listItemDepth = 0

    /// Whether text here lands anywhere (the scan skips decoding text that does not).
    var wantsText: Bool { preNode != nil || titleNode != nil || (anchorNode != nil && !anchorInPre) }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if preNode != nil { pre.text.append(contentsOf: bytes) }
        if titleNode != nil { titleBytes.append(contentsOf: bytes) }
        if anchorNode != nil, !anchorInPre { anchorBytes.append(contentsOf: bytes) }
    }

    mutating func text(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { text($0) }
    }

    /// An element opens; `attribute` reads one of its attributes by (lower-case) name.
    mutating func enter(_ id: Int, _ tag: PageTag, attribute: (StaticString) -> String?) {
        switch tag {
        case .pre:
            if preNode == nil {
                preNode = id
                pre = PreBlock(id: attribute("id"), style: attribute("style"), inListItem: listItemDepth > 0)
            }
        case .a:
            guard anchorNode == nil else { return }
            anchorNode = id
            if preNode != nil {
                anchorInPre = true
                pre.anchors.append(PreAnchor(href: attribute("href"), id: attribute("id"), rel: attribute("rel"),
                                             start: pre.text.count, end: pre.text.count))
            } else {
                anchorInPre = false
                anchorBytes.removeAll(keepingCapacity: true)
                (anchorHref, anchorID, anchorRel) = (attribute("href"), attribute("id"), attribute("rel"))
            }
        case .b:
            if preNode != nil, boldNode == nil { boldNode = id; boldStart = pre.text.count }
        case .span:
            if preNode != nil, markerNode == nil, let style = attribute("style"), style.contains("font-family") {
                markerNode = id
                markerStart = pre.text.count
            }
        case .li:
            listItemDepth += 1
        case .title:
            if titleNode == nil, page.title.isEmpty { titleNode = id }
        case .other:
            return
        }
    }

    mutating func leave(_ id: Int, _ tag: PageTag) {
        if id == anchorNode {
            anchorNode = nil
            if anchorInPre {
                if !pre.anchors.isEmpty { pre.anchors[pre.anchors.count - 1].end = pre.text.count }
            } else if let href = anchorHref {
                page.anchors.append(ScannedAnchor(href: href, text: String(decoding: anchorBytes, as: UTF8.self),
                                                  id: anchorID, rel: anchorRel, inListItem: listItemDepth > 0))
            }
        } else if id == boldNode {
            boldNode = nil
            pre.bolds.append(boldStart..<pre.text.count)
        } else if id == markerNode {
            markerNode = nil
            pre.markers.append(markerStart..<pre.text.count)
        } else if id == preNode {
            preNode = nil
            page.pres.append(pre)
            pre = PreBlock()
        } else if id == titleNode {
            titleNode = nil
            page.title = String(decoding: titleBytes, as: UTF8.self)
        } else if tag == .li {
            listItemDepth = max(0, listItemDepth - 1)
        }
    }
}
