import ArgumentParser
import Foundation
import ListArcCore

/// Exit statuses of DESIGN.md: 0 found, 1 nothing found, 2 bad input, 3 network.
enum Status {
    static let nothingFound = ExitCode(1)
    static let badInput = ExitCode(2)
    static let network = ExitCode(3)
}

/// Prints one line on stderr.
func warn(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs a command body, turning errors into one line on stderr and the right exit status.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let e as ExitCode {
        throw e
    } catch let e as InputError {
        warn("listarc: \(e.description)")
        throw Status.badInput
    } catch let e as CleanExit {
        throw e
    } catch {
        warn("listarc: \(error)")
        throw Status.badInput
    }
}
