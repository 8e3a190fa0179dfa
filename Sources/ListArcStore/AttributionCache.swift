import Foundation
import ListArcCore

/// Function attributions of hunks already stored in this run, by section text and
/// lines. Patch series are resent, quoted and re-rolled: in the kernel-patches corpus
/// 59% of the hunks repeat the section and lines of one seen before (43% the header
/// too: a re-rolled series moves hunks), and attributing a hunk is the costliest step
/// of storing it. `FunctionAttributor.functions(in:)` reads only the section and the
/// lines (line numbers matter only to the per-line results), so a hit returns exactly
/// what a new call would.
///
/// Keyed by a 128-bit digest of those, not the text itself: the cache holds no hunk
/// text, so it costs a few megabytes of memory at most.
/// Bounded: when the entries' estimated size passes `byteLimit` it starts afresh.
final class AttributionCache: @unchecked Sendable {
    private struct Key: Hashable {
        var sip: Int
        var mix: UInt64
        init(_ hunk: Hunk) {
            var d = Digest()
            d.add(hunk.lines.count)
            d.add(hunk.section)
            for line in hunk.lines { d.add(line) }
            sip = d.sip.finalize()
            mix = d.mix
        }
    }

    /// One pass over the hunk's bytes feeding two 64-bit lanes: a SipHash under the
    /// process's random seed (`Hasher`), which crafted mail cannot aim collisions
    /// at, and a multiply-mix of the same 8-byte words that adds 64 bits against
    /// chance collisions. Two whole-hunk `Hasher` passes cost twice the SipHash.
    private struct Digest {
        private static let seed = UInt64.random(in: .min ... .max)
        var sip = Hasher()
        var mix = Digest.seed

        mutating func add(_ n: Int) {
            sip.combine(n)
            stir(UInt64(bitPattern: Int64(n)))
        }

        /// Length first, so the strings' boundaries are part of the digest.
        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                add(bytes.count)
                sip.combine(bytes: bytes)
                var i = 0
                while i + 8 <= bytes.count {
                    stir(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    i += 8
                }
                var tail: UInt64 = 0
                for k in i..<bytes.count { tail |= UInt64(bytes[k]) << (8 * (k - i)) }
                stir(tail)
            }
        }

        private mutating func stir(_ word: UInt64) {
            let p = (mix ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
            mix = p.high ^ p.low
        }
    }

    private let lock = NSLock()
    private var entries: [Key: [HunkFunction]] = [:]
    private var bytes = 0
    let byteLimit: Int

    init(byteLimit: Int = 4 << 20) {
        self.byteLimit = byteLimit
    }

    func functions(in hunk: Hunk) -> [HunkFunction] {
        let key = Key(hunk)
        lock.lock()
        let hit = entries[key]
        lock.unlock()
        if let hit { return hit }
        let functions = FunctionAttributor.functions(in: hunk)
        // Key, dictionary slot and array header, plus each name's bytes and String.
        let size = functions.reduce(64) { $0 + 40 + $1.function.utf8.count + ($1.alias?.utf8.count ?? 0) }
        lock.lock()
        if bytes + size > byteLimit {
            entries.removeAll(keepingCapacity: true)
            bytes = 0
        }
        if size <= byteLimit {
            entries[key] = functions
            bytes += size
        }
        lock.unlock()
        return functions
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
