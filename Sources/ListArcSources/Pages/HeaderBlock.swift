import ListArcCore

/// The header lines archive pages print above a message body.
enum HeaderBlock {
    /// Where the header block of `text` (starting at `start`) ends: the blank line.
    /// nil when the first line is not a header line.
    static func split(_ text: [UInt8], from start: Int) -> (headerEnd: Int, bodyStart: Int)? {
        guard start < text.count, isHeaderLineStart(text, at: start) else { return nil }
        var i = start
        while i < text.count {
            if text[i] == 0x0A {
                if i + 1 < text.count, text[i + 1] == 0x0A { return (i + 1, i + 2) }
                if i + 1 == text.count { return (i + 1, text.count) }
            }
            i += 1
        }
        return (text.count, text.count)
    }

    /// `Name: value` lines; a line starting with space or tab continues the previous
    /// one and is unfolded by removing the line break only (RFC 5322 2.2.3).
    static func parse(_ bytes: ArraySlice<UInt8>) -> [HeaderField] {
        var fields: [HeaderField] = []
        var name: [UInt8] = []
        var value: [UInt8] = []
        func flush() {
            if !name.isEmpty {
                fields.append(HeaderField(name: String(decoding: name, as: UTF8.self),
                                          value: String(decoding: value, as: UTF8.self)))
            }
            name.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
        }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let first = line.first else { continue }
            if first == 0x20 || first == 0x09 {
                if !name.isEmpty { value.append(contentsOf: line) }
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(isFieldNameByte) else { continue }
            name.append(contentsOf: line[line.startIndex..<colon])
            var v = line.index(after: colon)
            while v < line.endIndex, line[v] == 0x20 || line[v] == 0x09 { v += 1 }
            value.append(contentsOf: line[v...])
        }
        flush()
        return fields
    }

    static func isHeaderLineStart(_ text: [UInt8], at start: Int) -> Bool {
        var i = start
        while i < text.count, isFieldNameByte(text[i]) { i += 1 }
        return i > start && i < text.count && text[i] == 0x3A
    }

    static func isFieldNameByte(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F && b != 0x3A }
}
