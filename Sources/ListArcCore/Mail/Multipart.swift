/// Splits a multipart body at its boundary lines (RFC 2046 §5.1.1).
///
/// The preamble and epilogue are dropped; the line break before a boundary line
/// belongs to the boundary; trailing whitespace after a boundary is allowed; a
/// missing final boundary ends the last part at the end of the body; a line that
/// merely starts with the delimiter (`--abc` vs `--abcdef`) is not a boundary.
/// Returns nil when no boundary line occurs at all.
enum Multipart {
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>]? {
        let delimiter: [UInt8] = [0x2D, 0x2D] + boundary
        var sections: [ArraySlice<UInt8>] = []
        var partStart: Int? = nil
        var index = body.startIndex
        let end = body.endIndex
        var sawBoundary = false
        while index < end {
            var lineEnd = index
            while lineEnd < end, body[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            if body[index] == 0x2D, let closing = boundaryKind(body[index..<lineEnd], delimiter: delimiter) {
                if let start = partStart {
                    // The line break before the boundary line is part of the boundary.
                    var stop = index
                    if stop > start, body[stop - 1] == 0x0A { stop -= 1 }
                    if stop > start, body[stop - 1] == 0x0D { stop -= 1 }
                    sections.append(body[start..<max(start, stop)])
                }
                sawBoundary = true
                if closing { return sections }
                partStart = next
            }
            index = next
        }
        guard sawBoundary else { return nil }
        if let start = partStart, start < end { sections.append(body[start..<end]) }
        return sections
    }

    /// nil: not a boundary line; false: a part boundary; true: the closing one.
    private static func boundaryKind(_ line: ArraySlice<UInt8>, delimiter: [UInt8]) -> Bool? {
        guard line.starts(with: delimiter) else { return nil }
        var rest = line.dropFirst(delimiter.count)
        var closing = false
        if rest.starts(with: [0x2D, 0x2D]) {
            closing = true
            rest = rest.dropFirst(2)
        }
        for byte in rest where byte != 0x20 && byte != 0x09 && byte != 0x0D { return nil }
        return closing
    }
}
