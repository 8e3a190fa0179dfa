import ArgumentParser

struct ThreadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "thread", abstract: "Draw a thread as a tree.")

    func run() async throws {
        warn("listarc thread: not implemented yet")
        throw Status.badInput
    }
}
