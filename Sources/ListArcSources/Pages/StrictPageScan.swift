/// One pass over a page's bytes that builds what libxml2's HTML parser would, for
/// the markup archive generators write (blists, public-inbox): elements from a known
/// list nested by libxml2's own rules (`HTMLRules`), character references, comments,
/// `<!DOCTYPE html>`, scripts and styles. It returns nil — and the page goes to
/// libxml2 — on anything else: a byte that is not valid UTF-8, NUL, CR or another
/// control character, an unknown element or entity, a malformed tag, a second
/// `<html>`/`<head>`/`<body>`, markup after `</html>`. libxml2 stays the reference:
/// the tests and FuzzPages check both readers give the same `ScannedPage`.
enum StrictPageScan {
    static func scan(_ html: [UInt8]) -> ScannedPage? {
        html.withUnsafeBufferPointer { bytes in
            var scanner = StrictScanner(bytes)
            return scanner.run() ? scanner.collector.page : nil
        }
    }

    /// Where the scan gave the page up (for tests and diagnostics), nil if it did not.
    static func refusal(_ html: [UInt8]) -> Int? {
        html.withUnsafeBufferPointer { bytes in
            var scanner = StrictScanner(bytes)
            return scanner.run() ? nil : scanner.i
        }
    }
}

private struct OpenElement {
    let element: Int
    let id: Int
}

private struct StrictScanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var collector = PageCollector()
    var stack: [OpenElement] = []
    var nextID = 1
    var headSeen = false, bodySeen = false, htmlSeen = false
    /// After `</body>` or `</html>` only whitespace and comments may follow.
    var ended = false
    var attributes: [(name: Packed, value: [UInt8])] = []
    /// A lower-cased name, reused from tag to tag.
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    mutating func run() -> Bool {
        // libxml2 reads a BOM as an encoding declaration: leave those pages to it.
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return false }
        while i < b.count {
            let ok: Bool
            switch b[i] {
            case UInt8(ascii: "<"): ok = markup()
            case UInt8(ascii: "&"): ok = reference()
            default: ok = textRun()
            }
            guard ok else { return false }
        }
        while !stack.isEmpty { pop() }
        // No element at all: libxml2 may make no document of it; let it say.
        return nextID > 1
    }

    // MARK: text

    private mutating func textRun() -> Bool {
        let start = i
        var blank = true
        var j = i
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") { break }
            if c < 0x80 {
                if c < 0x20 {
                    guard c == 0x0A || c == 0x09 else { return false }
                } else if c != 0x20 {
                    blank = false
                }
                j += 1
            } else {
                guard let next = Self.utf8Sequence(b, j) else { return false }
                blank = false
                j = next
            }
        }
        i = j
        if ended, !blank { return false }
        // libxml2 keeps whitespace-only text too, but implies a `<p>` for it only when
        // a reference follows (its areBlanks); it judges text in 1,000-byte chunks.
        if blank, j - start >= 1000 { return false }
        if !blank || (j < b.count && b[j] == UInt8(ascii: "&")) { impliedParagraph() }
        emit(UnsafeBufferPointer(rebasing: b[start..<j]))
        return true
    }

    /// Text goes to the open element (libxml2 drops text with no element open).
    private mutating func emit(_ text: UnsafeBufferPointer<UInt8>) {
        if !stack.isEmpty, collector.wantsText { collector.text(text) }
    }

    /// Text where only `<html>`/`<head>` (or nothing) is open gets a `<p>`, as in libxml2.
    private mutating func impliedParagraph() {
        if let top = stack.last, top.element != HTMLRules.html, top.element != HTMLRules.head { return }
        open(HTMLRules.p)
    }

    /// `&#NN;`, `&#xHH;` or `&name;` (libxml2 entities only; anything else goes to libxml2).
    private mutating func reference() -> Bool {
        guard !ended, let (scalar, next) = Self.characterReference(b, i) else { return false }
        i = next
        impliedParagraph()
        var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = Self.encode(scalar, into: &utf8)
        withUnsafeBytes(of: &utf8) { raw in
            emit(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<count]))
        }
        return true
    }

    // MARK: tags

    private mutating func markup() -> Bool {
        guard i + 1 < b.count else { return false }
        let c = b[i + 1]
        if c == UInt8(ascii: "!") { return declaration() }
        if c == UInt8(ascii: "/") { return endTag() }
        guard Self.isLetter(c) else { return false }
        return startTag()
    }

    /// `<!-- … -->` or `<!DOCTYPE html>` before anything else.
    private mutating func declaration() -> Bool {
        if Self.matches(b, i, "<!--") {
            var j = i + 4
            // libxml2 reads "<!-->" and "--" inside a comment its own way.
            guard j < b.count, b[j] != UInt8(ascii: ">"), !Self.matches(b, j, "->") else { return false }
            while j + 2 < b.count {
                if b[j] == UInt8(ascii: "-"), b[j + 1] == UInt8(ascii: "-") {
                    guard b[j + 2] == UInt8(ascii: ">") else { return false }
                    i = j + 3
                    return true
                }
                if b[j] == 0 || b[j] == 0x0D { return false }
                j += 1
            }
            return false
        }
        guard !htmlSeen, stack.isEmpty, Self.matchesFolded(b, i, "<!doctype html>") else { return false }
        i += 15
        return true
    }

    private mutating func startTag() -> Bool {
        guard !ended else { return false }
        var j = i + 1
        guard Self.name(b, &j, into: &scratch), let element = scratch.withUnsafeBufferPointer({ HTMLRules.element($0) }) else { return false }
        // Only the elements a page reader looks at need their attribute values.
        let keep = HTMLRules.tags[element] != .other
        attributes.removeAll(keepingCapacity: true)
        var selfClosing = false
        while true {
            let spaced = Self.skipSpace(b, &j)
            guard j < b.count else { return false }
            if b[j] == UInt8(ascii: ">") { j += 1; break }
            if b[j] == UInt8(ascii: "/") {
                guard j + 1 < b.count, b[j + 1] == UInt8(ascii: ">") else { return false }
                selfClosing = true
                j += 2
                break
            }
            guard spaced, Self.name(b, &j, into: &scratch) else { return false }
            let name = scratch.withUnsafeBufferPointer { Packed($0) }
            var value: [UInt8] = []
            var k = j
            _ = Self.skipSpace(b, &k)
            if k < b.count, b[k] == UInt8(ascii: "=") {
                k += 1
                _ = Self.skipSpace(b, &k)
                guard let v = Self.attributeValue(b, &k, keep: keep) else { return false }
                value = v
                j = k
            }
            // libxml2 keeps the first of a repeated attribute.
            if keep, !attributes.contains(where: { $0.name == name }) {
                // Bounded, so that the repeat check stays cheap on a hostile page.
                guard attributes.count < 64 else { return false }
                attributes.append((name, value))
            }
        }
        i = j
        // Deeply nested pages go to libxml2, which has its own limits.
        guard stack.count < 256 else { return false }
        // A title holds text only; raw-text elements and nested documents go to libxml2.
        if let top = stack.last, top.element == HTMLRules.title { return false }
        if element == HTMLRules.html {
            guard stack.isEmpty, !htmlSeen else { return false }
        }
        if element == HTMLRules.script || element == HTMLRules.style {
            guard !collector.wantsText else { return false }
        }
        guard open(element) else { return false }
        if HTMLRules.isEmpty[element] || selfClosing {
            pop()
            return true
        }
        if element == HTMLRules.script || element == HTMLRules.style { return rawText(element) }
        return true
    }

    /// Opens `element` the way libxml2's htmlParseStartTag does: close what it
    /// closes, imply `<html>`/`<head>`/`<body>`, refuse misplaced document elements.
    @discardableResult
    private mutating func open(_ element: Int) -> Bool {
        while let top = stack.last, HTMLRules.closes[element * HTMLRules.names.count + top.element] { pop() }
        implied(element)
        if element == HTMLRules.html { htmlSeen = true }
        if element == HTMLRules.head {
            guard stack.count == 1, !headSeen else { return false }
            headSeen = true
        }
        if element == HTMLRules.body {
            guard !bodySeen else { return false }
            bodySeen = true
        }
        push(element)
        return true
    }

    /// libxml2's htmlCheckImplied.
    private mutating func implied(_ element: Int) {
        if element == HTMLRules.html { return }
        if stack.isEmpty { htmlSeen = true; push(HTMLRules.html) }
        if element == HTMLRules.body || element == HTMLRules.head { return }
        if stack.count <= 1, HTMLRules.headContent.contains(element) {
            if headSeen || bodySeen { return }
            headSeen = true
            push(HTMLRules.head)
        } else {
            if bodySeen { return }
            if stack.contains(where: { $0.element == HTMLRules.body || $0.element == HTMLRules.head }) { return }
            bodySeen = true
            push(HTMLRules.body)
        }
    }

    private mutating func push(_ element: Int) {
        let id = nextID
        nextID += 1
        let tag = HTMLRules.tags[element]
        if tag == .other {
            collector.enter(id, tag) { _ in nil }
        } else {
            collector.enter(id, tag) { wanted in
                let name = Packed(wanted)
                guard let a = attributes.first(where: { $0.name == name }) else { return nil }
                return String(decoding: a.value, as: UTF8.self)
            }
        }
        stack.append(OpenElement(element: element, id: id))
    }

    private mutating func pop() {
        guard let top = stack.popLast() else { return }
        collector.leave(top.id, HTMLRules.tags[top.element])
    }

    /// `</name>`: libxml2's htmlParseEndTag and htmlAutoCloseOnClose.
    private mutating func endTag() -> Bool {
        var j = i + 2
        guard Self.name(b, &j, into: &scratch) else { return false }
        _ = Self.skipSpace(b, &j)
        guard j < b.count, b[j] == UInt8(ascii: ">") else { return false }
        i = j + 1
        guard let element = scratch.withUnsafeBufferPointer({ HTMLRules.element($0) }) else { return false }
        if element == HTMLRules.html || element == HTMLRules.body {
            // Whether libxml2 closes a <pre>, <title> or link left open here is not ours
            // to guess; other open elements are no longer read.
            guard !collector.wantsText else { return false }
            ended = true
        } else if ended {
            return false
        }
        guard HTMLRules.isEmpty[element] == false else { return false }
        guard let at = stack.lastIndex(where: { $0.element == element }) else { return true }
        let priority = HTMLRules.endPriority[element]
        for k in stack.indices[(at + 1)...] where HTMLRules.endPriority[stack[k].element] > priority { return true }
        while stack.count > at { pop() }
        return true
    }

    /// A script's or style's text runs to its end tag; nobody reads it.
    private mutating func rawText(_ element: Int) -> Bool {
        let end = Array("</\(HTMLRules.names[element])".utf8)
        var j = i
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "<"), Self.matchesFolded(b, j, end) {
                let after = j + end.count
                guard after < b.count, b[after] == UInt8(ascii: ">") || Self.isSpace(b[after]) else { return false }
                i = j
                return true
            }
            if c < 0x80 {
                guard c >= 0x20 || c == 0x0A || c == 0x09 else { return false }
                j += 1
            } else {
                guard let next = Self.utf8Sequence(b, j) else { return false }
                j = next
            }
        }
        return false
    }

    // MARK: bytes

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 }

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ j: inout Int) -> Bool {
        let start = j
        while j < b.count, isSpace(b[j]) { j += 1 }
        return j > start
    }

    /// A tag or attribute name, lower-cased: a letter, then letters, digits and '-'.
    static func name(_ b: UnsafeBufferPointer<UInt8>, _ j: inout Int, into out: inout [UInt8]) -> Bool {
        guard j < b.count, isLetter(b[j]) else { return false }
        out.removeAll(keepingCapacity: true)
        while j < b.count, isLetter(b[j]) || isDigit(b[j]) || b[j] == UInt8(ascii: "-") {
            out.append(isLetter(b[j]) ? b[j] | 0x20 : b[j])
            j += 1
            if out.count > 64 { return false }
        }
        // libxml2 allows more name characters ('_', ':', '.'): leave those to it.
        if j < b.count, !(isSpace(b[j]) || b[j] == UInt8(ascii: ">") || b[j] == UInt8(ascii: "/") || b[j] == UInt8(ascii: "=")) { return false }
        return true
    }

    /// A quoted or bare attribute value with its references decoded (checked only,
    /// and left empty, unless `keep`).
    static func attributeValue(_ b: UnsafeBufferPointer<UInt8>, _ j: inout Int, keep: Bool) -> [UInt8]? {
        guard j < b.count else { return nil }
        var out: [UInt8] = []
        let quote = b[j]
        let quoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
        if quoted { j += 1 }
        while j < b.count {
            let c = b[j]
            if quoted, c == quote { j += 1; return out }
            if !quoted {
                if isSpace(c) || c == UInt8(ascii: ">") {
                    // "a/>" would be read as the value "a/" by libxml2, "a" then "/>" by a browser.
                    guard b[j - 1] != UInt8(ascii: "/"), !isSpace(b[j - 1]), b[j - 1] != UInt8(ascii: "=") else { return nil }
                    return out
                }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "<") || c == UInt8(ascii: "=") { return nil }
            }
            if c == UInt8(ascii: "&") {
                guard let (scalar, next) = characterReference(b, j) else { return nil }
                var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                let count = encode(scalar, into: &utf8)
                if keep { withUnsafeBytes(of: &utf8) { out.append(contentsOf: $0.prefix(count)) } }
                j = next
            } else if c < 0x80 {
                guard c >= 0x20 || c == 0x0A || c == 0x09 else { return nil }
                if keep { out.append(c) }
                j += 1
            } else {
                guard let next = utf8Sequence(b, j) else { return nil }
                if keep { out.append(contentsOf: b[j..<next]) }
                j = next
            }
        }
        return nil
    }

    /// `&#NN;` `&#xHH;` `&name;` → the character and where the reference ends;
    /// nil for what libxml2 would read differently (no ';', unknown name, a value
    /// that is not an XML character).
    static func characterReference(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> (UInt32, Int)? {
        var j = at + 1
        guard j < b.count else { return nil }
        var value: UInt32 = 0
        if b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < b.count && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            while j < b.count, j - digitsStart < 8 {
                let c = b[j]
                if isDigit(c) {
                    value = value * (hex ? 16 : 10) + UInt32(c - UInt8(ascii: "0"))
                } else if hex, (c | 0x20) >= UInt8(ascii: "a"), (c | 0x20) <= UInt8(ascii: "f") {
                    value = value * 16 + UInt32((c | 0x20) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                j += 1
            }
            guard j > digitsStart, j < b.count, b[j] == UInt8(ascii: ";") else { return nil }
            guard value == 0x09 || value == 0x0A || (value >= 0x20 && value <= 0xD7FF)
                    || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF) else { return nil }
            return (value, j + 1)
        }
        let nameStart = j
        while j < b.count, j - nameStart < 32, isLetter(b[j]) || isDigit(b[j]) { j += 1 }
        guard j > nameStart, j < b.count, b[j] == UInt8(ascii: ";"), isLetter(b[nameStart]) else { return nil }
        guard let scalar = HTMLRules.entity(UnsafeBufferPointer(rebasing: b[nameStart..<j])) else { return nil }
        return (scalar, j + 1)
    }

    static func encode(_ v: UInt32, into out: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
        switch v {
        case ..<0x80: out.0 = UInt8(v); return 1
        case ..<0x800: out = (UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F), 0, 0); return 2
        case ..<0x10000: out = (UInt8(0xE0 | v >> 12), UInt8(0x80 | (v >> 6) & 0x3F), UInt8(0x80 | v & 0x3F), 0); return 3
        default: out = (UInt8(0xF0 | v >> 18), UInt8(0x80 | (v >> 12) & 0x3F), UInt8(0x80 | (v >> 6) & 0x3F), UInt8(0x80 | v & 0x3F)); return 4
        }
    }

    /// The end of the well-formed UTF-8 sequence at j that libxml2 reads as one XML
    /// character (no overlong form, surrogate, U+FFFE/U+FFFF or value past U+10FFFF).
    static func utf8Sequence(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int? {
        let c = b[j]
        func cont(_ k: Int) -> UInt32? {
            guard k < b.count, b[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(b[k] & 0x3F)
        }
        if c >= 0xC2, c <= 0xDF {
            guard cont(j + 1) != nil else { return nil }
            return j + 2
        }
        if c >= 0xE0, c <= 0xEF {
            guard let c1 = cont(j + 1), let c2 = cont(j + 2) else { return nil }
            let v = UInt32(c & 0x0F) << 12 | c1 << 6 | c2
            guard v >= 0x800, !(0xD800...0xDFFF).contains(v), v != 0xFFFE, v != 0xFFFF else { return nil }
            return j + 3
        }
        if c >= 0xF0, c <= 0xF4 {
            guard let c1 = cont(j + 1), let c2 = cont(j + 2), let c3 = cont(j + 3) else { return nil }
            let v = UInt32(c & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard v >= 0x10000, v <= 0x10FFFF else { return nil }
            return j + 4
        }
        return nil
    }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard j + n <= b.count else { return false }
        for k in 0..<n where b[j + k] != s.utf8Start[k] { return false }
        return true
    }

    static func matchesFolded(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ s: StaticString) -> Bool {
        matchesFolded(b, j, Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)))
    }

    /// ASCII case-insensitive match of a lower-case pattern.
    static func matchesFolded(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ s: [UInt8]) -> Bool {
        guard j + s.count <= b.count else { return false }
        for k in 0..<s.count {
            let c = b[j + k]
            if (isLetter(c) ? c | 0x20 : c) != s[k] { return false }
        }
        return true
    }
}

/// The differential check FuzzPages runs: the one-pass scan against libxml2.
public enum PageScanCheck {
    /// Nil when the strict scan refuses the page or reads it as libxml2 does.
    public static func mismatch(_ html: [UInt8]) -> String? {
        guard let strict = StrictPageScan.scan(html) else { return nil }
        guard let reference = try? HTMLScan.scanWithLibXML2(html, name: "page") else { return "libxml2 refused a page the strict scan read" }
        return strict == reference ? nil : "the strict scan reads the page differently from libxml2"
    }
}
