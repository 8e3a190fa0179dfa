import Foundation

/// Text columns kept as bytes in one growing buffer; a `Slice` names one (count -1 =
/// NULL) and knows whether it is ASCII, where bytes order as `String` does.
struct TextBuffer {
    struct Slice {
        var start: Int
        var count: Int32
        var ascii: Bool
        static let null = Slice(start: 0, count: -1, ascii: true)
    }
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>?) -> Slice {
        guard let b else { return Slice(start: 0, count: -1, ascii: true) }
        let start = bytes.count
        bytes.append(contentsOf: b)
        return Slice(start: start, count: Int32(truncatingIfNeeded: b.count), ascii: Self.isASCII(b))
    }

    func string(_ s: Slice) -> String? {
        guard s.count >= 0 else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s.start..<s.start + Int(s.count)]), as: UTF8.self) }
    }

    /// The order of the two texts as `String` orders them (NULL as ""): -1, 0 or 1.
    func order(_ a: Slice, _ b: Slice) -> Int {
        bytes.withUnsafeBufferPointer { all in
            Self.order(Self.view(all, a), a.ascii, Self.view(all, b), b.ascii)
        }
    }

    /// `other` (a row's bytes, nil = NULL) against a kept slice.
    func order(_ other: UnsafeBufferPointer<UInt8>?, _ kept: Slice) -> Int {
        let o = other ?? UnsafeBufferPointer(start: nil, count: 0)
        return bytes.withUnsafeBufferPointer { all in
            Self.order(o, Self.isASCII(o), Self.view(all, kept), kept.ascii)
        }
    }

    /// Two byte strings in `String` order.
    static func order(_ x: [UInt8], _ y: [UInt8]) -> Int {
        x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b in order(a, isASCII(a), b, isASCII(b)) }
        }
    }

    private static func view(_ all: UnsafeBufferPointer<UInt8>, _ s: Slice) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: all[s.start..<s.start + max(Int(s.count), 0)])
    }

    private static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in b { high |= byte }
        return high < 0x80
    }

    private static func order(_ x: UnsafeBufferPointer<UInt8>, _ xASCII: Bool, _ y: UnsafeBufferPointer<UInt8>, _ yASCII: Bool) -> Int {
        guard xASCII, yASCII else {
            let s = String(decoding: x, as: UTF8.self), t = String(decoding: y, as: UTF8.self)
            return s < t ? -1 : s == t ? 0 : 1
        }
        let n = min(x.count, y.count)
        if n > 0, let xp = x.baseAddress, let yp = y.baseAddress {
            let c = memcmp(xp, yp, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return x.count < y.count ? -1 : x.count == y.count ? 0 : 1
    }
}
