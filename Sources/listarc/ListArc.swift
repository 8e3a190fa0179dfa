import ArgumentParser

@main
struct ListArc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listarc",
        abstract: "Archive mailing-list threads and get patches back out of them.",
        subcommands: [
            FetchCommand.self, ImportCommand.self, ShowCommand.self, ThreadCommand.self,
            DiffCommand.self, SearchCommand.self, BlameCommand.self, StatsCommand.self,
        ]
    )
}
