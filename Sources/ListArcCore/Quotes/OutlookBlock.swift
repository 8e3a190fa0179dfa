import Foundation

/// Quoting without markers: Outlook's "-----Original Message-----" + header block,
/// its "From: … Sent: … To: … Subject:" block (after an optional `____` rule), and
/// the forward separators of Gmail, Thunderbird and Apple Mail. Everything after
/// the block is the quoted message, one level deeper.
struct OutlookBlock {
    /// Lines of the separator and header block (the attribution), from the first.
    var lineCount: Int
    var name: String?
    var address: String?
    var date: String?
    var style: Attribution.Style

    enum HeaderKind { case from, sent, date, other }

    /// Separator phrases (lowercased) between dashes: "-----Original Message-----".
    private static let originalPhrases = [
        "original message", "ursprüngliche nachricht", "message d'origine", "message d’origine", "mensaje original",
        "messaggio originale", "oorspronkelijk bericht", "originalmeddelande", "исходное сообщение", "mensagem original",
        "wiadomość oryginalna", "alkuperäinen viesti", "původní zpráva", "原始邮件", "元のメッセージ", "opprinnelig melding",
        "oprindelig meddelelse", "original-nachricht", "original nachricht",
    ]
    private static let forwardPhrases = [
        "forwarded message", "weitergeleitete nachricht", "message transféré", "mensaje reenviado", "пересылаемое сообщение",
        "messaggio inoltrato", "doorgestuurd bericht", "mensagem encaminhada", "转发的邮件", "転送されたメッセージ",
    ]
    private static let forwardLines = ["begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
                                       "début du message réexpédié:", "inicio del mensaje reenviado:"]

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

    /// A header line's kind and value ("From: x", "De : x", "*From:* x" as Gmail
    /// renders Outlook's bold headers), or nil.
    static func header(_ content: Substring) -> (HeaderKind, Substring)? {
        var t = content
        if t.hasPrefix("*") { t = t.dropFirst() }
        guard let colon = t.prefix(40).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let key = t[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty, let kind = headerKinds[key] else { return nil }
        var value = t[t.index(after: colon)...]
        if value.hasPrefix("*") { value = value.dropFirst() }
        return (kind, value)
    }

    /// The block starting at `first`, if one starts there. `content(i)` is line i's
    /// text after its markers, nil when line i has different markers than `first`.
    static func detect(at first: Int, count: Int, content: (Int) -> Substring?) -> OutlookBlock? {
        guard let line = content(first) else { return nil }
        // Separators start with '-', '_' or a "Begin forwarded message:" word.
        guard line.utf8.count <= 200, let lead = line.first(where: { $0 != " " && $0 != "\t" }), "-_BbAaDdIi".contains(lead) else {
            return headerOnly(at: first, count: count, content: content)
        }
        let t = line.trimmingCharacters(in: .whitespaces)
        if let style = separatorStyle(t) {
            // The headers may follow after one blank line (Apple Mail).
            var h = first + 1
            if h < count, let c = content(h), c.allSatisfy({ $0 == " " || $0 == "\t" }) { h += 1 }
            let block = headerBlock(from: h, count: count, content: content)
            guard block.lines > 0 || style == .outlook else { return nil }
            let end = block.lines > 0 ? h + block.lines : first + 1
            return OutlookBlock(lineCount: end - first, name: block.name, address: block.address, date: block.date, style: style)
        }
        if t.count >= 10, t.allSatisfy({ $0 == "_" }) {
            let block = headerBlock(from: first + 1, count: count, content: content)
            guard block.startsWithFrom, block.hasSent || block.hasDate else { return nil }
            return OutlookBlock(lineCount: 1 + block.lines, name: block.name, address: block.address, date: block.date, style: .outlook)
        }
        return headerOnly(at: first, count: count, content: content)
    }

    /// "From: … Sent: …" with no separator: Sent is what tells Outlook from the
    /// in-body "From:/Date:/Subject:" lines of a patch mail.
    private static func headerOnly(at first: Int, count: Int, content: (Int) -> Substring?) -> OutlookBlock? {
        guard let line = content(first), let (kind, _) = header(line), kind == .from else { return nil }
        let block = headerBlock(from: first, count: count, content: content)
        guard block.hasSent, block.lines >= 2 else { return nil }
        return OutlookBlock(lineCount: block.lines, name: block.name, address: block.address, date: block.date, style: .outlook)
    }

    private static func separatorStyle(_ t: String) -> Attribution.Style? {
        let lower = t.lowercased()
        if forwardLines.contains(lower) { return .forwarded }
        guard lower.hasPrefix("--"), lower.hasSuffix("--") else { return nil }
        let middle = lower.trimmingCharacters(in: CharacterSet(charactersIn: "- "))
        if originalPhrases.contains(middle) { return .outlook }
        if forwardPhrases.contains(middle) { return .forwarded }
        return nil
    }

    private struct HeaderBlock {
        var lines = 0
        var startsWithFrom = false
        var hasSent = false, hasDate = false
        var name: String?, address: String?, date: String?
    }

    /// Consecutive header lines (and their indented continuations) from `start`.
    private static func headerBlock(from start: Int, count: Int, content: (Int) -> Substring?) -> HeaderBlock {
        var b = HeaderBlock()
        var i = start
        while i < count, i - start < 30, let c = content(i) {
            if let (kind, value) = header(c) {
                let v = value.utf8.count <= 500 ? value : value.prefix(0)
                switch kind {
                case .from:
                    if i == start { b.startsWithFrom = true }
                    let who = PersonText.parse(v)
                    if b.name == nil, b.address == nil { b.name = who.name; b.address = who.address }
                case .sent:
                    b.hasSent = true
                    b.date = PersonText.clean(v)
                case .date:
                    b.hasDate = true
                    if b.date == nil { b.date = PersonText.clean(v) }
                case .other: break
                }
            } else if i > start, let f = c.first, f == " " || f == "\t", !c.allSatisfy({ $0 == " " || $0 == "\t" }) {
                // A folded header value.
            } else {
                break
            }
            i += 1
        }
        b.lines = i - start
        return b
    }
}
