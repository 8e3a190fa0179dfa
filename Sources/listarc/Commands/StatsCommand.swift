import ArgumentParser
import Foundation
import ListArcStore

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of what the archive holds.")

    @OptionGroup var archive: ArchiveOptions

    @Flag(name: .long, help: "Print JSON: {\"lists\",\"messages\",\"threads\",\"diffs\",\"hunks\",\"reports\"}.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            // An archive that does not exist yet holds nothing; do not create one just to say so.
            let stats = FileManager.default.fileExists(atPath: archive.path)
                ? try Archive(path: archive.path, create: false).statistics() : ArchiveStatistics()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            } else {
                let rows = [("lists", stats.lists), ("messages", stats.messages), ("threads", stats.threads),
                            ("diffs", stats.diffs), ("hunks", stats.hunks), ("reports", stats.reports)]
                for (name, n) in rows { print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(n)) }
            }
        }
    }
}
