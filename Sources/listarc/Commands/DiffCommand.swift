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
/// when a complete copy of the same patch exists they are dropped; when only a
/// partial copy exists, `diff` and `json` output include it after a note on
/// stderr, `mbox` leaves it out (git am would fail on it) with a note.
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
            if format == .mbox {
                printable = patches.filter(\.diff.complete)
                for p in patches where !p.diff.complete {
                    warn("listarc: \(input): left out partial patch \"\(p.subject)\" (depth \(p.diff.depth)): a reply trimmed its hunks, git am would reject it")
                }
                if printable.isEmpty { throw Status.nothingFound }
            }
            for p in printable where p.authorAddressObfuscated {
                warn("listarc: \(input): author address of \"\(p.subject)\" is obfuscated by the archive (\(p.authorAddress ?? "")); no full copy found to restore it")
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
        var selected = PatchSelection.best(patches)
        if let file {
            selected = selected.map { $0.only(file: file) }.filter { !$0.diff.files.isEmpty }
        }
        if selected.contains(where: \.diff.complete) {
            for p in selected where !p.diff.complete {
                warn("listarc: \(input): skipped partial patch \"\(p.subject)\" (depth \(p.diff.depth)): a reply trimmed its hunks and no complete copy is in the input")
            }
            selected = selected.filter(\.diff.complete)
        } else {
            for p in selected {
                warn("listarc: \(input): patch \"\(p.subject)\" (depth \(p.diff.depth)) is partial: a reply trimmed its hunks; git apply will reject it")
            }
        }
        return selected
    }

    func runCheck(_ patches: [Patch], tree: String) throws {
        var allApply = true
        var report = ""
        for (n, patch) in patches.enumerated() {
            report += "patch \(n + 1): \(patch.subject)\n"
            if !patch.diff.complete { report += "  partial copy: trimmed hunks cannot apply\n" }
            let results = try ApplyCheck.check(patch.diff.files, tree: tree)
            for file in results {
                allApply = allApply && file.applies
                report += "  \(file.path): \(file.applies ? "applies" : "does not apply")\(file.error.map { " (\($0))" } ?? "")\n"
                for (i, hunk) in file.hunks.enumerated() {
                    var state = hunk.applies ? "applies" : "does not apply"
                    if hunk.applies, let line = hunk.line {
                        state += " at line \(line)"
                        if let offset = hunk.offset { state += " (offset \(offset) line\(abs(offset) == 1 ? "" : "s"))" }
                        if let fuzz = hunk.fuzz { state += " (fuzz \(fuzz))" }
                    }
                    if !hunk.applies, let error = hunk.error { state += " (\(error))" }
                    report += "    hunk \(i + 1) \(hunk.header): \(state)\n"
                }
            }
            allApply = allApply && patch.diff.complete
        }
        if let output { try DiffExtractOutput.write(report, to: output, force: force) } else {
            FileHandle.standardOutput.write(Data(report.utf8))
        }
        if !allApply { throw Status.nothingFound }
    }
}
