/// Quote markers at the start of one line, read from its UTF-8 bytes.
struct QuoteMarkers: Equatable {
    var depth: Int
    /// Bytes up to and including the last marker (see `QuoteLine.prefixLength`).
    var prefixLength: Int

    static let none = QuoteMarkers(depth: 0, prefixLength: 0)

    /// Reads `>` markers (and `|` when `pipes`), allowing one blank between markers
    /// (`> > x`) and, when `leadingBlanks`, up to two blanks before the first one
    /// (` > x`, as some clients write it). Only one blank is allowed between markers
    /// because a quoted diff context line whose text starts with `>` reads `>  >x`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, pipes: Bool, leadingBlanks: Bool) -> QuoteMarkers {
        @inline(__always) func isMarker(_ b: UInt8) -> Bool { b == 0x3E || (pipes && b == 0x7C) }
        var i = start
        if leadingBlanks {
            var j = i
            while j < end, j - start < 2, bytes[j] == 0x20 { j += 1 }
            if j > i, j < end, isMarker(bytes[j]) { i = j }
        }
        var depth = 0, prefixEnd = start
        while i < end {
            let b = bytes[i]
            if isMarker(b) {
                depth += 1
                i += 1
                prefixEnd = i
            } else if b == 0x20, depth > 0, i + 1 < end, isMarker(bytes[i + 1]) {
                i += 1
            } else {
                break
            }
        }
        return depth == 0 ? .none : QuoteMarkers(depth: depth, prefixLength: prefixEnd - start)
    }
}

/// Byte-level facts about a line's text after its markers, used by the cheap
/// pre-filters of the line classifiers.
enum LineText {
    /// Offset of the content: after the prefix and at most one separator blank.
    static func contentStart(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, prefixLength: Int) -> Int {
        var i = start + prefixLength
        if prefixLength > 0, i < end, bytes[i] == 0x20 { i += 1 }
        return i
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = bytes[i]
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
            i += 1
        }
        return true
    }

    /// Start of a unified-diff hunk header (`@@ -`).
    static func isHunkHeader(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        end - start >= 4 && bytes[start] == 0x40 && bytes[start + 1] == 0x40 && bytes[start + 2] == 0x20 && bytes[start + 3] == 0x2D
    }
}
