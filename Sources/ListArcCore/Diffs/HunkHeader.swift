/// A parsed `@@ -a[,b] +c[,d] @@[ section]` line (counts of 1 may be omitted).
struct HunkHeader: Equatable {
    var oldStart: Int
    var oldCount: Int
    var newStart: Int
    var newCount: Int
    var section: String

    /// Counts above this are not believed (they would make a reader wait forever);
    /// the hunk is then read to its structural end and recounted.
    static let maxCount = 10_000_000

    init?(_ line: Substring) {
        let u = Array(line.utf8.prefix(64 + 2 * 20))
        var i = 0
        func expect(_ s: StaticString) -> Bool {
            let p = UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
            for b in p {
                guard i < u.count, u[i] == b else { return false }
                i += 1
            }
            return true
        }
        func number() -> Int? {
            var n = 0, digits = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if digits < 12 { n = n * 10 + Int(u[i] - 48) }
                digits += 1
                i += 1
            }
            return digits == 0 ? nil : n
        }
        func range() -> (Int, Int)? {
            guard let start = number() else { return nil }
            if i < u.count, u[i] == UInt8(ascii: ",") {
                i += 1
                guard let count = number() else { return nil }
                return (start, count)
            }
            return (start, 1)
        }
        guard expect("@@ -"), let old = range(), expect(" +"), let new = range(), expect(" @@") else { return nil }
        oldStart = old.0
        oldCount = old.1
        newStart = new.0
        newCount = new.1
        // Section: the rest after one separating space, taken from the full line.
        let lu = line.utf8
        var rest = line[lu.index(lu.startIndex, offsetBy: i)...]
        if rest.utf8.first == UInt8(ascii: " ") { rest = rest[rest.utf8.index(after: rest.utf8.startIndex)...] }
        section = String(rest)
    }

    /// Whether the counts are small enough to read a hunk by.
    var believable: Bool { oldCount <= Self.maxCount && newCount <= Self.maxCount }
}
