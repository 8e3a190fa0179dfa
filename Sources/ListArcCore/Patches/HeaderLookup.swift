import Foundation

extension MailMessage {
    /// `header(name)` without Foundation's case-insensitive compare for the usual
    /// all-ASCII names (ASCII case folding gives the same answer there); any other
    /// name is compared the way `header(_:)` compares it. Patch building asks for
    /// several fields of every message.
    func headerValue(_ name: String) -> String? {
        for field in headers where Self.sameName(field.name, name) { return field.value }
        return nil
    }

    private static func sameName(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return a.caseInsensitiveCompare(b) == .orderedSame }
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { p, q in
            p == q || ((p | 0x20) == (q | 0x20) && (p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A)
        }
    }

    /// The fields patch building reads, each looked up once.
    var patchFields: (from: String, date: String?, subject: String, messageID: String?) {
        (headerValue("From") ?? "", headerValue("Date"), headerValue("Subject") ?? "",
         headerValue("Message-ID").flatMap { MessageID.first(in: $0) })
    }
}
