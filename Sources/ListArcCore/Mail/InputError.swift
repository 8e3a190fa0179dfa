/// A problem with what the user gave us: printed as one line, `INPUT: problem`.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var input: String
    public var problem: String
    public init(_ input: String, _ problem: String) {
        self.input = input
        self.problem = problem
    }
    public var description: String { "\(input): \(problem)" }
}
