import ArgumentParser
import Foundation
import ListArcCore
import ListArcSources

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Work with the diffs found in messages.",
        subcommands: [DiffExtractCommand.self])
}

enum PatchFormat: String, ExpressibleByArgument, CaseIterable {
    case diff, mbox, json
}

/// `listarc diff extract INPUT`: the patches found in a page, mail or mailbox, one
/// copy each (the most complete, least damaged).
///
/// Partial copies (hunks trimmed by a reply) are never passed off as complete:
/// when a complete copy of the same patch exists they are dropped silently; a
/// patch known only from partial copies is left out of `diff` and `mbox` output
/// (git apply/am would reject it) with a note on stderr naming it, and listed in
/// `json` output with `"complete": false`.
struct DiffExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print or write the patches found in INPUT.",
        discussion: """
        INPUT is an archive page (openwall, lore), a mail, an mbox (maybe gzipped), or - for standard input. \
        When a patch appears several times (quoted at several depths, in several messages), the most complete, \
        least damaged copy is printed once.

        Exit status: 0 patches found (with --check: all of them apply), 1 nothing found (with --check: \
        something does not apply), 2 bad input or refused output.
        """)

    @Argument(help: "Page, mail or mbox file, or - for standard input.")
    var input: String

    @Option(help: "Output format: diff (what git apply takes), mbox (what git am takes) or json. Default: diff, or mbox with --output-dir.")
    var format: PatchFormat?

    @Option(help: "Only diffs quoted at this depth (0 = the mail's own text).")
    var depth: Int?

    @Option(help: "Only the sections of this file (path without a/ or b/).")
    var file: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the output to FILE instead of standard output.")
    var output: String?

    @Option(name: .customLong("output-dir"), help: "Write one file per patch into DIR, named like git format-patch names them.")
    var outputDir: String?

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Option(help: "Report per file and hunk whether the patches apply to the files in TREE (git apply --check).")
    var check: String?

    func validate() throws {
        if output != nil, outputDir != nil { throw ValidationError("-o and --output-dir cannot be used together") }
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    func run() async throws {
        try await reportingErrors {
            let patches = try extract()
            if patches.isEmpty {
                warn("listarc: \(input): no diff found")
                throw Status.nothingFound
            }
            if let tree = check {
                try runCheck(patches, tree: tree)
                return
            }
            let format = self.format ?? (outputDir != nil ? .mbox : .diff)
            var printable = patches
            if format != .json {
                printable = patches.filter(\.diff.complete)
                for p in patches where !p.diff.complete {
                    warn("listarc: \(input): left out partial patch \"\(DiffExtractOutput.printable(p.subject))\" (depth \(p.diff.depth)): a reply trimmed its hunks and no complete copy is in the input (see --format json)")
                }
                if printable.isEmpty { throw Status.nothingFound }
            }
            if format == .mbox {
                for p in printable where p.authorAddress == nil {
                    warn("listarc: \(input): no author address found for \"\(DiffExtractOutput.printable(p.subject))\"; git am needs one in its From: line")
                }
            }
            for p in printable where p.authorAddressObfuscated {
                warn("listarc: \(input): author address of \"\(DiffExtractOutput.printable(p.subject))\" is obfuscated by the archive (\(DiffExtractOutput.printable(p.authorAddress ?? ""))); no full copy found to restore it")
            }
            if let dir = outputDir {
                try DiffExtractOutput.writeFiles(printable, format: format, dir: dir, force: force)
            } else {
                let text = DiffExtractOutput.render(printable, format: format)
                if let output {
                    try DiffExtractOutput.write(text, to: output, force: force)
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }

    /// All patches of all messages in the input, filtered and deduplicated.
    func extract() throws -> [Patch] {
        let bytes = try DiffExtractOutput.read(input)
        let messages = try InputReader.messages(in: bytes, name: input, url: nil)
        var patches: [Patch] = []
        for message in messages {
            let analysed = Analyser.analyse(message)
            patches += analysed.patches.filter { depth == nil || $0.diff.depth == depth }
        }
        if patches.contains(where: \.authorAddressObfuscated) {
            // Evidence from every message of the input (a thread restores its own addresses).
            let known = KnownAddresses.in(messages)
            patches = patches.map { KnownAddresses.restoreAuthor($0, using: known) }
        }
        var selected = SeriesPosition.ordered(PatchSelection.best(patches))
        if let file {
            selected = selected.map { $0.only(file: file) }.filter { !$0.diff.files.isEmpty }
        }
        return selected
    }

    func runCheck(_ patches: [Patch], tree: String) throws {
        var allApply = true
        var report = ""
        var entries: [CheckEntry] = []
        for (n, patch) in patches.enumerated() {
            let subject = DiffExtractOutput.printable(patch.subject)
            report += "patch \(n + 1): \(subject)\n"
            if !patch.diff.complete { report += "  partial copy: trimmed hunks cannot apply\n" }
            let results = try ApplyCheck.check(patch.diff.files, tree: tree)
            let applies = patch.diff.complete && results.allSatisfy(\.applies)
            entries.append(CheckEntry(messageId: patch.messageID, subject: patch.subject, complete: patch.diff.complete, applies: applies, files: results))
            allApply = allApply && applies
            for file in results {
                report += "  \(DiffExtractOutput.printable(file.path)): \(file.applies ? "applies" : "does not apply")"
                report += (file.error.map { " (\(DiffExtractOutput.printable($0)))" } ?? "") + "\n"
                for (i, hunk) in file.hunks.enumerated() {
                    var state = hunk.applies ? "applies" : "does not apply"
                    if hunk.applies, let line = hunk.line {
                        state += " at line \(line)"
                        if let offset = hunk.offset { state += " (offset \(offset) line\(abs(offset) == 1 ? "" : "s"))" }
                        if let fuzz = hunk.fuzz { state += " (fuzz \(fuzz))" }
                    }
                    if !hunk.applies, let error = hunk.error { state += " (\(DiffExtractOutput.printable(error)))" }
                    report += "    hunk \(i + 1) \(hunk.header): \(state)\n"
                }
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            report = String(decoding: try encoder.encode(["checks": entries]), as: UTF8.self) + "\n"
        }
        if let output { try DiffExtractOutput.write(report, to: output, force: force) } else {
            FileHandle.standardOutput.write(Data(report.utf8))
        }
        if !allApply { throw Status.nothingFound }
    }
}

/// `--check --format json`: `{"checks":[{"messageId","subject","complete","applies",
/// "files":[{"path","applies","error","hunks":[{"header","applies","line","offset","fuzz","error"}]}]}]}`.
struct CheckEntry: Encodable {
    var messageId: String?
    var subject: String
    var complete: Bool
    var applies: Bool
    var files: [ApplyCheck.FileResult]
}
