/// Finding one byte value in a buffer 16 bytes at a time: per-line scans that
/// look for a rare byte (a colon) then cost a fraction of a byte-by-byte loop.
enum ByteFind {
    static func first(_ byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        var i = max(0, from)
        let end = min(to, b.count)
        if let base = b.baseAddress {
            let wanted = SIMD16<UInt8>(repeating: byte)
            while i + 16 <= end {
                let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let hits = chunk .== wanted
                if any(hits) {
                    var k = 0
                    while !hits[k] { k += 1 }
                    return i + k
                }
                i += 16
            }
        }
        while i < end {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }
}
