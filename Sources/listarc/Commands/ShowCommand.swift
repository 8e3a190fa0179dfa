import ArgumentParser
import Foundation
import ListArcCore
import ListArcSources

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show messages with quote depth, attributions and diffs.",
        discussion: """
        Text output: a header block per message, the embedded (quoted) messages with
        their depth, author and date, the diffs and crash reports found, then each body
        line as `LINE DEPTH MARK│text` (MARK: A attribution, D diff, R crash report).
        Control characters and escape sequences in message text are neutralised.
        """)

    @Argument(help: "A mail, mbox, maildir file or archive page; - for standard input.")
    var input: String

    @Flag(name: .long, help: "Print JSON: {\"messages\":[{messageId, subject, from, date, origin, embedded, attributions, lines, diffs, reports, …}]}.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let (bytes, name) = try Self.read(input)
            let messages = try InputReader.messages(in: bytes, name: name)
            guard !messages.isEmpty else { throw InputError(name, "no messages found") }
            let analysed = messages.map(Analyser.analyse)
            if json {
                try Self.write(try ShowJSON.encode(analysed))
            } else {
                let text = ShowText(colour: Self.colourWanted())
                for (i, m) in analysed.enumerated() {
                    try Self.write(Array(((i > 0 ? "\n" : "") + text.render(m)).utf8))
                }
            }
        }
    }

    /// The bytes of a file, or of standard input for `-`.
    static func read(_ input: String) throws -> ([UInt8], String) {
        if input == "-" {
            return ([UInt8](FileHandle.standardInput.readDataToEndOfFile()), "<stdin>")
        }
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            throw InputError(input, "show reads files; fetch the URL with `listarc fetch` or save the page first")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else { throw InputError(input, "no such file") }
        guard !isDirectory.boolValue else { throw InputError(input, "is a directory; give a file") }
        guard let data = FileManager.default.contents(atPath: input) else { throw InputError(input, "cannot read the file") }
        return ([UInt8](data), input)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static func colourWanted() -> Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    static func write(_ bytes: [UInt8]) throws {
        try FileHandle.standardOutput.write(contentsOf: Data(bytes))
    }
}
