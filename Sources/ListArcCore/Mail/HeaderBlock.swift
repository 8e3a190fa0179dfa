/// One header field as it appears in the bytes: name, and the value unfolded
/// (line breaks of continuation lines removed) but not yet decoded.
struct RawHeaderField {
    var name: String
    var value: [UInt8]
}

/// Splits a mail (or MIME part) into its header fields and body (RFC 5322 §2.2).
///
/// Tolerant the way git mailinfo is: a leading mbox `From ` line is skipped, a
/// line that is neither a field nor a continuation starts the body (garbage, a
/// missing blank line), a continuation before any field is dropped, 8-bit bytes in
/// values are kept for the charset fallback later.
enum HeaderBlock {
    static func split(_ bytes: ArraySlice<UInt8>) -> (fields: [RawHeaderField], body: ArraySlice<UInt8>) {
        var fields: [RawHeaderField] = []
        var index = bytes.startIndex
        let end = bytes.endIndex
        var first = true
        while index < end {
            var lineEnd = index
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            defer { first = false }
            if contentEnd == index { return (fields, bytes[next...]) }
            let lead = bytes[index]
            if lead == 0x20 || lead == 0x09 {
                // Unfolding removes only the line break; the whitespace stays.
                if !fields.isEmpty { fields[fields.count - 1].value += bytes[index..<contentEnd] }
                index = next
                continue
            }
            if first, isFromLine(bytes[index..<contentEnd]) {
                index = next
                continue
            }
            guard let field = fieldStart(bytes[index..<contentEnd]) else { return (fields, bytes[index...]) }
            fields.append(field)
            index = next
        }
        return (fields, bytes[end...])
    }

    private static func isFromLine(_ line: ArraySlice<UInt8>) -> Bool {
        line.starts(with: [0x46, 0x72, 0x6F, 0x6D, 0x20]) // "From "
    }

    /// `Name: value` (also the obsolete `Name : value`); the name is printable
    /// ASCII (8-bit bytes tolerated) without spaces or controls.
    private static func fieldStart(_ line: ArraySlice<UInt8>) -> RawHeaderField? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
        var nameEnd = colon
        while nameEnd > line.startIndex, line[nameEnd - 1] == 0x20 || line[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        guard nameEnd > line.startIndex else { return nil }
        for byte in line[line.startIndex..<nameEnd] where byte <= 0x20 || byte == 0x7F { return nil }
        let name = Charset.utf8OrWindows1252(line[line.startIndex..<nameEnd])
        return RawHeaderField(name: name, value: Array(line[(colon + 1)...]))
    }
}
