import Foundation
import ListArcCore

extension InputReader {
    /// The messages of one file, one at a time, without holding a large mbox in
    /// memory: mbox files (plain or gzipped) are read in chunks and split as they
    /// stream; single mails and archive pages are small and read whole. The format
    /// is detected from the (decompressed) content, as `messages(in:name:url:)` does,
    /// and the results are the same.
    public static func forEachMessage(at file: URL, url: String? = nil, chunkSize: Int = 1 << 20,
                                      limits: Gzip.Limits = .streaming,
                                      _ body: (MailMessage) throws -> Void) throws {
        let name = file.path
        let source = url ?? name
        var head: [UInt8] = []
        var kind: InputKind? = nil
        var splitter = MboxSplitter()
        var count = 0

        func emit(_ raw: [UInt8]) throws {
            count += 1
            try body(try MailParser.parse(raw, sourceURL: source))
        }
        // Content after decompression: buffered until its kind is known, then
        // streamed (mbox) or kept whole (anything else).
        func take(_ chunk: [UInt8]) throws {
            if kind == .mbox {
                try splitter.feed(chunk[...], emit)
                return
            }
            head += chunk
            if kind == nil, head.count >= 4096 {
                kind = InputKind.detect(head)
                if kind == .mbox {
                    let buffered = head
                    head = []
                    try splitter.feed(buffered[...], emit)
                }
            }
        }

        try ChunkedFile.read(file, chunkSize: chunkSize, limits: limits, take)
        switch kind ?? InputKind.detect(head) {
        case .mbox:
            if !head.isEmpty { try splitter.feed(head[...], emit) }
            try splitter.finish(emit)
            if count == 0 { throw InputError(name, "no messages in mbox") }
        case .html:
            for message in try PageReader.messages(html: head, name: name, url: url) { try body(message) }
        case .mail:
            try body(try MailParser.parse(head, sourceURL: source))
        case .unknown:
            if head.isEmpty { throw InputError(name, "empty input") }
            throw InputError(name, "not a mail, mbox or archive page")
        }
    }
}

/// A file's content in chunks, gunzipped on the fly when it starts with the gzip magic.
enum ChunkedFile {
    static func read(_ url: URL, chunkSize: Int, limits: Gzip.Limits, _ body: ([UInt8]) throws -> Void) throws {
        let name = url.path
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw InputError(name, "cannot open: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var inflater: GzipStream? = nil
        var first = true
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: max(chunkSize, 2))
            } catch {
                throw InputError(name, "read failed: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { break }
            let chunk = [UInt8](data)
            if first {
                first = false
                if Gzip.isGzip(chunk) { inflater = try GzipStream(name: name, limits: limits) }
            }
            if let inflater {
                try inflater.feed(chunk[...], body)
            } else {
                try body(chunk)
            }
        }
        if first { throw InputError(name, "empty input") }
        try inflater?.finish()
    }
}
