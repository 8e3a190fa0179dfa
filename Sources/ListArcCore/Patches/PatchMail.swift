/// A patch as the mail `git format-patch --stdout` writes for it: what `git am`
/// takes. Header encoding, quoting and folding follow git's pretty.c.
public enum PatchMail {
    public static let fromLine = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
    /// Used when the source shows no signature below its diff.
    public static let defaultSignature = "listarc"
    static let maxLength = 78

    /// The whole mail, ending with the signature block ("-- \nSIG\n\n").
    public static func render(_ patch: Patch, diffText: String) -> String {
        var out = fromLine + "\n"
        out += fromHeader(name: patch.authorName, address: patch.authorAddress)
        if let date = patch.date { out += "Date: \(date)\n" }
        var subject = patch.subject.isEmpty ? "(no subject)" : patch.subject
        if !PatchSubject.hasTag(subject) { subject = "[PATCH] " + subject }
        out += subjectHeader(subject)
        let message = patch.commitMessage
        if message.utf8.contains(where: { $0 >= 0x80 }) || subject.utf8.contains(where: { $0 >= 0x80 }) {
            out += "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
        }
        out += "\n"
        if !message.isEmpty { out += message + "\n" }
        out += "---\n"
        out += Diffstat.render(patch.diff.files)
        out += "\n"
        out += diffText
        if !diffText.isEmpty, !diffText.hasSuffix("\n") { out += "\n" }
        out += "-- \n" + (patch.signature ?? defaultSignature) + "\n\n"
        return out
    }

    // MARK: headers

    static func fromHeader(name: String?, address: String?) -> String {
        var line = "From: "
        var max = maxLength
        let name = name ?? ""
        if needsRFC2047(name) {
            line = addRFC2047(line, name, address: true)
            max = 76
        } else if needsRFC822Quoting(name) {
            line = wrap(line, rfc822Quoted(name), width: max)
        } else {
            line = wrap(line, name, width: max)
        }
        let mail = address ?? ""
        if max < lastLineLength(line) + 2 + mail.utf8.count + 1 { line += "\n" }
        return line + " <\(mail)>\n"
    }

    /// format-patch writes its `[PATCH …] ` prefix as is and encodes or folds
    /// only the title after it.
    static func subjectHeader(_ subject: String) -> String {
        var line = "Subject: "
        var title = Substring(subject)
        if title.hasPrefix("["), let close = title.firstIndex(of: "]") {
            let after = title.index(after: close)
            if after < title.endIndex, title[after] == " " {
                line += title[...after]
                title = title[title.index(after: after)...]
            }
        }
        if needsRFC2047(String(title)) { return addRFC2047(line, String(title), address: false) + "\n" }
        return wrap(line, String(title), width: maxLength) + "\n"
    }

    static func lastLineLength(_ s: String) -> Int {
        let u = Array(s.utf8)
        if let nl = u.lastIndex(of: 0x0A) { return u.count - nl - 1 }
        return u.count
    }

    static func needsRFC2047(_ s: String) -> Bool {
        let u = Array(s.utf8)
        for i in u.indices {
            if u[i] >= 0x80 || u[i] == 0x0A { return true }
            if u[i] == UInt8(ascii: "="), i + 1 < u.count, u[i + 1] == UInt8(ascii: "?") { return true }
        }
        return false
    }

    static let rfc822Specials = Set("()<>[]:;@,.\"\\".utf8)
    static func needsRFC822Quoting(_ s: String) -> Bool { s.utf8.contains { rfc822Specials.contains($0) } }

    static func rfc822Quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }

    static func isRFC2047Special(_ b: UInt8, address: Bool) -> Bool {
        if b >= 0x80 || b < 0x20 || b == 0x7F { return true }
        if b == 0x20 || b == UInt8(ascii: "=") || b == UInt8(ascii: "?") || b == UInt8(ascii: "_") { return true }
        guard address else { return false }
        let alnum = (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        return !(alnum || b == UInt8(ascii: "!") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/"))
    }

    /// git's `add_rfc2047`: Q-encoding in UTF-8, whole characters per encoded word,
    /// lines kept within 76 columns.
    static func addRFC2047(_ prefix: String, _ text: String, address: Bool) -> String {
        var out = prefix + "=?UTF-8?q?"
        var lineLength = lastLineLength(prefix) + 5 + 5
        let hex = Array("0123456789ABCDEF".utf8)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            let special = bytes.count > 1 || isRFC2047Special(bytes[0], address: address)
            let encodedLength = special ? 3 * bytes.count : 1
            if lineLength + encodedLength + 2 > 76 {
                out += "?=\n =?UTF-8?q?"
                lineLength = 5 + 5 + 1
            }
            if special {
                for b in bytes {
                    out.unicodeScalars.append("=")
                    out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                    out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 15)]))
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
            lineLength += encodedLength
        }
        return out + "?="
    }

    /// git's `strbuf_add_wrapped_text(buf, text, -len(prefix), 1, width)`: words
    /// fill lines up to `width` columns; continuation lines start with one space.
    static func wrap(_ prefix: String, _ text: String, width: Int) -> String {
        let t = Array(text.unicodeScalars)
        var out = prefix
        var bol = 0
        var w = lastLineLength(prefix)
        var indent = 0
        var space: Int? = 0 // index in t where pending output starts (the blank before a word)
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" }
        func append(_ from: Int, _ to: Int) { for k in from..<to { out.unicodeScalars.append(t[k]) } }
        while true {
            let c: Unicode.Scalar? = i < t.count ? t[i] : nil
            if c == nil || isSpace(c!) {
                if w <= width || space == nil {
                    if c == nil && i == bol { return out }
                    if let sp = space { append(sp, i) } else {
                        out += String(repeating: " ", count: indent)
                        append(bol, i)
                    }
                    guard let ch = c else { return out }
                    space = i
                    if ch == "\t" { w |= 7 }
                    w += 1
                    i += 1
                } else {
                    out += "\n"
                    let sp = space ?? i
                    i = sp + ((sp < t.count && isSpace(t[sp])) ? 1 : 0)
                    bol = i
                    space = nil
                    w = 1
                    indent = 1
                }
                continue
            }
            w += columns(c!)
            i += 1
        }
    }

    /// Display columns of a character (wide East Asian forms count 2).
    static func columns(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }
}
