import ArgumentParser

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show messages with quote depth, attributions and diffs.")

    func run() async throws {
        warn("listarc show: not implemented yet")
        throw Status.badInput
    }
}
