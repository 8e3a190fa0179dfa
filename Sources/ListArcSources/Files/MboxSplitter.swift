/// Splits mbox bytes (fed in chunks of any size) into the raw bytes of each message.
///
/// - A message starts at a `From ` line shaped like a From_ line (`From ADDR DATE`,
///   the date holding a `HH:MM` time); that line itself is dropped. The blank line
///   before it is expected but not required.
/// - The blank separator line the mbox writer added after each message is removed.
/// - mboxrd/mboxo: a line `>From `, `>>From `, … loses one `>`. (For mboxo this also
///   unescapes lines that were `>From ` originally; such lines are rarer than the
///   escaped ones.) Only messages that came after a From_ line are unescaped.
/// - Text before the first From_ line is a message of its own (a bare mail file).
/// Memory: the current message plus one partial line.
public struct MboxSplitter {
    private var current: [UInt8] = []
    private var carry: [UInt8] = []
    private var afterFromLine = false

    public init() {}

    public mutating func feed(_ chunk: ArraySlice<UInt8>, _ emit: ([UInt8]) throws -> Void) rethrows {
        var start = chunk.startIndex
        if !carry.isEmpty {
            guard let newline = chunk.firstIndex(of: 0x0A) else {
                carry += chunk
                return
            }
            carry += chunk[start...newline]
            let line = carry
            carry.removeAll(keepingCapacity: true)
            try take(line[...], emit)
            start = newline + 1
        }
        while start < chunk.endIndex {
            guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
                carry += chunk[start...]
                return
            }
            try take(chunk[start...newline], emit)
            start = newline + 1
        }
    }

    /// Call after the last chunk: emits the last message.
    public mutating func finish(_ emit: ([UInt8]) throws -> Void) rethrows {
        if !carry.isEmpty {
            let line = carry
            carry.removeAll()
            try take(line[...], emit)
        }
        try emitCurrent(emit)
    }

    private mutating func take(_ line: ArraySlice<UInt8>, _ emit: ([UInt8]) throws -> Void) rethrows {
        let first = line.first
        if first == UInt8(ascii: "F"), Self.isFromLine(line) {
            try emitCurrent(emit)
            afterFromLine = true
            return
        }
        if first == UInt8(ascii: ">"), afterFromLine, Self.isEscapedFrom(line) {
            current += line.dropFirst()
            return
        }
        current += line
    }

    private mutating func emitCurrent(_ emit: ([UInt8]) throws -> Void) rethrows {
        defer { current.removeAll(keepingCapacity: true) }
        guard current.contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }) else { return }
        var end = current.count
        // Drop the separator blank line: "…\n\n" → "…\n" (also for CRLF mboxes).
        if end >= 2, current[end - 1] == 0x0A, current[end - 2] == 0x0A {
            end -= 1
        } else if end >= 4, current[end - 1] == 0x0A, current[end - 2] == 0x0D, current[end - 3] == 0x0A {
            end -= 2
        }
        try emit(Array(current[0..<end]))
    }

    /// `From ` + sender + space + a date with a `H:MM` time in it.
    static func isFromLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: fromPrefix) else { return false }
        var index = line.startIndex + 5
        let end = line.endIndex
        let senderStart = index
        while index < end, line[index] != 0x20, line[index] != 0x09, line[index] != 0x0A { index += 1 }
        guard index > senderStart, index < end else { return false }
        var probe = index
        while probe + 2 < end {
            if line[probe] == UInt8(ascii: ":"), isDigit(line[probe - 1]), isDigit(line[probe + 1]), isDigit(line[probe + 2]) {
                return true
            }
            probe += 1
        }
        return false
    }

    /// `>From `, `>>From `, …
    static func isEscapedFrom(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: ">") { index += 1 }
        return line[index...].starts(with: fromPrefix)
    }

    private static let fromPrefix: [UInt8] = Array("From ".utf8)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
