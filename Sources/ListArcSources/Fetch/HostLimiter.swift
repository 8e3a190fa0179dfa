import Foundation

/// Politeness per host: at most `jobs` requests in flight, and `delay` seconds
/// between the end of one request and the start of the next (and between two starts).
actor HostLimiter {
    private let jobs: Int
    private let delay: Double
    private var inFlight: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var nextStart: [String: ContinuousClock.Instant] = [:]

    init(jobs: Int, delay: Double) {
        self.jobs = max(1, jobs)
        self.delay = max(0, delay)
    }

    /// Waits for a slot on `host`; pair with `release(host)`.
    func acquire(_ host: String) async {
        if inFlight[host, default: 0] >= jobs {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        } else {
            inFlight[host, default: 0] += 1
        }
        if delay > 0 {
            let now = ContinuousClock.now
            let start = max(now, nextStart[host] ?? now)
            nextStart[host] = start + .milliseconds(Int(delay * 1000))
            if start > now { try? await Task.sleep(until: start, clock: .continuous) }
        }
    }

    func release(_ host: String) {
        if delay > 0 {
            let after = ContinuousClock.now + .milliseconds(Int(delay * 1000))
            nextStart[host] = max(after, nextStart[host] ?? after)
        }
        if var queue = waiting[host], !queue.isEmpty {
            // Hand the slot straight to the next waiter.
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()
        } else {
            inFlight[host, default: 1] -= 1
        }
    }
}
