/// Full addresses a message (or thread) shows, used to restore an author address
/// that blists cut (`Liam.Howlett@...cle.com`): the hidden part is exactly three
/// characters, so a known address with the same local part and a domain three
/// characters longer ending in the visible tail is the original. Without such
/// evidence nothing is guessed.
public enum KnownAddresses {
    /// Addresses in the headers and text of the messages (URLs and Message-IDs
    /// included: `…-Liam.Howlett@oracle.com`).
    public static func `in`(_ messages: MailMessage...) -> [String] { `in`(messages) }

    public static func `in`(_ messages: [MailMessage]) -> [String] {
        var texts: [String] = []
        for m in messages {
            texts += m.headers.map(\.value)
            texts += m.parts.map(\.text)
        }
        return AddressObfuscation.knownAddresses(in: texts)
    }

    /// The patch with its author address restored, when the evidence agrees.
    public static func restoreAuthor(_ patch: Patch, using known: [String]) -> Patch {
        guard patch.authorAddressObfuscated, let address = patch.authorAddress, let restored = restore(address, using: known) else { return patch }
        var copy = patch
        copy.authorAddress = restored
        copy.authorAddressObfuscated = false
        return copy
    }

    /// `local@...tail` → `local@domain` from a known address; nil when none or when
    /// known addresses disagree.
    public static func restore(_ hidden: String, using known: [String]) -> String? {
        let r = AddressObfuscation.restore(in: hidden, using: known)
        return r.restored > 0 && r.remaining == 0 ? r.text : nil
    }

    /// The address a header (From, To, Cc, Reply-To) gives for a display name:
    /// attributions often name the author without an address.
    public static func address(of name: String, in message: MailMessage) -> String? {
        let wanted = nameKey(name)
        guard !wanted.isEmpty else { return nil }
        for field in ["From", "To", "Cc", "Reply-To"] {
            guard let value = message.header(field) else { continue }
            for mailbox in splitMailboxes(value) {
                guard let a = PatchAuthor.parse(mailbox), let n = a.name, let address = a.address else { continue }
                if nameKey(n) == wanted { return address }
            }
        }
        return nil
    }

    /// First and last word, lower-cased: "Liam R. Howlett" and "Liam Howlett" match.
    static func nameKey(_ name: String) -> String {
        let words = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\"" }).filter { !$0.hasSuffix(".") || $0.count > 2 }
        guard let first = words.first, let last = words.last else { return "" }
        return first + " " + last
    }

    /// Mailboxes of an address list (commas inside quotes or <> do not split).
    static func splitMailboxes(_ value: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false, angle = false
        for c in value {
            if c == "\"" { quoted.toggle() }
            if c == "<" { angle = true }
            if c == ">" { angle = false }
            if c == ",", !quoted, !angle {
                out.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        if !PatchText.trim(current).isEmpty { out.append(current) }
        return out
    }
}
