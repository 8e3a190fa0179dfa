/// A 128-bit digest of text, eight bytes a step, for telling whether a stored copy
/// changed. `ContentHash` goes byte by byte (0.1 s of the corpus's import, hashing every
/// raw mail) and must stay as it is: synthetic Message-IDs are made with it.
/// Never shown and never an identity, so it may change between versions.
public struct TextDigest: Sendable {
    private var a: UInt64 = 0x9e37_79b9_7f4a_7c15
    private var b: UInt64 = 0xc2b2_ae3d_27d4_eb4f

    public init() {}

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    public mutating func add(_ value: Int) { mix(UInt64(bitPattern: Int64(value)), 0xFF) }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        while i + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0)
            i += 8
        }
        var tail: UInt64 = 0
        for k in i..<bytes.count { tail |= UInt64(bytes[k]) << (8 * UInt64(k - i)) }
        // The length ends the field: "ab" + "c" and "a" + "bc" differ.
        mix(tail, UInt64(bytes.count))
    }

    private mutating func mix(_ word: UInt64, _ salt: UInt64) {
        a = (a ^ word ^ salt) &* 0x9e37_79b9_7f4a_7c15
        a ^= a >> 32
        b = (b &+ word &+ salt) &* 0xff51_afd7_ed55_8ccd
        b ^= b >> 29
    }

    /// 32 lowercase hex digits.
    public var hex: String {
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }
}
