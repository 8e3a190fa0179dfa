import ListArcCore

/// `listarc show` as text: per message a header block, the embedded messages,
/// diffs and crash reports found, then every body line with a gutter
/// `LINE DEPTH MARK│` (MARK: A attribution, D diff, R crash report). Message text
/// goes through `TerminalText.neutralised`; only our own colours are escapes.
struct ShowText {
    var colour: Bool

    func render(_ m: AnalysedMessage) -> String {
        let msg = m.message
        let quotes = ShowModel.quotes(of: m)
        var out = ""
        func line(_ s: String) { out += s; out += "\n" }
        func safe(_ s: String?) -> String { TerminalText.neutralised(s ?? "") }

        line(bold("Message-ID: ") + safe(msg.messageID.map { "<\($0)>" } ?? "(none)"))
        line(bold("From: ") + safe(msg.from) + (msg.addressesObfuscated ? dim("  (addresses obfuscated by the archive)") : ""))
        line(bold("Date: ") + safe(msg.date ?? "(none)"))
        line(bold("Subject: ") + safe(msg.subject))
        line(bold("Origin: ") + msg.origin.rawValue + (msg.sourceURL.map { "  " + safe($0) } ?? ""))

        line(bold("Embedded messages:"))
        for (p, q) in quotes.enumerated() {
            for e in q.embedded {
                var s = "  depth \(e.depth)  " + (e.author.map(safe) ?? "(unknown)")
                if let a = e.address, e.author != a { s += " <" + safe(a) + ">" }
                if let d = e.date { s += "  " + safe(d) }
                s += dim("  (" + where_(p, quotes.count) + "\(e.lineIndices.count) line\(e.lineIndices.count == 1 ? "" : "s")"
                         + (e.attribution.map { ", attribution at line \($0.lineIndex + 1)" } ?? "") + ")")
                line(s)
            }
        }
        if !m.diffs.isEmpty {
            line(bold("Diffs:"))
            for d in m.diffs {
                let files = d.files.map { safe(ShowModel.path($0)) }.joined(separator: ", ")
                line("  depth \(d.depth)  " + where_(d.partIndex, quotes.count) + "lines \(d.lineRange.lowerBound + 1)–\(d.lineRange.upperBound)  "
                     + files + "  " + (d.complete ? "complete" : "PARTIAL (trimmed by a reply)"))
            }
        }
        if !m.reports.isEmpty {
            line(bold("Crash reports:"))
            for r in m.reports {
                line("  depth \(r.depth)  " + where_(r.partIndex, quotes.count) + "lines \(r.lineRange.lowerBound + 1)–\(r.lineRange.upperBound)  "
                     + safe(r.title) + dim("  (\(r.frames.count) frame\(r.frames.count == 1 ? "" : "s"))"))
            }
        }
        if !msg.otherAttachments.isEmpty {
            line(bold("Other attachments: ") + msg.otherAttachments.map(safe).joined(separator: ", "))
        }

        for (p, q) in quotes.enumerated() {
            let part = p < msg.parts.count ? msg.parts[p] : TextPart(text: "")
            line("")
            if quotes.count > 1 || part.isAttachment {
                line(bold("── part \(p + 1): " + safe(part.contentType) + (part.filename.map { " " + safe($0) } ?? "")
                          + (part.isAttachment ? " (attachment)" : "") + " ──"))
            }
            let marks = ShowModel.marks(part: p, quote: q, diffs: m.diffs, reports: m.reports)
            let numberWidth = String(q.lines.count).count
            let depthWidth = String(q.maxDepth).count
            for (i, l) in q.lines.enumerated() {
                let number = pad(String(i + 1), numberWidth), depth = pad(String(l.depth), depthWidth)
                let gutter = number + " " + depth + " " + String(marks[i]) + "│"
                line(tint(gutter, depth: l.depth) + safe(l.raw))
            }
        }
        return out
    }

    private func where_(_ part: Int, _ parts: Int) -> String { parts > 1 ? "part \(part + 1), " : "" }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    private func bold(_ s: String) -> String { colour ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
    private func dim(_ s: String) -> String { colour ? "\u{1B}[2m" + s + "\u{1B}[0m" : s }
    /// The gutter coloured by depth, so levels stand apart on a terminal.
    private func tint(_ s: String, depth: Int) -> String {
        guard colour else { return s }
        let colours = [37, 32, 33, 36, 35, 34]
        return "\u{1B}[\(colours[depth % colours.count])m" + s + "\u{1B}[0m"
    }
}
