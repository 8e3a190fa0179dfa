import ArgumentParser
import Foundation
import ListArcCore
import ListArcSources
import ListArcStore

struct ThreadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thread",
        abstract: "Draw a thread as a tree.",
        discussion: """
            INPUT is a Message-ID in the archive (the whole stored thread is drawn) or files \
            (pages, mails, mboxes: their messages are threaded among themselves). Parents that \
            no In-Reply-To/References names are inferred from quotes, attributions, subjects \
            and dates, and marked "inferred".
            """)

    @OptionGroup var archive: ArchiveOptions

    @Argument(help: "A Message-ID in the archive, or one or more files.")
    var inputs: [String]

    @Flag(name: .long, help: "Print JSON: {\"messages\":[{\"messageId\",\"parent\",\"subject\",\"from\",\"date\",\"depth\",\"inferred\"}]}.")
    var json = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give a Message-ID or a file") }
    }

    func run() async throws {
        try await reportingErrors {
            let messages: [ThreadMessage]
            if inputs.count == 1, let only = inputs.first, !FileManager.default.fileExists(atPath: only), only != "-" {
                messages = try stored(MessageID.first(in: only) ?? only)
            } else {
                messages = try fromFiles(inputs)
            }
            let tree = ThreadTree(messages.map { ($0.messageID, $0.date, ThreadLink(parent: $0.parent, inferred: $0.inferred)) })
            let byID = Dictionary(messages.map { ($0.messageID, $0) }, uniquingKeysWith: { a, _ in a })
            if json { try printJSON(tree, byID) } else { printTree(tree, byID) }
        }
    }

    private func stored(_ id: String) throws -> [ThreadMessage] {
        guard FileManager.default.fileExists(atPath: archive.path) else { throw InputError(id, "not a file, and there is no archive at \(archive.path)") }
        guard let thread = try Archive(path: archive.path, create: false).thread(containing: id) else {
            warn("listarc: \(id): no such file, and no message with that Message-ID in the archive")
            throw Status.nothingFound
        }
        return thread
    }

    private func fromFiles(_ paths: [String]) throws -> [ThreadMessage] {
        var nodes: [ThreadNode] = []
        var info: [String: MailMessage] = [:]
        for path in paths {
            let bytes: [UInt8]
            if path == "-" {
                bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            } else {
                do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
                    throw InputError(path, "cannot read: \(error.localizedDescription)")
                }
            }
            for message in try InputReader.messages(in: bytes, name: path, url: nil) {
                let node = ThreadNode(Analyser.analyse(message))
                guard info[node.id] == nil else { continue }
                info[node.id] = message
                nodes.append(node)
            }
        }
        let links = ThreadLinker.link(nodes)
        return nodes.map { n in
            let m = info[n.id]
            let link = links[n.id] ?? ThreadLink(parent: nil, inferred: false)
            return ThreadMessage(messageID: n.id, parent: link.parent, inferred: link.inferred, subject: m?.subject ?? n.subject,
                                 from: m?.from ?? "", date: n.date, dateText: m?.date)
        }
    }

    private func printJSON(_ tree: ThreadTree, _ byID: [String: ThreadMessage]) throws {
        struct Entry: Encodable {
            var messageId: String
            var parent: String?
            var subject: String
            var from: String
            var date: String?
            var depth: Int
            var inferred: Bool
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(messageId, forKey: .messageId)
                try c.encode(parent, forKey: .parent)  // null for roots, not absent
                try c.encode(subject, forKey: .subject)
                try c.encode(from, forKey: .from)
                try c.encode(date, forKey: .date)
                try c.encode(depth, forKey: .depth)
                try c.encode(inferred, forKey: .inferred)
            }
            enum CodingKeys: String, CodingKey { case messageId, parent, subject, from, date, depth, inferred }
        }
        struct Output: Encodable { var messages: [Entry] }
        let entries = tree.entries.compactMap { e -> Entry? in
            guard let m = byID[e.id] else { return nil }
            return Entry(messageId: m.messageID, parent: m.parent, subject: m.subject, from: m.from,
                         date: m.date.map(ThreadCommand.isoDate) ?? m.dateText, depth: e.depth, inferred: m.inferred)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(Output(messages: entries)), as: UTF8.self))
    }

    private func printTree(_ tree: ThreadTree, _ byID: [String: ThreadMessage]) {
        for e in tree.entries {
            guard let m = byID[e.id] else { continue }
            var prefix = ""
            if e.depth > 0 {
                for open in e.openLevels.dropFirst() { prefix += open ? "│  " : "   " }
                prefix += e.isLastChild ? "└─ " : "├─ "
            }
            let who = Author(m.from).name ?? Author(m.from).address ?? m.from
            let when = m.date.map { String(ThreadCommand.isoDate($0).prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? m.dateText ?? "?"
            print("\(prefix)\(m.subject.isEmpty ? "(no subject)" : m.subject)  — \(who), \(when)\(m.inferred ? "  [inferred]" : "")  <\(m.messageID)>")
        }
    }

    /// Integer arithmetic: a formatter built per line cost 0.4 ms, most of a long listing.
    static func isoDate(_ epoch: Int64) -> String {
        MailDate.iso8601(epoch)
    }
}
