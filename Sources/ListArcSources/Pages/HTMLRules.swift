import CLibXML2
import Foundation

/// What libxml2's HTML parser (2.9) does with element nesting, taken from libxml2
/// itself where it says so, so that `StrictPageScan` builds the same tree: which
/// start tag closes which open element, which elements are empty, how far an end
/// tag may close, where whitespace-only text is dropped. Elements outside this list
/// make the strict scan hand the page to libxml2.
enum HTMLRules {
    static let names: [String] = [String]([
        "html", "head", "body", "title", "meta", "link", "style", "script", "base",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
        "a", "abbr", "acronym", "b", "i", "u", "s", "strike", "em", "strong", "tt", "code", "kbd", "samp", "var",
        "cite", "dfn", "q", "small", "big", "sub", "sup", "font", "span", "bdo", "del", "ins",
        "pre", "p", "div", "center", "blockquote", "address", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "menu", "dir",
        "form", "input", "button", "label", "select", "option", "optgroup", "fieldset", "legend",
        "img", "hr", "br", "area", "map",
    ].filter { htmlTagLookup($0) != nil })

    static let index: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    static let html = index["html"]!, head = index["head"]!, body = index["body"]!, title = index["title"]!
    static let script = index["script"]!, style = index["style"]!, p = index["p"]!

    static let tags: [PageTag] = names.map {
        switch $0 {
        case "pre": return .pre
        case "a": return .a
        case "b": return .b
        case "span": return .span
        case "li": return .li
        case "title": return .title
        default: return .other
        }
    }

    /// libxml2's empty elements (no content, no end tag).
    static let isEmpty: [Bool] = names.map { name in
        guard let desc = htmlTagLookup(name) else { return false }
        return desc.pointee.empty != 0
    }

    /// `closes[new * count + old]`: a start tag `new` closes an open `old` on top of
    /// the stack (libxml2's htmlStartClose table, read through `htmlAutoCloseTag`).
    /// That call answers "no" for equal names, so whether an element closes its own
    /// kind is asked of the parser itself: `<X><X>` nests or not.
    static let closes: [Bool] = {
        _ = HTMLScan.initialised
        var table = [Bool](repeating: false, count: names.count * names.count)
        for (n, new) in names.enumerated() {
            guard let node = xmlNewNode(nil, new) else { continue }
            defer { xmlFreeNode(node) }
            for (o, old) in names.enumerated() {
                table[n * names.count + o] = n == o ? closesItself(new) : htmlAutoCloseTag(nil, old, node) == 1
            }
        }
        return table
    }()

    private static func closesItself(_ name: String) -> Bool {
        guard !["html", "head", "body"].contains(name) else { return false }
        let page = Array("<html><body><\(name)><\(name)>x".utf8)
        let doc: htmlDocPtr? = page.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", HTMLScan.options) }
        }
        guard let doc else { return false }
        defer { xmlFreeDoc(doc) }
        // The first element of that name, in document order: does one of its children bear it too?
        func named(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE && String(cString: node.pointee.name) == name }
        func first(_ node: xmlNodePtr?) -> xmlNodePtr? {
            var n = node
            while let c = n {
                if named(c) { return c }
                if let inner = first(c.pointee.children) { return inner }
                n = c.pointee.next
            }
            return nil
        }
        guard let outer = first(doc.pointee.children) else { return false }
        var child = outer.pointee.children
        while let c = child {
            if named(c) { return false }
            child = c.pointee.next
        }
        return true
    }

    /// How far an end tag reaches: it closes open elements above its own only when
    /// none of them ranks higher (libxml2's htmlEndPriority).
    static let endPriority: [Int] = names.map {
        switch $0 {
        case "div": return 150
        case "td", "th": return 160
        case "tr": return 170
        case "thead", "tbody", "tfoot": return 180
        case "table": return 190
        case "head", "body": return 200
        case "html": return 220
        default: return 100
        }
    }

    /// Elements libxml2 opens a `<head>` for when nothing is open yet.
    static let headContent: Set<Int> = Set(["script", "style", "meta", "link", "title", "base"].compactMap { index[$0] })

    /// A named character reference as libxml2 decodes it (the HTML 4 entities).
    static func entity(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        // The five every archive page is full of, without a call into libxml2.
        func bytes(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == name.count && (0..<name.count).allSatisfy { name[$0] == s.utf8Start[$0] }
        }
        if bytes("gt") { return 0x3E }
        if bytes("lt") { return 0x3C }
        if bytes("amp") { return 0x26 }
        if bytes("quot") { return 0x22 }
        if bytes("nbsp") { return 0xA0 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count + 1) { buffer in
            _ = buffer.initialize(from: name)
            buffer[name.count] = 0
            guard let desc = htmlEntityLookup(buffer.baseAddress), desc.pointee.value > 0 else { return nil }
            return desc.pointee.value
        }
    }

    /// Element index of a lower-case name, without making a String for it.
    static func element(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let key = Packed(exactly: name) else { return name.count > 8 ? index[String(decoding: name, as: UTF8.self)] : nil }
        return packedIndex[key]
    }

    private static let packedIndex: [Packed: Int] = {
        var table: [Packed: Int] = [:]
        for (i, name) in names.enumerated() where name.utf8.count <= 8 { table[Packed(name)] = i }
        return table
    }()
}

/// Up to 8 bytes of a short ASCII name in one integer (longer names keep their first 8
/// and their length, so they never equal a short one).
struct Packed: Hashable {
    let bits: UInt64
    let count: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var v: UInt64 = 0
        for k in 0..<min(8, bytes.count) { v |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        bits = v
        count = bytes.count
    }

    init?(exactly bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 8 else { return nil }
        self.init(bytes)
    }

    init(_ name: StaticString) {
        self.init(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    init(_ name: String) {
        var copy = name
        self = copy.withUTF8 { Packed($0) }
    }
}
