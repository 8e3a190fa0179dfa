/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in a header value → text.
///
/// Lenient like common mail readers: words are also decoded inside quoted strings
/// and next to other text; whitespace between two adjacent encoded words is
/// dropped; consecutive words in the same charset are joined as bytes before the
/// charset conversion (a UTF-8 character may be split across two words); raw
/// 8-bit bytes outside encoded words are read as UTF-8, else windows-1252.
/// Linear time: the search for `?=` never goes backwards.
public enum EncodedWords {
    public static func decode<C: Collection>(_ value: C) -> String where C.Element == UInt8 {
        let bytes = Array(value)
        guard containsMarker(bytes) else { return Charset.utf8OrWindows1252(bytes) }
        var out = ""
        var plainStart = 0
        var index = 0
        var terminators = ForwardSearch { bytes[$0] == UInt8(ascii: "?") && $0 + 1 < bytes.count && bytes[$0 + 1] == UInt8(ascii: "=") }
        var spaces = ForwardSearch { bytes[$0] == 0x20 || bytes[$0] == 0x09 || bytes[$0] == 0x0A || bytes[$0] == 0x0D }
        var pending: [UInt8] = []
        var pendingCharset = ""
        var lastWasWord = false

        func flushPending() {
            if !pending.isEmpty { out += Charset.decode(pending, charset: pendingCharset) }
            pending.removeAll(keepingCapacity: true)
        }

        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                  let word = parseWord(bytes, at: index, terminators: &terminators, spaces: &spaces) else {
                index += 1
                continue
            }
            // Text between the previous word and this one.
            let between = bytes[plainStart..<index]
            let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if !(lastWasWord && onlySpace) {
                flushPending()
                out += Charset.utf8OrWindows1252(between)
            }
            let charset = Charset.normalise(word.charset)
            if charset != pendingCharset { flushPending() }
            pendingCharset = charset
            pending += word.bytes
            lastWasWord = true
            index = word.end
            plainStart = word.end
        }
        flushPending()
        if plainStart < bytes.count { out += Charset.utf8OrWindows1252(bytes[plainStart...]) }
        return out
    }

    private static func containsMarker(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?") { return true }
            index += 1
        }
        return false
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// `=?charset?enc?text?=` starting at `start`, or nil when it is not one.
    private static func parseWord(_ bytes: [UInt8], at start: Int, terminators: inout ForwardSearch, spaces: inout ForwardSearch) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            let byte = bytes[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > 64 { return nil }
            index += 1
        }
        guard index > charsetStart, index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        guard let terminator = terminators.first(from: textStart, count: bytes.count) else { return nil }
        // An encoded word has no whitespace in it; a "?=" far away belongs to something else.
        if let space = spaces.first(from: textStart, count: bytes.count), space < terminator { return nil }
        let text = bytes[textStart..<terminator]
        let decoded = encoding == UInt8(ascii: "b") ? TransferEncoding.base64(text) : qDecode(text)
        return Word(charset: charset, bytes: decoded, end: terminator + 2)
    }

    /// RFC 2047 "Q": quoted-printable with `_` for space.
    private static func qDecode(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < text.endIndex,
                      let high = TransferEncoding.hexValue(text[index + 1]), let low = TransferEncoding.hexValue(text[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}

/// First position at or after `from` where a predicate holds, for a sequence of
/// non-decreasing `from`s: every position is examined at most once.
struct ForwardSearch {
    private let matches: (Int) -> Bool
    private var found = -1
    private var exhausted = false
    init(_ matches: @escaping (Int) -> Bool) { self.matches = matches }

    mutating func first(from: Int, count: Int) -> Int? {
        if exhausted { return nil }
        if found >= from { return found }
        var probe = from
        while probe < count {
            if matches(probe) {
                found = probe
                return probe
            }
            probe += 1
        }
        exhausted = true
        return nil
    }
}
