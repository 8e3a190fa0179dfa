import Foundation
import ListArcCore

/// mbox / mboxrd / mboxo files (optionally gzipped) → messages.
public enum MailboxReader {
    /// Every message of an mbox held in memory, parsed.
    public static func mbox(_ bytes: [UInt8], name: String, url: String?) throws -> [MailMessage] {
        var messages: [MailMessage] = []
        try forEachMessage(in: bytes) { raw in
            messages.append(try MailParser.parse(raw, sourceURL: url ?? name))
        }
        if messages.isEmpty { throw InputError(name, "no messages in mbox") }
        return messages
    }

    /// The raw bytes of each message of an mbox held in memory.
    public static func forEachMessage(in bytes: [UInt8], _ body: ([UInt8]) throws -> Void) rethrows {
        var splitter = MboxSplitter()
        try splitter.feed(bytes[...], body)
        try splitter.finish(body)
    }

    /// The raw bytes of each message of an mbox file (or a single mail file),
    /// read in chunks and gunzipped on the fly when the file is gzip: memory stays
    /// at one message plus one chunk, whatever the file size.
    public static func forEachMessage(in url: URL, chunkSize: Int = 1 << 20, limits: Gzip.Limits = .streaming,
                                      _ body: ([UInt8]) throws -> Void) throws {
        var splitter = MboxSplitter()
        try ChunkedFile.read(url, chunkSize: chunkSize, limits: limits) { try splitter.feed($0[...], body) }
        try splitter.finish(body)
    }
}
