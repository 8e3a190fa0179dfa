import ArgumentParser
import Foundation
import ListArcCore
import ListArcSources
import ListArcStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pages, mbox(.gz), maildir and .eml files.",
        discussion: "Folders are read recursively. Each batch of messages is one transaction: an interrupted import leaves a consistent archive and a rerun completes it.")

    @OptionGroup var archive: ArchiveOptions

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Messages per transaction.", visibility: .hidden))
    var batchSize: Int = 200

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try Archive(path: archive.path, mapped: false)
            var run = ImportRun(archive: store, batchSize: batchSize)
            var badInput = false
            for path in paths {
                do {
                    var isFolder: ObjCBool = false
                    let named = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
                    // A file named on the command line that cannot be read is an error;
                    // one met inside a folder is reported as rejected.
                    for file in try ImportFiles.list(path) { try run.importFile(file, explicit: named) }
                } catch let e as InputError {
                    warn("listarc: \(e.description)")
                    badInput = true
                }
            }
            try run.finish()
            print(run.summary.line)
            for reason in run.summary.rejections.prefix(50) { warn("listarc: rejected \(reason)") }
            if run.summary.rejections.count > 50 { warn("listarc: … and \(run.summary.rejections.count - 50) more rejected") }
            if badInput || run.explicitFileFailed { throw Status.badInput }
        }
    }
}

/// One import: reads files and analyses each message on this thread, while an
/// `ImportWriter` stores the previous batch on another.
struct ImportRun {
    let archive: Archive
    let batchSize: Int
    private(set) var summary = IngestSummary()
    var explicitFileFailed = false
    private var batch: [PreparedMessage] = []
    private var batchBytes = 0
    private let progress = Progress()
    private let writer: ImportWriter
    /// Messages whose stored copy is as good are not analysed again (nil: no hint).
    private let stored: StoredCopies?

    /// Flush early when a batch holds this much text (huge messages keep memory flat too).
    static let batchByteLimit = 24 << 20

    init(archive: Archive, batchSize: Int) {
        self.archive = archive
        self.batchSize = batchSize
        writer = ImportWriter(archive: archive)
        stored = try? StoredCopies(archive: archive)
    }

    mutating func importFile(_ file: ImportFiles.File, explicit: Bool) throws {
        progress.file(file.path)
        // Messages an mbox holds that are bad on their own: rejected, the rest imported.
        var badMessages: [InputError] = []
        defer { if !badMessages.isEmpty { try? writer.submit(.rejections(badMessages.map { "\($0.input): \($0.problem)" })) } }
        do {
            try MessageSource.forEachMessage(in: file, rejecting: { badMessages.append($0) }) { message in
                let prepared = archive.prepare(message, unlessStoredIn: stored)
                batchBytes += prepared.bytes
                batch.append(prepared)
                if batch.count >= batchSize || batchBytes >= ImportRun.batchByteLimit { try flush() }
            }
        } catch let e as InputError {
            if explicit {
                warn("listarc: \(e.description)")
                explicitFileFailed = true
            } else {
                try writer.submit(.rejections(["\(e.input): \(e.problem)"]))
            }
        }
    }

    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        try writer.submit(.batch(batch))
        batch = []
        batchBytes = 0
        progress.update(writer.progress)
    }

    mutating func finish() throws {
        try flush()
        summary = try writer.finish()
        progress.done()
    }
}

/// Reads the messages of one file. mbox and gzip files are streamed (one message in
/// memory at a time, whatever the file size); pages and single mails are read whole.
enum MessageSource {
    static func forEachMessage(in file: ImportFiles.File, rejecting reject: (InputError) -> Void,
                               _ body: (MailMessage) throws -> Void) throws {
        let url = URL(fileURLWithPath: file.path)
        let head = try firstBytes(of: file.path, count: 600)
        if head.isEmpty { throw InputError(file.path, "empty input") }
        if Gzip.isGzip(head) || InputKind.detect(head) == .mbox {
            var count = 0
            try MailboxReader.forEachMessage(in: url) { raw in
                count += 1
                let message: MailMessage
                do { message = try MailParser.parse(raw, sourceURL: file.url ?? file.path) } catch let e as InputError {
                    reject(InputError("\(file.path) (message \(count))", e.problem))
                    return
                }
                try body(message)
            }
            if count == 0 { throw InputError(file.path, "no messages in mbox") }
            return
        }
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url, options: .mappedIfSafe)) } catch {
            throw InputError(file.path, "cannot read: \(error.localizedDescription)")
        }
        for message in try InputReader.messages(in: bytes, name: file.path, url: file.url) {
            // Text with no header at all (a README, a bare patch) is not a mail to archive.
            if message.headers.isEmpty { throw InputError(file.path, "no mail headers: not a mail") }
            try body(message)
        }
    }

    private static func firstBytes(of path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(path, "cannot open") }
        defer { try? handle.close() }
        do { return [UInt8](try handle.read(upToCount: count) ?? Data()) } catch {
            throw InputError(path, "cannot read: \(error.localizedDescription)")
        }
    }
}

/// The files an import argument stands for.
enum ImportFiles {
    struct File {
        var path: String
        /// The archive URL when the file sits in a mirror tree (…/lists.openwall.net/LIST/…).
        var url: String?
    }

    /// The file itself, or every mail file below a folder (maildir `tmp/`, hidden
    /// files and backups skipped; sorted, so every run reads in the same order).
    static func list(_ path: String) throws -> [File] {
        try MailFolder.files(at: URL(fileURLWithPath: path)).map { File(path: $0.path, url: mirrorURL($0.path)) }
    }

    /// `…/lists.openwall.net/linux-kernel/2022/07/25/6` → `https://lists.openwall.net/linux-kernel/2022/07/25/6`
    /// (`index.html` dropped), so pages saved from an archive keep their list and URL.
    static func mirrorURL(_ path: String) -> String? {
        let parts = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        guard parts.count >= 3 else { return nil }
        for i in stride(from: parts.count - 3, through: 0, by: -1) where looksLikeHost(parts[i]) {
            var rest = Array(parts[(i + 1)...])
            var trailingSlash = false
            if rest.last == "index.html" { rest.removeLast(); trailingSlash = true }
            return "https://\(parts[i])/" + rest.joined(separator: "/") + (trailingSlash && !rest.isEmpty ? "/" : "")
        }
        return nil
    }

    private static func looksLikeHost(_ s: String) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, (2...6).contains(tld.count), tld.allSatisfy({ $0.isASCII && $0.isLetter }),
              !["html", "htm", "mbox", "gz", "eml", "txt", "d", "git"].contains(tld.lowercased()) else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
    }
}

/// Progress on stderr, only when it is a terminal.
final class Progress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = Date.distantPast
    private var currentFile = ""

    func file(_ path: String) { currentFile = path }

    func update(_ s: IngestSummary) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let total = s.new + s.updated + s.unchanged + s.rejected
        FileHandle.standardError.write(Data("\r\u{1B}[K\(total) messages (\(s.new) new) \(currentFile.suffix(60))".utf8))
    }

    func done() {
        if enabled, last != .distantPast { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
