import ArgumentParser

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Fetch a thread or message from a web archive into the archive.")

    func run() async throws {
        warn("listarc fetch: not implemented yet")
        throw Status.badInput
    }
}
