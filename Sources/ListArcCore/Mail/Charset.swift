import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// Bytes in a declared MIME charset → Swift String.
///
/// Never fails: UTF-8, US-ASCII, a missing, unknown or bogus (`none`) charset, and
/// bytes the declared charset cannot convert all fall back to "valid UTF-8 sequences
/// as UTF-8, every other byte as windows-1252" — mails mislabel their charset often,
/// and a diff must survive with every byte accounted for.
public enum Charset {
    public static func decode<C: Collection>(_ bytes: C, charset: String?) -> String where C.Element == UInt8 {
        let name = normalise(charset)
        switch name {
        case "", "utf-8", "utf8", "us-ascii", "ascii", "none", "unknown", "unknown-8bit", "x-unknown", "default", "7bit", "8bit":
            return utf8OrWindows1252(bytes)
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso_8859-1", "l1", "iso-ir-100", "cp819", "ibm819":
            return latin1(bytes)
        case "windows-1252", "cp1252", "x-cp1252":
            return windows1252(bytes)
        default:
            if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
            if let text = foundationDecode(Array(bytes), name: name) { return text }
            return utf8OrWindows1252(bytes)
        }
    }

    private static let quotes = CharacterSet(charactersIn: "\"'")

    /// Lower-cased, trimmed, quotes and RFC 2231 language suffix removed,
    /// common misspellings (`iso8859-15`, `utf8`) mapped to IANA names.
    static func normalise(_ charset: String?) -> String {
        guard var name = charset?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() else { return "" }
        name = name.trimmingCharacters(in: quotes)
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        if name.hasPrefix("iso8859-") { name = "iso-8859-" + name.dropFirst(8) }
        if name.hasPrefix("iso8859_") { name = "iso-8859-" + name.dropFirst(8) }
        if name.hasPrefix("iso_8859-") && name != "iso_8859-1" { name = "iso-8859-" + name.dropFirst(9) }
        if name.hasPrefix("cp125") { name = "windows-125" + name.dropFirst(5) }
        if name.hasPrefix("win-125") { name = "windows-125" + name.dropFirst(7) }
        return name
    }

    /// UTF-16/UTF-32 (and UCS-2/4): not ASCII-compatible, so byte-level line work
    /// must wait until they are converted.
    static func isWide(_ charset: String?) -> Bool {
        let name = normalise(charset)
        return name.hasPrefix("utf-16") || name.hasPrefix("utf-32") || name.hasPrefix("ucs-2") || name.hasPrefix("ucs-4") || name == "utf16" || name == "utf32"
    }

    static func isASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Valid UTF-8 runs kept, each invalid byte read as windows-1252.
    public static func utf8OrWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let array = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(array.count + array.count / 2)
        var index = 0
        while index < array.count {
            let byte = array[index]
            if byte < 0x80 {
                out.append(byte)
                index += 1
                continue
            }
            let length = utf8SequenceLength(array, at: index)
            if length > 0 {
                out += array[index..<index + length]
                index += length
            } else {
                appendUTF8(windows1252Scalar(byte), to: &out)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Length of a well-formed UTF-8 sequence starting at `index`, or 0
    /// (overlong forms, surrogates and values past U+10FFFF are not well-formed).
    static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80: out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(value >> 6))
            out.append(0x80 | UInt8(value & 0x3F))
        default:
            out.append(0xE0 | UInt8(value >> 12))
            out.append(0x80 | UInt8((value >> 6) & 0x3F))
            out.append(0x80 | UInt8(value & 0x3F))
        }
    }

    static func latin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes { appendUTF8(Unicode.Scalar(byte), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func windows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes { appendUTF8(windows1252Scalar(byte), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// 0x80–0x9F per windows-1252; its five undefined bytes map to the C1 controls
    /// (as WHATWG does) so that no byte is lost.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard byte >= 0x80 && byte <= 0x9F else { return Unicode.Scalar(byte) }
        let value = cp1252High[Int(byte - 0x80)]
        return Unicode.Scalar(value) ?? Unicode.Scalar(byte)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Any other charset through Foundation (CoreFoundation knows the IANA names:
    /// iso-8859-*, windows-125x, koi8-r/u, gb2312, big5, shift_jis, …).
    static func foundationDecode(_ bytes: [UInt8], name: String) -> String? {
        guard let encoding = foundationEncoding(name) else { return nil }
        return String(data: Data(bytes), encoding: encoding)
    }

    static func foundationEncoding(_ name: String) -> String.Encoding? {
        #if canImport(CoreFoundation)
        guard let cfName = CFStringCreateWithCString(nil, name, CFStringBuiltInEncodings.UTF8.rawValue) else { return nil }
        let cf = CFStringConvertIANACharSetNameToEncoding(cfName)
        guard cf != kCFStringEncodingInvalidId else { return nil }
        return String.Encoding(rawValue: UInt(CFStringConvertEncodingToNSStringEncoding(cf)))
        #else
        return nil
        #endif
    }
}
