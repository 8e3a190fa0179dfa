import Foundation
import ListArcCore

/// Function attributions of hunks already stored in this run, by the whole hunk.
/// Patch series are resent, quoted and re-rolled: in the kernel-patches corpus 43%
/// of the hunks repeat one seen before, header and all, and attributing a hunk is
/// the costliest step of storing it. `FunctionAttributor.functions(in:)` depends on
/// the hunk alone, so a hit returns exactly what a new call would. Bounded: when
/// the cached hunks hold more than `byteLimit` bytes of text it starts afresh.
final class AttributionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Hunk: [HunkFunction]] = [:]
    private var bytes = 0
    let byteLimit: Int

    init(byteLimit: Int = 8 << 20) {
        self.byteLimit = byteLimit
    }

    func functions(in hunk: Hunk) -> [HunkFunction] {
        lock.lock()
        let hit = entries[hunk]
        lock.unlock()
        if let hit { return hit }
        let functions = FunctionAttributor.functions(in: hunk)
        let size = hunk.lines.reduce(hunk.section.utf8.count) { $0 + $1.utf8.count + 1 }
        lock.lock()
        if bytes + size > byteLimit {
            entries.removeAll(keepingCapacity: true)
            bytes = 0
        }
        if size <= byteLimit {
            entries[hunk] = functions
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
