import Foundation
import ListArcCore

/// `listarc show --json`: a stable shape. Keys are always present (null when
/// unknown); line numbers are 0-based indices into the part's lines, ranges are
/// [start, end) pairs.
///
///     {"messages":[{"messageId","subject","from","date","origin","source","addressesObfuscated",
///       "parts":[{"part","contentType","filename","attachment","lineCount"}],
///       "embedded":[{"part","depth","author","address","date","parent","attributionLine","lines":[…]}],
///       "attributions":[{"part","line","lineCount","depth","name","address","date","style"}],
///       "lines":[{"part","line","depth","prefixLength","text"}],
///       "diffs":[{"part","depth","lines":[s,e],"files":[…],"complete","author","date","subject","repairs":[…]}],
///       "reports":[{"part","depth","lines":[s,e],"kind","title","file","line","kernelVersion",
///                   "frames":[{"function","offset","size","module","file","line","reliable"}]}]}]}
enum ShowJSON {
    static func encode(_ messages: [AnalysedMessage]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(messages: messages.map(Message.init)))
        return escapingC1(Array(data)) + [0x0A]
    }

    /// JSONEncoder leaves DEL and C1 controls (U+0080–U+009F) raw; escape them too,
    /// so the JSON is as safe on a terminal as the text output. They can only occur
    /// inside strings, where `\u00XX` is valid.
    static func escapingC1(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == 0x7F || $0 == 0xC2 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        let hex = Array("0123456789abcdef".utf8)
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x7F {
                out += Array("\\u007f".utf8)
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] < 0xA0 {
                let c = bytes[i + 1]
                out += Array("\\u00".utf8) + [hex[Int(c >> 4)], hex[Int(c & 0xF)]]
                i += 1
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    struct Document: Encodable { var messages: [Message] }

    struct Message: Encodable {
        var m: AnalysedMessage
        init(_ m: AnalysedMessage) { self.m = m }

        enum K: String, CodingKey {
            case messageId, subject, from, date, origin, source, addressesObfuscated, parts, embedded, attributions, lines, diffs, reports
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            let msg = m.message
            try c.encode(msg.messageID, forKey: .messageId)
            try c.encode(msg.subject, forKey: .subject)
            try c.encode(msg.from, forKey: .from)
            try c.encode(msg.date, forKey: .date)
            try c.encode(msg.origin.rawValue, forKey: .origin)
            try c.encode(msg.sourceURL, forKey: .source)
            try c.encode(msg.addressesObfuscated, forKey: .addressesObfuscated)
            let quotes = ShowModel.quotes(of: m)
            try c.encode(msg.parts.enumerated().map { i, p in
                Part(part: i, contentType: p.contentType, filename: p.filename, attachment: p.isAttachment,
                     lineCount: i < quotes.count ? quotes[i].lines.count : 0)
            }, forKey: .parts)
            var embedded: [Embedded] = [], attributions: [AttributionJSON] = [], lines: [Line] = []
            for (p, q) in quotes.enumerated() {
                embedded += q.embedded.map { Embedded(part: p, e: $0) }
                attributions += q.attributions.map { AttributionJSON(part: p, a: $0) }
                lines += q.lines.enumerated().map { Line(part: p, line: $0, depth: $1.depth, prefixLength: $1.prefixLength, text: $1.raw) }
            }
            try c.encode(embedded, forKey: .embedded)
            try c.encode(attributions, forKey: .attributions)
            try c.encode(lines, forKey: .lines)
            try c.encode(m.diffs.map(Diff.init), forKey: .diffs)
            try c.encode(m.reports.map(Report.init), forKey: .reports)
        }
    }

    struct Part: Encodable {
        var part: Int
        var contentType: String
        var filename: String?
        var attachment: Bool
        var lineCount: Int
        enum K: String, CodingKey { case part, contentType, filename, attachment, lineCount }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(part, forKey: .part)
            try c.encode(contentType, forKey: .contentType)
            try c.encode(filename, forKey: .filename)
            try c.encode(attachment, forKey: .attachment)
            try c.encode(lineCount, forKey: .lineCount)
        }
    }

    struct Embedded: Encodable {
        var part: Int
        var e: EmbeddedMessage
        enum K: String, CodingKey { case part, depth, author, address, date, parent, attributionLine, lines }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(part, forKey: .part)
            try c.encode(e.depth, forKey: .depth)
            try c.encode(e.author, forKey: .author)
            try c.encode(e.address, forKey: .address)
            try c.encode(e.date, forKey: .date)
            try c.encode(e.parent, forKey: .parent)
            try c.encode(e.attribution?.lineIndex, forKey: .attributionLine)
            try c.encode(e.lineIndices, forKey: .lines)
        }
    }

    struct AttributionJSON: Encodable {
        var part: Int
        var a: Attribution
        enum K: String, CodingKey { case part, line, lineCount, depth, name, address, date, style }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(part, forKey: .part)
            try c.encode(a.lineIndex, forKey: .line)
            try c.encode(a.lineCount, forKey: .lineCount)
            try c.encode(a.depth, forKey: .depth)
            try c.encode(a.name, forKey: .name)
            try c.encode(a.address, forKey: .address)
            try c.encode(a.date, forKey: .date)
            try c.encode(a.style.rawValue, forKey: .style)
        }
    }

    struct Line: Encodable {
        var part: Int
        var line: Int
        var depth: Int
        var prefixLength: Int
        var text: String
    }

    struct Diff: Encodable {
        var d: ExtractedDiff
        init(_ d: ExtractedDiff) { self.d = d }
        enum K: String, CodingKey { case part, depth, lines, files, complete, author, date, subject, repairs }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(d.partIndex, forKey: .part)
            try c.encode(d.depth, forKey: .depth)
            try c.encode([d.lineRange.lowerBound, d.lineRange.upperBound], forKey: .lines)
            try c.encode(d.files.map(ShowModel.path), forKey: .files)
            try c.encode(d.complete, forKey: .complete)
            try c.encode(d.author, forKey: .author)
            try c.encode(d.date, forKey: .date)
            try c.encode(d.subject, forKey: .subject)
            try c.encode(d.repairs.map(\.rawValue), forKey: .repairs)
        }
    }

    struct Report: Encodable {
        var r: CrashReport
        init(_ r: CrashReport) { self.r = r }
        enum K: String, CodingKey { case part, depth, lines, kind, title, file, line, kernelVersion, frames }
        enum F: String, CodingKey { case function, offset, size, module, file, line, reliable }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(r.partIndex, forKey: .part)
            try c.encode(r.depth, forKey: .depth)
            try c.encode([r.lineRange.lowerBound, r.lineRange.upperBound], forKey: .lines)
            try c.encode(r.kind.rawValue, forKey: .kind)
            try c.encode(r.title, forKey: .title)
            try c.encode(r.file, forKey: .file)
            try c.encode(r.line, forKey: .line)
            try c.encode(r.kernelVersion, forKey: .kernelVersion)
            var frames = c.nestedUnkeyedContainer(forKey: .frames)
            for f in r.frames {
                var fc = frames.nestedContainer(keyedBy: F.self)
                try fc.encode(f.function, forKey: .function)
                try fc.encode(f.offset, forKey: .offset)
                try fc.encode(f.size, forKey: .size)
                try fc.encode(f.module, forKey: .module)
                try fc.encode(f.file, forKey: .file)
                try fc.encode(f.line, forKey: .line)
                try fc.encode(f.reliable, forKey: .reliable)
            }
        }
    }
}
