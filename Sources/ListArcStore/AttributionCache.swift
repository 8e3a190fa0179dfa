import Foundation
import ListArcCore

/// Function attributions of hunks already stored in this run, by the whole hunk.
/// Patch series are resent, quoted and re-rolled: in the kernel-patches corpus 43%
/// of the hunks repeat one seen before, header and all, and attributing a hunk is
/// the costliest step of storing it. `FunctionAttributor.functions(in:)` depends on
/// the hunk alone, so a hit returns exactly what a new call would.
///
/// Keyed by a 128-bit digest of the hunk (two differently prefixed SipHashes over
/// every field), not the hunk itself: the cache holds no hunk text, so it costs a few
/// megabytes of memory at most. Bounded: when the entries' estimated size passes
/// `byteLimit` it starts afresh.
final class AttributionCache: @unchecked Sendable {
    private struct Key: Hashable {
        var a: Int
        var b: Int
        init(_ hunk: Hunk) {
            var first = Hasher(), second = Hasher()
            first.combine(0x6C69_7374)
            second.combine(0x6172_6321)
            hunk.hash(into: &first)
            hunk.hash(into: &second)
            a = first.finalize()
            b = second.finalize()
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
