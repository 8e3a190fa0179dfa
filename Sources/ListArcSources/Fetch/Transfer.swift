import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one request/response exchange (no redirects followed) produced.
struct Exchange: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
}

/// Why one exchange failed. `retryable` says whether trying again may help.
enum TransferFailure: Error, Sendable {
    case timedOut(Double)
    case tooLarge(declared: Int64?, limit: Int)
    case network(String)
    /// The TLS handshake or certificate check failed: trying again will not help.
    case tls(String)

    var retryable: Bool {
        switch self {
        case .timedOut, .network: return true
        case .tooLarge, .tls: return false
        }
    }

    var problem: String {
        switch self {
        case .timedOut(let s): return "timed out after \(Self.seconds(s))"
        case .tooLarge(let declared?, let limit): return "response too large: Content-Length \(declared) bytes exceeds the limit of \(limit) bytes"
        case .tooLarge(nil, let limit): return "response too large: more than \(limit) bytes"
        case .network(let m): return m
        case .tls(let m): return "TLS verification failed: \(m)"
        }
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}

/// Runs single exchanges on one URLSession. Redirects are not followed here (the
/// client follows them itself, checking scheme, host and count); bodies are read
/// into memory up to a limit.
///
/// No task is ever cancelled: in FoundationNetworking a `cancel()` that lands while
/// the transfer is finishing reaches a task already gone from the session's registry
/// and traps the process ("Trying to access a behaviour for a task that in not in
/// the registry"). An exchange that must stop early (deadline, size cap, Swift task
/// cancelled) is answered at once and its transfer is left to end on its own, its
/// bytes dropped; the session's idle timeout bounds a stalled one.
final class Transfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State {
        var limit: Int
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var continuation: CheckedContinuation<Exchange, Error>
    }

    private let lock = NSLock()
    private var states: [Int: State] = [:]
    /// Exchanges whose Swift task was cancelled before their state was stored.
    private var cancelledEarly: Set<Int> = []
    private var session: URLSession!

    init(timeout: Double) {
        super.init()
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.httpMaximumConnectionsPerHost = 8
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: config, delegate: self, delegateQueue: queue)
    }

    func invalidate() { session.finishTasksAndInvalidate() }

    /// One exchange; throws `TransferFailure`.
    func exchange(_ request: URLRequest, limit: Int, overallTimeout: Double) async throws -> Exchange {
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Exchange, Error>) in
                let cancelled = lock.withLock { () -> Bool in
                    if cancelledEarly.remove(id) != nil { return true }
                    states[id] = State(limit: limit, continuation: continuation)
                    return false
                }
                if cancelled {
                    continuation.resume(throwing: TransferFailure.network("cancelled"))
                    return
                }
                task.resume()
                // The overall deadline: URLSession's own timeout only covers idle time.
                DispatchQueue.global().asyncAfter(deadline: .now() + overallTimeout) { [weak self] in
                    self?.finish(id, .failure(TransferFailure.timedOut(overallTimeout)))
                }
            }
        } onCancel: {
            let pending = lock.withLock { () -> Bool in
                if states[id] != nil { return true }
                cancelledEarly.insert(id)
                return false
            }
            if pending { finish(id, .failure(TransferFailure.network("cancelled"))) }
        }
    }

    /// Answers an exchange once; later events of its transfer find no state and are dropped.
    private func finish(_ id: Int, _ result: Result<Exchange, Error>) {
        guard let state = lock.withLock({ states.removeValue(forKey: id) }) else { return }
        state.continuation.resume(with: result)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let id = dataTask.taskIdentifier
        let http = response as? HTTPURLResponse
        let tooLarge = lock.withLock { () -> Int? in
            guard var state = states[id] else { return nil }
            state.response = http
            // Refuse a huge body before reading any of it.
            if response.expectedContentLength > Int64(state.limit) { return state.limit }
            if response.expectedContentLength > 0 {
                state.body.reserveCapacity(Int(response.expectedContentLength))
            }
            states[id] = state
            return nil
        }
        if let limit = tooLarge {
            finish(id, .failure(TransferFailure.tooLarge(declared: response.expectedContentLength, limit: limit)))
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let overLimit = lock.withLock { () -> Int? in
            guard var state = states[id] else { return nil }
            if state.body.count + data.count > state.limit { return state.limit }
            state.body.append(contentsOf: data)
            states[id] = state
            return nil
        }
        if let limit = overLimit { finish(id, .failure(TransferFailure.tooLarge(declared: nil, limit: limit))) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let id = task.taskIdentifier
        guard let state = lock.withLock({ states[id] }) else { return }
        finish(id, Self.outcome(state: state, task: task, error: error,
                                timeout: session.configuration.timeoutIntervalForRequest))
    }

    private static func outcome(state: State, task: URLSessionTask, error: Error?, timeout: Double) -> Result<Exchange, Error> {
        if let error { return .failure(failure(error, timeout: timeout)) }
        guard let http = state.response ?? (task.response as? HTTPURLResponse) else {
            return .failure(TransferFailure.network("no HTTP response"))
        }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        // A body shorter than its Content-Length is a dropped connection, whatever
        // the transport made of it.
        if http.expectedContentLength > 0, Int64(state.body.count) < http.expectedContentLength,
           headers["content-encoding"] == nil {
            return .failure(TransferFailure.network(
                "connection closed after \(state.body.count) of \(http.expectedContentLength) bytes"))
        }
        return .success(Exchange(status: http.statusCode, headers: headers, body: state.body))
    }

    private static func failure(_ error: Error, timeout: Double) -> TransferFailure {
        let ns = error as NSError
        if ns.domain == NSURLErrorDomain {
            switch ns.code {
            case NSURLErrorTimedOut: return .timedOut(timeout)
            case NSURLErrorCannotConnectToHost: return .network("cannot connect (connection refused)")
            case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .network("cannot resolve the host name")
            case NSURLErrorNetworkConnectionLost: return .network("connection lost before the response was complete")
            case NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
                 NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid,
                 NSURLErrorSecureConnectionFailed, NSURLErrorClientCertificateRejected:
                return .tls(ns.localizedDescription)
            default: break
            }
        }
        let text = ns.localizedDescription
        // libcurl's words for certificate and handshake failures, whatever code they came with.
        if text.contains("SSL") || text.contains("certificate") || text.contains("TLS") {
            return .tls(text)
        }
        // libcurl's words for a body cut short.
        if text.contains("transfer closed") || text.contains("Partial file") {
            return .network("connection closed before the response was complete (\(text))")
        }
        return .network(text.isEmpty ? "network error \(ns.code)" : text)
    }
}
