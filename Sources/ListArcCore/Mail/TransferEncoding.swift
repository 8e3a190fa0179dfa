/// Content-Transfer-Encoding decoders. Both are lenient: broken input decodes as
/// far as it makes sense and never fails (a best-effort body beats none).
public enum TransferEncoding {
    /// Decodes a body for the given `Content-Transfer-Encoding` value;
    /// 7bit, 8bit, binary and unknown encodings pass through.
    public static func decode(_ bytes: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmingCharacters(in: .whitespaces).lowercased() ?? "" {
        case "quoted-printable": return quotedPrintable(bytes)
        case "base64": return base64(bytes)
        default: return Array(bytes)
        }
    }

    /// RFC 2045 §6.7. `=XX` (either case), soft breaks `=` LF / `=` CRLF (also with
    /// whitespace between `=` and the line end). A stray `=` is kept as is.
    /// Trailing whitespace is kept: in a diff it is content.
    public static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                index += 1
                continue
            }
            let next = index + 1
            if next + 1 < end, let high = hexValue(bytes[next]), let low = hexValue(bytes[next + 1]) {
                out.append(high << 4 | low)
                index = next + 2
                continue
            }
            // Soft line break: `=`, optional spaces/tabs, then LF or CRLF (or the end).
            var probe = next
            while probe < end, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
            if probe == end {
                index = end
                continue
            }
            if bytes[probe] == 0x0A {
                index = probe + 1
                continue
            }
            if bytes[probe] == 0x0D, probe + 1 < end, bytes[probe + 1] == 0x0A {
                index = probe + 2
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// RFC 2045 §6.8, lenient: characters outside the alphabet are skipped, `=`
    /// ends a quantum (so concatenated base64 blocks decode too), a partial
    /// final quantum yields the bytes it holds.
    public static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        func flush() {
            switch count {
            case 2: out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            case 3:
                out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            default: break
            }
            accumulator = 0
            count = 0
        }
        for byte in bytes {
            let value = base64Table[Int(byte)]
            if value == 0xFF { continue }
            if value == 0xFE {
                flush()
                continue
            }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        flush()
        return out
    }

    /// 0–63 for the alphabet (standard and URL-safe), 0xFE for `=`, 0xFF otherwise.
    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        table[Int(UInt8(ascii: "="))] = 0xFE
        return table
    }()
}
