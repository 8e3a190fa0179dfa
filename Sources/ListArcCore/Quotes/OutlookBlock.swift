/// Quoting without markers: Outlook's "-----Original Message-----" + header block,
/// its "From: … Sent: … To: … Subject:" block (after an optional `____` rule), and
/// the forward separators of Gmail, Thunderbird and Apple Mail. Everything after
/// the block is the quoted message, one level deeper.
///
/// Works on the text's bytes: it is asked about every line that starts with a dash
/// or has a colon early on (diff lines, C labels, trailers), so the common "no"
/// must be cheap.
struct OutlookBlock {
    /// Lines of the separator and header block (the attribution), from the first.
    var lineCount: Int
    var name: String?
    var address: String?
    var date: String?
    var style: Attribution.Style

    enum HeaderKind { case from, sent, date, other }

    /// The analysed text and each line's content (after its markers); `content(i)`
    /// is nil when line i has other markers than the block's first line.
    struct Lines {
        var bytes: UnsafeBufferPointer<UInt8>
        var count: Int
        var content: (Int) -> Range<Int>?
        func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
    }

    /// Separator phrases (lowercased) between dashes: "-----Original Message-----".
    private static let originalPhrases: Set<String> = [
        "original message", "ursprüngliche nachricht", "message d'origine", "message d’origine", "mensaje original",
        "messaggio originale", "oorspronkelijk bericht", "originalmeddelande", "исходное сообщение", "mensagem original",
        "wiadomość oryginalna", "alkuperäinen viesti", "původní zpráva", "原始邮件", "元のメッセージ", "opprinnelig melding",
        "oprindelig meddelelse", "original-nachricht", "original nachricht",
    ]
    private static let forwardPhrases: Set<String> = [
        "forwarded message", "weitergeleitete nachricht", "message transféré", "mensaje reenviado", "пересылаемое сообщение",
        "messaggio inoltrato", "doorgestuurd bericht", "mensagem encaminhada", "转发的邮件", "転送されたメッセージ",
    ]
    private static let forwardLines: Set<String> = [
        "begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
        "début du message réexpédié:", "inicio del mensaje reenviado:",
    ]

    private static let headerKinds: [String: HeaderKind] = {
        var m: [String: HeaderKind] = [:]
        for k in ["from", "von", "de", "от", "da", "van", "från", "od", "fra", "lähettäjä", "feladó", "发件人", "寄件者", "差出人", "보낸 사람"] { m[k] = .from }
        for k in ["sent", "gesendet", "envoyé", "отправлено", "enviado", "enviado el", "inviato", "verzonden", "skickat", "wysłano",
                  "sendt", "lähetetty", "odesláno", "发送时间", "寄件日期", "送信日時", "보낸 날짜"] { m[k] = .sent }
        for k in ["date", "datum", "fecha", "data", "дата", "日期", "päivämäärä", "日時"] { m[k] = .date }
        for k in ["to", "an", "à", "a", "para", "кому", "aan", "till", "do", "til", "收件人", "宛先", "cc", "kopie", "копия", "bcc",
                  "subject", "betreff", "objet", "asunto", "oggetto", "onderwerp", "ämne", "temat", "тема", "assunto", "emne", "aihe",
                  "主题", "主旨", "件名", "reply-to", "importance", "wichtigkeit", "attachments", "anlagen", "priority", "받는 사람", "제목"] { m[k] = .other }
        return m
    }()

    /// A header line's kind and value range ("From: x", "De : x", "*From:* x" as
    /// Gmail renders Outlook's bold headers), or nil.
    static func header(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (HeaderKind, Range<Int>)? {
        var s = r.lowerBound
        if s < r.upperBound, b[s] == 0x2A { s += 1 }
        let limit = min(r.upperBound, s + 40)
        var c = s, colon = 0
        while c < limit {
            if b[c] == 0x3A { colon = 1; break }
            if b[c] == 0xEF, c + 2 < r.upperBound, b[c + 1] == 0xBC, b[c + 2] == 0x9A { colon = 3; break }
            c += 1
        }
        guard colon > 0 else { return nil }
        var ks = s, ke = c
        while ks < ke, b[ks] == 0x20 || b[ks] == 0x09 { ks += 1 }
        while ke > ks, b[ke - 1] == 0x20 || b[ke - 1] == 0x09 { ke -= 1 }
        guard ke > ks else { return nil }
        var ascii = true
        var keyBytes: [UInt8] = []
        keyBytes.reserveCapacity(ke - ks)
        for i in ks..<ke {
            var x = b[i]
            if x >= 0x80 { ascii = false } else if x >= 0x41, x <= 0x5A { x += 0x20 }
            keyBytes.append(x)
        }
        var key = String(decoding: keyBytes, as: UTF8.self)
        if !ascii { key = key.lowercased() }
        guard let kind = headerKinds[key] else { return nil }
        var v = c + colon
        if v < r.upperBound, b[v] == 0x2A { v += 1 }
        return (kind, v..<r.upperBound)
    }

    /// Longest "From" header name in `headerKinds`, in bytes ("보낸 사람": 13), with room
    /// for case variants.
    private static let longestFromKey = 16

    /// Cheap test on the first line's content before `detect`, true for every line
    /// `detect` can accept: a separator (`--…--` or a letter of the forward phrases
    /// and a final ':'), an underscore rule, or a short header name and a colon early
    /// on (only a From header starts a block without a separator). Diff lines, C
    /// labels and trailers mostly fail it at their first bytes.
    static func mayStart(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        let t = trimmed(b, r)
        guard !t.isEmpty else { return false }
        let first = b[t.lowerBound], last = b[t.upperBound - 1]
        if t.count <= 120 {
            if t.count >= 6, first == 0x2D, b[t.lowerBound + 1] == 0x2D, last == 0x2D, b[t.upperBound - 2] == 0x2D { return true }
            let f = first | 0x20
            if last == 0x3A, f == 0x62 || f == 0x61 || f == 0x64 || f == 0x69 { return true }
        }
        if t.count >= 10, first == 0x5F { return true }
        // As `header` reads it: optional '*', a colon within 40 bytes, a short name before it.
        var s = r.lowerBound
        if s < r.upperBound, b[s] == 0x2A { s += 1 }
        let limit = min(r.upperBound, s + 40)
        var c = s
        while c < limit {
            if b[c] == 0x3A || (b[c] == 0xEF && c + 2 < r.upperBound && b[c + 1] == 0xBC && b[c + 2] == 0x9A) { break }
            c += 1
        }
        guard c < limit else { return false }
        var ks = s, ke = c
        while ks < ke, b[ks] == 0x20 || b[ks] == 0x09 { ks += 1 }
        while ke > ks, b[ke - 1] == 0x20 || b[ke - 1] == 0x09 { ke -= 1 }
        guard ke > ks, ke - ks <= longestFromKey else { return false }
        // First bytes of the From names, either case: from/från/fra/feladó, von/van,
        // de/da, od, lähettäjä, от (0xD0), 发件人/寄件者/差出人 (0xE5), 보낸 사람 (0xEB).
        switch b[ks] | (b[ks] < 0x80 ? 0x20 : 0) {
        case 0x66, 0x76, 0x64, 0x6F, 0x6C, 0xD0, 0xE5, 0xEB: return true
        default: return false
        }
    }

    /// The block starting at `first`, if one starts there.
    static func detect(at first: Int, in lines: Lines) -> OutlookBlock? {
        guard let r = lines.content(first) else { return nil }
        let t = trimmed(lines.bytes, r)
        guard !t.isEmpty else { return nil }
        let b = lines.bytes
        if let style = separatorStyle(lines, t) {
            // The headers may follow after one blank line (Apple Mail).
            var h = first + 1
            if h < lines.count, let c = lines.content(h), trimmed(b, c).isEmpty { h += 1 }
            let block = headerBlock(from: h, in: lines)
            guard block.lines > 0 || style == .outlook else { return nil }
            let end = block.lines > 0 ? h + block.lines : first + 1
            return OutlookBlock(lineCount: end - first, block, lines, style: style)
        }
        if t.count >= 10, t.allSatisfy({ b[$0] == 0x5F }) {
            let block = headerBlock(from: first + 1, in: lines)
            guard block.startsWithFrom, block.hasSent || block.hasDate else { return nil }
            return OutlookBlock(lineCount: 1 + block.lines, block, lines, style: .outlook)
        }
        // "From: … Sent: …" with no separator: Sent is what tells Outlook from the
        // in-body "From:/Date:/Subject:" lines of a patch mail. Only the first line
        // of a run of headers can start one.
        guard let (kind, _) = header(b, r), kind == .from else { return nil }
        if first > 0, let p = lines.content(first - 1), header(b, p) != nil { return nil }
        let block = headerBlock(from: first, in: lines)
        guard block.hasSent, block.lines >= 2 else { return nil }
        return OutlookBlock(lineCount: block.lines, block, lines, style: .outlook)
    }

    private init(lineCount: Int, _ block: HeaderBlock, _ lines: Lines, style: Attribution.Style) {
        self.lineCount = lineCount
        self.style = style
        if let f = block.from {
            let who = PersonText.parse(Substring(lines.string(f)))
            name = who.name
            address = who.address
        }
        if let d = block.sent ?? block.date { date = PersonText.clean(lines.string(d)) }
    }

    /// "-----Original Message-----", "---------- Forwarded message ---------",
    /// "Begin forwarded message:"; only short lines that start with '-' or a letter
    /// of those phrases are turned into strings.
    private static func separatorStyle(_ lines: Lines, _ t: Range<Int>) -> Attribution.Style? {
        let b = lines.bytes
        guard t.count <= 120 else { return nil }
        let dashes = t.count >= 6 && b[t.lowerBound] == 0x2D && b[t.lowerBound + 1] == 0x2D && b[t.upperBound - 1] == 0x2D && b[t.upperBound - 2] == 0x2D
        if dashes {
            var s = t.lowerBound, e = t.upperBound
            while s < e, b[s] == 0x2D || b[s] == 0x20 { s += 1 }
            while e > s, b[e - 1] == 0x2D || b[e - 1] == 0x20 { e -= 1 }
            guard e > s else { return nil }
            let middle = lines.string(s..<e).lowercased()
            if originalPhrases.contains(middle) { return .outlook }
            if forwardPhrases.contains(middle) { return .forwarded }
            return nil
        }
        let first = b[t.lowerBound] | 0x20
        guard first == 0x62 || first == 0x61 || first == 0x64 || first == 0x69, b[t.upperBound - 1] == 0x3A else { return nil }
        return forwardLines.contains(lines.string(t).lowercased()) ? .forwarded : nil
    }

    private struct HeaderBlock {
        var lines = 0
        var startsWithFrom = false
        var hasSent = false, hasDate = false
        var from: Range<Int>?, sent: Range<Int>?, date: Range<Int>?
    }

    /// Consecutive header lines (and their indented continuations) from `start`.
    private static func headerBlock(from start: Int, in lines: Lines) -> HeaderBlock {
        var block = HeaderBlock()
        let b = lines.bytes
        var i = start
        while i < lines.count, i - start < 30, let c = lines.content(i) {
            if let (kind, value) = header(b, c) {
                let v = value.count <= 500 ? value : value.lowerBound..<value.lowerBound
                switch kind {
                case .from:
                    if i == start { block.startsWithFrom = true }
                    if block.from == nil { block.from = v }
                case .sent:
                    block.hasSent = true
                    block.sent = v
                case .date:
                    block.hasDate = true
                    if block.date == nil { block.date = v }
                case .other: break
                }
            } else if i > start, c.count > 0, b[c.lowerBound] == 0x20 || b[c.lowerBound] == 0x09, !trimmed(b, c).isEmpty {
                // A folded header value.
            } else {
                break
            }
            i += 1
        }
        block.lines = i - start
        return block
    }

    static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var s = r.lowerBound, e = r.upperBound
        while s < e, b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0D { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D { e -= 1 }
        return s..<e
    }
}
