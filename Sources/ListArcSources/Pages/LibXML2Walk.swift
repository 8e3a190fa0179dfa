import CLibXML2
import Foundation

/// Walks a libxml2 tree in document order and tells a `PageCollector` what it meets.
enum LibXML2Walk {
    static func walk(_ doc: htmlDocPtr, into collector: inout PageCollector) {
        var next: xmlNodePtr? = doc.pointee.children
        let top = UnsafeMutableRawPointer(doc)
        while let node = next {
            enter(node, &collector)
            if node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
                next = child
                continue
            }
            // No children: leave this node and climb until a sibling is found.
            var current = node
            next = nil
            while true {
                if current.pointee.type == XML_ELEMENT_NODE { collector.leave(id(current), tag(current)) }
                if let sibling = current.pointee.next { next = sibling; break }
                guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != top else { break }
                current = parent
            }
        }
    }

    private static func enter(_ node: xmlNodePtr, _ collector: inout PageCollector) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return }
            collector.text(UnsafeBufferPointer(start: content, count: strlen(content)))
        case XML_ELEMENT_NODE:
            collector.enter(id(node), tag(node)) { attribute(node, $0) }
        default:
            return
        }
    }

    private static func id(_ node: xmlNodePtr) -> Int { Int(bitPattern: UnsafeMutableRawPointer(node)) }

    private static func tag(_ node: xmlNodePtr) -> PageTag {
        guard let name = node.pointee.name else { return .other }
        if isName(name, "pre") { return .pre }
        if isName(name, "a") { return .a }
        if isName(name, "b") { return .b }
        if isName(name, "span") { return .span }
        if isName(name, "li") { return .li }
        if isName(name, "title") { return .title }
        return .other
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
