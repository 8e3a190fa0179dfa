import Foundation

/// A fetch that failed on the network side (exit status 3): the server could not be
/// reached, kept failing, sent too much, or sent something unusable.
/// Printed as one line, `URL: problem`.
public struct FetchError: Error, CustomStringConvertible, Sendable, Equatable {
    public var url: String
    public var problem: String
    /// The HTTP status when the server answered with an error status.
    public var status: Int?
    public init(_ url: String, _ problem: String, status: Int? = nil) {
        self.url = url
        self.problem = problem
        self.status = status
    }
    public var description: String { "\(url): \(problem)" }
}
