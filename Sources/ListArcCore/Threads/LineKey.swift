/// Lines compared across messages (a reply's quoted lines against a candidate's own
/// text) after removing what archives and clients change: surrounding and repeated
/// blanks, and address domains (openwall cuts them to `user@...ain.tld`).
enum LineKey {
    /// Lines shorter than this (after normalising) are too common ("}", "Thanks,") to count.
    static let minimumLength = 6

    static func normalised<S: StringProtocol>(_ line: S) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count)
        var inAddressDomain = false
        var pendingSpace = false
        for b in line.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0D {
                inAddressDomain = false
                if !out.isEmpty { pendingSpace = true }
                continue
            }
            if inAddressDomain {
                if b == UInt8(ascii: ">") || b == UInt8(ascii: ",") || b == UInt8(ascii: ")") || b == UInt8(ascii: "]") { inAddressDomain = false } else { continue }
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
            if b == UInt8(ascii: "@") { inAddressDomain = true }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hash of a significant line, nil for short or blank ones.
    static func key<S: StringProtocol>(_ line: S) -> Int? {
        let n = normalised(line)
        guard n.utf8.count >= minimumLength else { return nil }
        return n.hashValue
    }
}
