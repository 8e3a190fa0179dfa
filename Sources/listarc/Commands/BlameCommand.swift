import ArgumentParser

struct BlameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "blame", abstract: "Rank archived hunks a bug report points at.")

    func run() async throws {
        warn("listarc blame: not implemented yet")
        throw Status.badInput
    }
}
