import ArgumentParser

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search the archive.")

    func run() async throws {
        warn("listarc search: not implemented yet")
        throw Status.badInput
    }
}
