import Foundation
import ListArcStore

/// The import's second stage: a thread that stores batches while the importing
/// thread reads and analyses the next one (two cores busy instead of one). The
/// queue holds at most `capacity` batches, the one being stored included, so with
/// the batch being filled at most `capacity + 1` are in memory however far the
/// reader could run ahead. Each batch is still one transaction, stored in order.
final class ImportWriter: @unchecked Sendable {
    enum Item {
        case batch([PreparedMessage])
        /// Rejections found while reading, kept in order with the batches' own.
        case rejections([String])
    }

    private let archive: Archive
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var closed = false
    private var running = true
    private var failure: Error?
    private var summary = IngestSummary()

    init(archive: Archive, capacity: Int = 1) {
        self.archive = archive
        self.capacity = capacity
        let thread = Thread { [self] in run() }
        thread.name = "listarc import writer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues an item, waiting while the queue is full; rethrows the writer's error.
    func submit(_ item: Item) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(item)
        condition.broadcast()
    }

    /// What has been stored so far.
    var progress: IngestSummary {
        condition.lock()
        defer { condition.unlock() }
        return summary
    }

    /// Waits until everything queued is stored; the summary, or the writer's error.
    func finish() throws -> IngestSummary {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while running { condition.wait() }
        if let failure { throw failure }
        return summary
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            guard !queue.isEmpty else {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let item = queue[0]
            condition.unlock()

            var stored = IngestSummary()
            var error: Error?
            switch item {
            case .batch(let batch):
                do { stored = try archive.ingest(prepared: batch) } catch let e { error = e }
            case .rejections(let reasons):
                for reason in reasons { stored.rejected += 1; stored.rejections.append(reason) }
            }

            condition.lock()
            queue.removeFirst()
            summary += stored
            if let error {
                failure = error
                queue.removeAll()
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
