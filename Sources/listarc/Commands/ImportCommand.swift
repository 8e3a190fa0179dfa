import ArgumentParser

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import pages, mbox(.gz), maildir and .eml files.")

    func run() async throws {
        warn("listarc import: not implemented yet")
        throw Status.badInput
    }
}
