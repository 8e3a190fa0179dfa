import Foundation
import ListArcCore

/// Reads whatever the user points at — a page, a mail, an mbox (maybe gzipped),
/// a maildir or a folder — detecting the format by content, not by name.
public enum InputReader {
    /// Messages in the bytes of one file. `name` is used in error messages,
    /// `url` is recorded as the messages' source when known.
    public static func messages(in bytes: [UInt8], name: String, url: String? = nil) throws -> [MailMessage] {
        if bytes.isEmpty { throw InputError(name, "empty input") }
        if Gzip.isGzip(bytes) {
            return try messages(in: try Gzip.decompress(bytes, name: name), name: name, url: url)
        }
        switch InputKind.detect(bytes) {
        case .html: return try PageReader.messages(html: bytes, name: name, url: url)
        case .mbox: return try MailboxReader.mbox(bytes, name: name, url: url)
        case .mail: return [try MailParser.parse(bytes, sourceURL: url ?? name)]
        case .unknown: throw InputError(name, "not a mail, mbox or archive page")
        }
    }
}

/// What a file's first bytes say it is.
public enum InputKind: Equatable, Sendable {
    case html, mbox, mail, unknown

    public static func detect(_ bytes: [UInt8]) -> InputKind {
        var start = 0
        // Skip a UTF-8 BOM and leading blank lines.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 512)], as: UTF8.self)
        let lower = head.lowercased()
        // Pages, and page fragments such as blists' own output (`<title>…` first).
        let htmlStarts = ["<!doctype html", "<html", "<head", "<pre", "<title", "<body", "<meta", "<!--"]
        if htmlStarts.contains(where: { lower.hasPrefix($0) }) { return .html }
        if head.hasPrefix("From ") { return .mbox }
        // A header line: a field name, a colon.
        if let colon = head.firstIndex(of: ":"), colon != head.startIndex {
            let name = head[..<colon]
            if name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) { return .mail }
        }
        // Headerless text (a bare patch, a saved body): a mail with no headers.
        if isText(bytes[start..<min(bytes.count, start + 4096)]) { return .mail }
        return .unknown
    }

    /// No control bytes but tab, line ends and form feed; valid UTF-8 or 8-bit text.
    static func isText(_ head: ArraySlice<UInt8>) -> Bool {
        guard !head.isEmpty else { return false }
        for byte in head where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { return false }
        return true
    }
}
