/// Fingerprint → group number, open addressing: the fingerprints are hashes already.
struct FingerprintTable {
    private var keys: [Int64]
    private var values: [Int32]
    private var used = 0

    init() {
        keys = Array(repeating: 0, count: 1024)
        values = Array(repeating: -1, count: 1024)
    }

    func find(_ key: Int64) -> Int? {
        let mask = keys.count - 1
        var i = Self.slot(key, mask)
        while values[i] >= 0 {
            if keys[i] == key { return Int(values[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds a key that `find` did not find.
    mutating func insert(_ key: Int64, _ value: Int) {
        if (used + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = Self.slot(key, mask)
        while values[i] >= 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = Int32(truncatingIfNeeded: value)
        used += 1
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.1 >= 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        values = Array(repeating: -1, count: values.count * 2)
        used = 0
        for (k, v) in old { insert(k, Int(v)) }
    }

    /// Mixed, so that fingerprints differing only in high bits spread too.
    private static func slot(_ key: Int64, _ mask: Int) -> Int {
        let x = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: x >> 32) & mask
    }
}
