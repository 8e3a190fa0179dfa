import Foundation
import ListArcCore

/// One message of a public-inbox `/T/` or `/t/` page (one `<pre>`):
///
///     * SUBJECT                              (<a id=mSHA1>*</a> <b>SUBJECT</b>)
///       2022-07-20  2:17 ` Parent Name       (context: parent, earlier siblings)
///     @ 2022-07-23 15:01   ` This Author     (bold: this message)
///       2022-07-25 14:00     ` Reply Author  (context: replies)
///       0 siblings, 1 reply; 5+ messages in thread
///     From: NAME @ 2022-07-23 15:01 UTC (permalink / raw)
///       To: …
///       Cc: …
///
///     BODY
///
///     ^ permalink raw reply …
///
/// No addresses, no seconds; the parent comes from the context lines when shown.
struct ThreadEntry {
    var sha: String?
    var subject = ""
    var messageID: String?
    var permalink: String?
    var raw: String?
    var author = ""
    var date: String?
    var to: String?
    var cc: String?
    var parentSHA: String?
    var parentID: String?
    var body = ""

    init(_ pre: PreBlock) {
        let t = pre.text
        let star = pre.anchors.first { PublicInboxReader.isMessageAnchorID($0.id) }
        sha = star?.id.map { String($0.dropFirst()) }
        if let bold = pre.bolds.first {
            subject = ByteSearch.trimmed(PublicInboxReader.text(pre, bold))
        }
        // Lines up to the body: context lines, the From line, To/Cc.
        var lines: [Range<Int>] = []
        var start = 0
        var fromLine: Int?
        var bodyStart = t.count
        var i = 0
        while i < t.count {
            guard t[i] == 0x0A else { i += 1; continue }
            lines.append(start..<i)
            let line = start..<i
            start = i + 1
            i += 1
            if fromLine == nil, Self.hasPrefix(t, line, "From: ") {
                fromLine = lines.count - 1
            } else if fromLine != nil, line.isEmpty {
                bodyStart = start
                break
            }
        }
        if fromLine == nil, start < t.count, i >= t.count { lines.append(start..<t.count) }

        // The message itself is the bold `@ ` line; the line just before it is the
        // parent when it sits one level up (or is a `[not found]` ghost).
        if let selfIndex = lines.firstIndex(where: { line in
            let s = Self.skipSpaces(t, line)
            return s + 1 < line.upperBound && t[s] == UInt8(ascii: "@") && t[s + 1] == 0x20
        }), selfIndex >= 2 {
            let candidate = lines[1]
            if ByteSearch.find(Array("[not found]".utf8), in: t, from: candidate.lowerBound, to: candidate.upperBound) != nil {
                parentID = MessageID.first(in: String(decoding: t[candidate], as: UTF8.self))
            } else if Self.level(t, candidate) < Self.level(t, lines[selfIndex]),
                      let link = pre.anchors.first(where: { $0.start >= candidate.lowerBound && $0.start < candidate.upperBound }),
                      let href = link.href {
                if href.hasPrefix("#m") { parentSHA = String(href.dropFirst(2)) } else { parentID = PageURL.messageID(fromPublicInboxHref: href) }
            }
        }

        if let f = fromLine {
            let line = lines[f]
            let text = String(decoding: t[line], as: UTF8.self).dropFirst("From: ".count)
            if let at = text.range(of: " @ ", options: .backwards) {
                author = String(text[..<at.lowerBound])
                let when = text[at.upperBound...]
                date = Self.rfc5322Date(ByteSearch.trimmed(String(when.prefix { $0 != "(" })))
            } else {
                author = String(text)
            }
            for a in pre.anchors where a.start >= line.lowerBound && a.start < line.upperBound {
                switch PublicInboxReader.text(pre, a.start..<a.end) {
                case "permalink": permalink = a.href
                case "raw": raw = a.href
                default: break
                }
            }
            messageID = permalink.flatMap(PageURL.messageID(fromPublicInboxHref:)) ?? raw.flatMap(PageURL.messageID(fromPublicInboxHref:))
            // `  To: a, b; +Cc: c` or `  To: …` then `  Cc: …`, folded with tabs.
            var field: String?
            var values: [String: String] = [:]
            for line in lines[(f + 1)...] where !line.isEmpty {
                let s = String(decoding: t[line], as: UTF8.self)
                let trimmed = ByteSearch.trimmed(s)
                if s.hasPrefix("\t"), let name = field {
                    values[name, default: ""] += " " + trimmed
                } else if trimmed.hasPrefix("To: ") {
                    field = "To"; values["To"] = String(trimmed.dropFirst(4))
                } else if trimmed.hasPrefix("Cc: ") {
                    field = "Cc"; values["Cc"] = String(trimmed.dropFirst(4))
                }
            }
            if let toValue = values["To"], let plus = toValue.range(of: "; +Cc: ") {
                values["To"] = String(toValue[..<plus.lowerBound])
                values["Cc"] = String(toValue[plus.upperBound...])
            }
            to = values["To"]
            cc = values["Cc"]
        }

        // The body ends where the `^ permalink raw reply` footer starts, less the
        // newline public-inbox puts before it.
        let caret = pre.anchors.last { PublicInboxReader.text(pre, $0.start..<$0.end) == "^" }
        var bodyEnd = t.count
        if let caret, caret.start >= bodyStart { bodyEnd = caret.start }
        if bodyEnd > bodyStart, t[bodyEnd - 1] == 0x0A { bodyEnd -= 1 }
        if fromLine != nil, bodyStart < bodyEnd { body = String(decoding: t[bodyStart..<bodyEnd], as: UTF8.self) }
    }

    func message(source: String, idBySHA: [String: String]) -> MailMessage {
        var headers: [HeaderField] = [HeaderField(name: "From", value: author)]
        if let to { headers.append(HeaderField(name: "To", value: to)) }
        if let cc { headers.append(HeaderField(name: "Cc", value: cc)) }
        headers.append(HeaderField(name: "Subject", value: subject))
        if let date { headers.append(HeaderField(name: "Date", value: date)) }
        if let messageID { headers.append(HeaderField(name: "Message-ID", value: "<\(messageID)>")) }
        if let parent = parentID ?? parentSHA.flatMap({ idBySHA[$0] }) {
            headers.append(HeaderField(name: "In-Reply-To", value: "<\(parent)>"))
        }
        return MailMessage(headers: headers, parts: [TextPart(text: body)], origin: .publicInboxThread, sourceURL: source)
    }

    // MARK: - small parsers

    static func hasPrefix(_ t: [UInt8], _ line: Range<Int>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard line.count >= n else { return false }
        for k in 0..<n where t[line.lowerBound + k] != prefix.utf8Start[k] { return false }
        return true
    }

    static func skipSpaces(_ t: [UInt8], _ line: Range<Int>) -> Int {
        var s = line.lowerBound
        while s < line.upperBound, t[s] == 0x20 || t[s] == 0x09 { s += 1 }
        return s
    }

    /// Thread depth of a skeleton line: `DATE ` + two spaces per level + "` ".
    static func level(_ t: [UInt8], _ line: Range<Int>) -> Int {
        guard let tick = t[line].firstIndex(of: UInt8(ascii: "`")) else { return 0 }
        var spaces = 0
        var k = tick - 1
        while k >= line.lowerBound, t[k] == 0x20 { spaces += 1; k -= 1 }
        return (spaces + 1) / 2
    }

    /// `2022-07-20  2:17 UTC` → `Wed, 20 Jul 2022 02:17 +0000` (RFC 5322 allows
    /// omitting seconds; the page has none).
    static func rfc5322Date(_ s: String) -> String? {
        let fields = s.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == ":" })
        guard fields.count >= 5, let y = Int(fields[0]), let m = Int(fields[1]), let d = Int(fields[2]),
              let hh = Int(fields[3]), let mm = Int(fields[4]),
              (1...12).contains(m), (1...31).contains(d), (0...23).contains(hh), (0...59).contains(mm) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        // Sakamoto's day of the week.
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let yy = m < 3 ? y - 1 : y
        let dow = (yy + yy / 4 - yy / 100 + yy / 400 + offsets[m - 1] + d) % 7
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[(dow + 7) % 7]), \(d) \(months[m - 1]) \(y) \(two(hh)):\(two(mm)) +0000"
    }
}
