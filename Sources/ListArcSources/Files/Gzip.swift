import CZlib
import ListArcCore

/// gzip via system zlib: every member of a multi-member file (`cat a.gz b.gz`),
/// with a cap on the output so that a gzip bomb stops early.
public enum Gzip {
    /// How much output is acceptable.
    public struct Limits: Sendable {
        /// Absolute cap on the decompressed size.
        public var maxOutput: Int
        /// Past `ratioFloor` bytes of output, output/input may not exceed this.
        /// Real mbox files compress 3–10× (repetitive ones rarely past 100×);
        /// deflate cannot exceed ~1032×, which is what bombs use.
        public var maxRatio: Int
        public var ratioFloor: Int
        public init(maxOutput: Int = 2 << 30, maxRatio: Int = 500, ratioFloor: Int = 16 << 20) {
            self.maxOutput = maxOutput
            self.maxRatio = maxRatio
            self.ratioFloor = ratioFloor
        }
        /// For output held in memory: at most 2 GiB.
        public static let standard = Limits()
        /// For output consumed as it streams: no practical size cap, the ratio still applies.
        public static let streaming = Limits(maxOutput: 1 << 42)
    }

    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    public static func decompress(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        try decompress(bytes, name: name, limits: .standard)
    }

    public static func decompress(_ bytes: [UInt8], name: String, limits: Limits) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count * 4, limits.maxOutput))
        let stream = try GzipStream(name: name, limits: limits)
        try stream.feed(bytes[...]) { out += $0 }
        try stream.finish()
        return out
    }

    /// gzip of `bytes` as one member (for tests and for serving).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError("gzip", "cannot initialise zlib")
        }
        defer { deflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        let inputCount = input.count
        try input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inputCount)
            var status: Int32 = Z_OK
            while status != Z_STREAM_END {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = deflate(&stream, Z_FINISH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw InputError("gzip", "deflate failed (\(status))")
                }
                out += chunk[0..<produced]
            }
        }
        return out
    }
}

/// Incremental gunzip: feed compressed chunks, receive decompressed chunks.
/// Handles concatenated members (zlib stops at the end of each one; we reset and go
/// on while input remains), ignores trailing zero padding, reports corrupt and
/// truncated data and runaway expansion as `InputError`s naming the input.
public final class GzipStream {
    private let name: String
    private let limits: Gzip.Limits
    private let stream: UnsafeMutablePointer<z_stream>
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    private var consumed = 0
    private var produced = 0
    private var inMember = false     // inside a member whose end has not been seen
    private var afterEnd = false     // a member ended; only a new member or padding may follow
    private var trailingGarbage = false

    public init(name: String, limits: Gzip.Limits = .standard) throws {
        self.name = name
        self.limits = limits
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InputError(name, "cannot initialise zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decompresses `chunk`, passing output pieces to `output` as they come.
    public func feed(_ chunk: ArraySlice<UInt8>, _ output: ([UInt8]) throws -> Void) throws {
        guard !trailingGarbage else { return }
        var input = Array(chunk)
        var offset = 0
        while offset < input.count {
            if afterEnd {
                // Between members: zero padding is skipped, anything but a new
                // member's magic is trailing garbage (ignored, as gzip(1) does).
                while offset < input.count, input[offset] == 0 { offset += 1 }
                guard offset < input.count else { break }
                guard input[offset] == 0x1F else {
                    trailingGarbage = true
                    return
                }
                inflateReset(stream)
                afterEnd = false
            }
            let (used, status) = try inflateStep(&input, from: offset, output)
            offset += used
            consumed += used
            if status == Z_STREAM_END {
                inMember = false
                afterEnd = true
            } else {
                inMember = true
            }
        }
    }

    /// Call after the last chunk: throws if the data stopped inside a member.
    public func finish() throws {
        if inMember { throw InputError(name, "truncated gzip data (ends inside a compressed member)") }
        if consumed == 0 && !afterEnd { throw InputError(name, "empty gzip data") }
    }

    private func inflateStep(_ input: inout [UInt8], from offset: Int, _ output: ([UInt8]) throws -> Void) throws -> (Int, Int32) {
        let available = input.count - offset
        var status: Int32 = Z_OK
        var used = 0
        try input.withUnsafeMutableBufferPointer { inBuffer in
            guard let base = inBuffer.baseAddress else { return }
            stream.pointee.next_in = base + offset
            stream.pointee.avail_in = uInt(available)
            repeat {
                let count: Int = buffer.withUnsafeMutableBufferPointer { outBuffer in
                    stream.pointee.next_out = outBuffer.baseAddress
                    stream.pointee.avail_out = uInt(outBuffer.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.pointee.avail_out)
                }
                switch status {
                case Z_OK, Z_STREAM_END, Z_BUF_ERROR: break
                case Z_NEED_DICT, Z_DATA_ERROR:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                    throw InputError(name, "corrupt gzip data (\(message))")
                case Z_MEM_ERROR: throw InputError(name, "out of memory while decompressing")
                default: throw InputError(name, "corrupt gzip data (zlib status \(status))")
                }
                if count > 0 {
                    produced += count
                    try checkLimits(consumedSoFar: consumed + (available - Int(stream.pointee.avail_in)))
                    try output(Array(buffer[0..<count]))
                }
                if status == Z_BUF_ERROR { break }
            } while status != Z_STREAM_END && (stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0)
            used = available - Int(stream.pointee.avail_in)
        }
        return (used, status)
    }

    private func checkLimits(consumedSoFar: Int) throws {
        if produced > limits.maxOutput {
            throw InputError(name, "gzip data expands beyond \(limits.maxOutput) bytes; refusing (gzip bomb?)")
        }
        if produced > limits.ratioFloor, produced / max(consumedSoFar, 1) > limits.maxRatio {
            throw InputError(name, "gzip data expands more than \(limits.maxRatio)×; refusing (gzip bomb?)")
        }
    }
}
