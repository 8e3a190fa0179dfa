import Foundation
import Testing
import TestSupport
import ListArcCore
@testable import ListArcSources

/// `InputReader.forEachMessage(at:)` (streaming) gives what `messages(in:)` (whole file) gives.
@Suite struct FileInputTests {
    func streamed(_ file: URL, chunkSize: Int = 1 << 20) throws -> [MailMessage] {
        var out: [MailMessage] = []
        try InputReader.forEachMessage(at: file, chunkSize: chunkSize) { out.append($0) }
        return out
    }

    @Test func samplesAgreeWithWholeFileReading() throws {
        let files = [
            "seed-thread/thread.mbox", "seed-thread/M1.eml", "seed-thread/M5.eml",
            "lore/lore.kernel.org/linux-mm/8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/raw",
            "lore/lore.kernel.org/linux-mm/8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/t.mbox.gz",
            "openwall/lists.openwall.net/linux-kernel/2022/07/25/6",
        ].map(Paths.sample)
        for file in files {
            let whole = try InputReader.messages(in: try Paths.bytes(file), name: file.path)
            for chunkSize in [100, 1 << 20] {
                let stream = try streamed(file, chunkSize: chunkSize)
                #expect(stream.map(\.messageID) == whole.map(\.messageID), "\(file.lastPathComponent) \(chunkSize)")
                #expect(stream.map(\.body) == whole.map(\.body), "\(file.lastPathComponent) \(chunkSize)")
            }
        }
    }

    @Test func gzippedSingleMailIsOneMessage() throws {
        let eml = try Paths.bytes(Paths.sample("seed-thread/M2.eml"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-\(UUID().uuidString).eml.gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(try Gzip.compress(eml)).write(to: file)
        let messages = try streamed(file, chunkSize: 1000)
        #expect(messages.count == 1)
        #expect(messages.first?.body == (try MailParser.parse(eml)).body)
    }

    @Test func corpusStreams() throws {
        var count = 0
        try InputReader.forEachMessage(at: Paths.shared.appendingPathComponent("corpus/kernel-patches.mbox.gz")) { _ in count += 1 }
        #expect(count == 2076)
    }

    @Test func badFilesAreClearErrors() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("listarc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        for (bytes, problem) in [([UInt8](), "empty"), ([0, 1, 2, 3], "not a mail"), ([0x1F, 0x8B, 8, 0, 0], "truncated")] {
            try Data(bytes).write(to: file)
            let error = #expect(throws: InputError.self) { try streamed(file) }
            #expect(error?.input == file.path)
            #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "")")
        }
    }
}
