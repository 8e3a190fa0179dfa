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
    public static func checkRaw<C: Collection<UInt8>>(_ bytes: C, name: String, what: String = "mail") throws {
        if bytes.count > maxMessageBytes {
            throw InputError(name, "\(what) of \(bytes.count) bytes exceeds the limit of \(describe(maxMessageBytes))")
        }
        if let (line, length) = longLine(bytes) {
            throw InputError(name, "line \(line) of the \(what) is \(length) bytes long; the limit is \(describe(maxLineBytes))")
        }
    }

    /// Line length and quote markers of decoded text (what quote and diff analysis read).
    public static func checkText(_ text: String, name: String) throws {
        if let (line, length) = longLine(text.utf8) {
            throw InputError(name, "line \(line) of the text is \(length) bytes long; the limit is \(describe(maxLineBytes))")
        }
        if let (line, markers) = deepLine(text.utf8) {
            throw InputError(name, "line \(line) is quoted \(markers) levels deep; the limit is \(maxQuoteMarkers)")
        }
    }

    /// The first line (1-based) longer than the limit, and its length.
    static func longLine<C: Collection<UInt8>>(_ bytes: C) -> (Int, Int)? {
        guard bytes.count > maxLineBytes else { return nil }
        var line = 1
        var length = 0
        for byte in bytes {
            if byte == 0x0A {
                if length > maxLineBytes { return (line, length) }
                line += 1
                length = 0
            } else {
                length += 1
            }
        }
        return length > maxLineBytes ? (line, length) : nil
    }

    /// The first line (1-based) with more quote markers than the limit, and its count.
    static func deepLine<C: Collection<UInt8>>(_ bytes: C) -> (Int, Int)? {
        guard bytes.count > maxQuoteMarkers else { return nil }
        var line = 1
        var atStart = true
        var markers = 0
        for byte in bytes {
            if byte == 0x0A {
                if markers > maxQuoteMarkers { return (line, markers) }
                line += 1
                atStart = true
                markers = 0
            } else if atStart {
                if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "|") {
                    markers += 1
                } else if byte != 0x20 && byte != 0x09 {
                    atStart = false
                }
            }
        }
        return markers > maxQuoteMarkers ? (line, markers) : nil
    }

    static func describe(_ limit: Int) -> String { "\(limit) bytes (\(limit >> 20) MB)" }
}
