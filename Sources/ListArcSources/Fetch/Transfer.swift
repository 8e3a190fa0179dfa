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
/// into memory up to a limit and the transfer is cancelled past it.
final class Transfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State {
        var limit: Int
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var failure: TransferFailure?
        var continuation: CheckedContinuation<Exchange, Error>
    }

    private let lock = NSLock()
    private var states: [Int: State] = [:]
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

    func invalidate() { session.invalidateAndCancel() }

    /// One exchange; throws `TransferFailure`.
    func exchange(_ request: URLRequest, limit: Int, overallTimeout: Double) async throws -> Exchange {
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Exchange, Error>) in
                lock.withLock { states[id] = State(limit: limit, continuation: continuation) }
                task.resume()
                // The overall deadline: URLSession's own timeout only covers idle time.
                DispatchQueue.global().asyncAfter(deadline: .now() + overallTimeout) { [weak self, weak task] in
                    guard let self, let task else { return }
                    let live = self.lock.withLock { () -> Bool in
                        guard self.states[id] != nil else { return false }
                        if self.states[id]?.failure == nil { self.states[id]?.failure = .timedOut(overallTimeout) }
                        return true
                    }
                    if live { task.cancel() }
                }
            }
        } onCancel: {
            lock.withLock { if states[id]?.failure == nil { states[id]?.failure = .network("cancelled") } }
            task.cancel()
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let id = dataTask.taskIdentifier
        let http = response as? HTTPURLResponse
        let refuse = lock.withLock { () -> Bool in
            guard var state = states[id] else { return true }
            state.response = http
            // Refuse a huge body before reading any of it.
            if response.expectedContentLength > Int64(state.limit) {
                state.failure = .tooLarge(declared: response.expectedContentLength, limit: state.limit)
                states[id] = state
                return true
            }
            if response.expectedContentLength > 0 {
                state.body.reserveCapacity(Int(response.expectedContentLength))
            }
            states[id] = state
            return false
        }
        completionHandler(refuse ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let over = lock.withLock { () -> Bool in
            guard var state = states[id], state.failure == nil else { return false }
            if state.body.count + data.count > state.limit {
                state.failure = .tooLarge(declared: nil, limit: state.limit)
                state.body = []
                states[id] = state
                return true
            }
            state.body.append(contentsOf: data)
            states[id] = state
            return false
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let id = task.taskIdentifier
        guard let state = lock.withLock({ states.removeValue(forKey: id) }) else { return }
        if let failure = state.failure {
            state.continuation.resume(throwing: failure)
            return
        }
        if let error {
            state.continuation.resume(throwing: Self.failure(error, timeout: session.configuration.timeoutIntervalForRequest))
            return
        }
        let http = state.response ?? (task.response as? HTTPURLResponse)
        guard let http else {
            state.continuation.resume(throwing: TransferFailure.network("no HTTP response"))
            return
        }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        // A body shorter than its Content-Length is a dropped connection, whatever
        // the transport made of it.
        if http.expectedContentLength > 0, Int64(state.body.count) < http.expectedContentLength,
           headers["content-encoding"] == nil {
            state.continuation.resume(throwing: TransferFailure.network(
                "connection closed after \(state.body.count) of \(http.expectedContentLength) bytes"))
            return
        }
        state.continuation.resume(returning: Exchange(status: http.statusCode, headers: headers, body: state.body))
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
