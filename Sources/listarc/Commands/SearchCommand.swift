import ArgumentParser
import Foundation
import ListArcCore
import ListArcStore

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the archive.",
        discussion: """
            `listarc search function NAME` lists hunks that modify, call or mention a function. \
            `listarc search QUERY…` takes lore/lei syntax: s: f: b: bs: d: (d:2022-07-01..2022-08-01, \
            d:..DATE, d:DATE.., d:2.weeks.ago..) mid:/m: dfn: dfhh: dfa: dfb: fn:, AND OR NOT -term, \
            parentheses and "quoted phrases". Put `--` before a query that starts with `-`.
            """,
        subcommands: [SearchFunctionCommand.self, SearchQueryCommand.self],
        defaultSubcommand: SearchQueryCommand.self)
}

/// UTC ISO-8601 of stored epoch seconds, else the Date header as written.
func isoDate(_ epoch: Int64?, _ text: String?) -> String? {
    guard let epoch else { return text }
    return ThreadCommand.isoDate(epoch)
}

/// `2022-07-20 02:17` for tables.
func shortDate(_ epoch: Int64?) -> String {
    guard let epoch else { return "????-??-?? ??:??" }
    return String(ThreadCommand.isoDate(epoch).prefix(16)).replacingOccurrences(of: "T", with: " ")
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

func openArchive(_ options: ArchiveOptions) throws -> Archive {
    guard FileManager.default.fileExists(atPath: options.path) else {
        throw InputError(options.path, "no archive here (import or fetch something first)")
    }
    return try Archive(path: options.path, create: false)
}

struct SearchFunctionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "function",
        abstract: "Hunks that modify, call or mention a function, newest patch first.",
        discussion: "NAME may be written as the attribution records it (sys_brk) or as its macro (SYSCALL_DEFINE1(brk…)).")

    @OptionGroup var archive: ArchiveOptions

    @Argument(help: "The function name.")
    var name: String

    @Option(name: .long, help: "Only hunks that modifies|calls|mentions it.")
    var kind: String?

    @Option(name: .long, help: "Only hunks of this file (path as in the diff, without a/ b/).")
    var file: String?

    @Option(name: .long, help: "Only patches dated on or after DATE (YYYY-MM-DD, N.days.ago).")
    var since: String?

    @Option(name: .long, help: "Only messages of this list (name, or host/name).")
    var list: String?

    @Option(name: .long, help: "At most N hunks, the newest (0: all).")
    var limit = 200

    @Flag(name: .long, help: "Print JSON: {\"results\":[{\"messageId\",\"subject\",\"date\",\"file\",\"header\",\"kind\",\"depth\",\"count\"}]}, and \"total\" when --limit cut the results.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() async throws {
        try await reportingErrors {
            var relation: FunctionRelation?
            if let kind {
                guard let r = FunctionRelation(rawValue: kind) else { throw InputError("--kind \(kind)", "use modifies, calls or mentions") }
                relation = r
            }
            let sinceSeconds = try since.map { try QueryDate.start($0) }
            let found = try openArchive(archive).searchFunctionCounting(
                FunctionQuery(name: name, relation: relation, file: file, since: sinceSeconds, list: list, limit: limit == 0 ? nil : limit))
            let hits = found.hits
            let cut = found.total > hits.count
            if json {
                struct Entry: Encodable {
                    var messageId, subject: String
                    var date: String?
                    var file, header, kind: String
                    var depth, count: Int
                }
                struct Output: Encodable {
                    var results: [Entry]
                    var total: Int?
                }
                try printJSON(Output(results: hits.map {
                    Entry(messageId: $0.messageID, subject: $0.subject, date: isoDate($0.date, $0.dateText), file: $0.file,
                          header: $0.header, kind: $0.relation.rawValue, depth: $0.depth, count: $0.count)
                }, total: cut ? found.total : nil))
            } else {
                for h in hits {
                    let copies = h.count > 1 ? "  (\(h.count) copies)" : ""
                    print("\(shortDate(h.date))  \(h.relation.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(h.file) \(h.header)  \(h.subject)  <\(h.messageID)>  depth \(h.depth)\(copies)")
                }
                if cut { warn("listarc: the newest \(hits.count) of \(found.total) hunks (--limit N for more, 0 for all)") }
            }
            if hits.isEmpty {
                if !json { warn("listarc: no hunk modifies, calls or mentions \(name)") }
                throw Status.nothingFound
            }
        }
    }
}

struct SearchQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Messages matching a lore/lei-style query, newest first (the default of `search`).")

    @OptionGroup var archive: ArchiveOptions

    @Option(name: .long, help: "At most N messages.")
    var limit = 200

    @Flag(name: .long, help: "Print JSON: {\"results\":[{\"messageId\",\"subject\",\"from\",\"date\"}]}.")
    var json = false

    @Argument(parsing: .allUnrecognized, help: "The query words.")
    var words: [String] = []

    func validate() throws {
        if words.isEmpty { throw ValidationError("give a query, or `function NAME`") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let text = words.joined(separator: " ")
            let node = try QueryParser.parse(text)
            let hits = try openArchive(archive).search(node, limit: limit)
            if json {
                struct Entry: Encodable { var messageId, subject, from: String; var date: String? }
                struct Output: Encodable { var results: [Entry] }
                try printJSON(Output(results: hits.map { Entry(messageId: $0.messageID, subject: $0.subject, from: $0.from, date: isoDate($0.date, $0.dateText)) }))
            } else {
                for h in hits {
                    let who = Author(h.from).name ?? Author(h.from).address ?? h.from
                    print("\(shortDate(h.date))  \(who)  \(h.subject.isEmpty ? "(no subject)" : h.subject)  <\(h.messageID)>")
                }
            }
            if hits.isEmpty {
                if !json { warn("listarc: no message matches \(text)") }
                throw Status.nothingFound
            }
        }
    }
}
