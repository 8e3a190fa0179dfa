import ArgumentParser

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of what the archive holds.")

    func run() async throws {
        warn("listarc stats: not implemented yet")
        throw Status.badInput
    }
}
