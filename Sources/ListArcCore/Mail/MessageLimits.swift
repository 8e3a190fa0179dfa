/// Sizes past which a message is refused: they keep a hostile archive from
/// exhausting the machine. A refusal is an `InputError` naming the input, what
/// was too big and the limit, so `import` reports it and goes on.
///
/// Other limits live where they are enforced: MIME nesting (`MIMEWalker.maxDepth`),
/// hunks per file (`DiffLimits`), gzip expansion (`Gzip.Limits`), redirects per
/// request and pages per thread walk (`FetchSettings`).
public enum MessageLimits {
    /// One mail or one archive page.
    public static let maxMessageBytes = 64 << 20
    /// One line of a mail, a page, or a decoded text part.
    public static let maxLineBytes = 16 << 20
    /// Quote markers (`>`, `|`) at the start of one line: real threads stay far below.
    public static let maxQuoteMarkers = 1_000

    /// Size and line length of raw bytes (a mail or a page).
    public static func checkRaw(_ bytes: [UInt8], name: String, what: String = "mail") throws {
        if bytes.count > maxMessageBytes {
            throw InputError(name, "\(what) of \(bytes.count) bytes exceeds the limit of \(describe(maxMessageBytes))")
        }
        if let (line, length) = bytes.withUnsafeBufferPointer({ longLine($0) }) {
            throw InputError(name, "line \(line) of the \(what) is \(length) bytes long; the limit is \(describe(maxLineBytes))")
        }
    }

    /// Line length and quote markers of decoded text (what quote and diff analysis read).
    public static func checkText(_ text: String, name: String) throws {
        var text = text
        text.makeContiguousUTF8()
        let found = text.utf8.withContiguousStorageIfAvailable { (longLine($0), deepLine($0)) }
        guard let (long, deep) = found else { return }
        if let (line, length) = long {
            throw InputError(name, "line \(line) of the text is \(length) bytes long; the limit is \(describe(maxLineBytes))")
        }
        if let (line, markers) = deep {
            throw InputError(name, "line \(line) is quoted \(markers) levels deep; the limit is \(maxQuoteMarkers)")
        }
    }

    /// The first line (1-based) longer than the limit, and its length.
    static func longLine(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard bytes.count > maxLineBytes else { return nil }
        var line = 1
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            if i - start > maxLineBytes { return (line, i - start) }
            line += 1
            start = i + 1
        }
        return bytes.count - start > maxLineBytes ? (line, bytes.count - start) : nil
    }

    /// The first line (1-based) with more quote markers than the limit, and its count.
    /// Only line starts are read: a line's markers end at its first other character.
    static func deepLine(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard bytes.count > maxQuoteMarkers else { return nil }
        var line = 1
        var i = 0
        let n = bytes.count
        while i < n {
            var markers = 0
            while i < n {
                let b = bytes[i]
                if b == UInt8(ascii: ">") || b == UInt8(ascii: "|") {
                    markers += 1
                } else if b != 0x20 && b != 0x09 {
                    break
                }
                i += 1
            }
            if markers > maxQuoteMarkers { return (line, markers) }
            // Skip the rest of the line.
            while i < n, bytes[i] != 0x0A { i += 1 }
            i += 1
            line += 1
        }
        return nil
    }

    static func describe(_ limit: Int) -> String { "\(limit) bytes (\(limit >> 20) MB)" }
}
