@testable import ListArcCore

/// A mail from lines joined with "\n" (or "\r\n"), as bytes.
func mail(_ lines: [String], crlf: Bool = false) -> [UInt8] {
    Array((lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")).utf8)
}

func parse(_ lines: [String], crlf: Bool = false) throws -> MailMessage {
    try MailParser.parse(mail(lines, crlf: crlf), sourceURL: "test")
}
