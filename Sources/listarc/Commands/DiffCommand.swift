import ArgumentParser

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Work with the diffs found in messages.")

    func run() async throws {
        warn("listarc diff: not implemented yet")
        throw Status.badInput
    }
}
