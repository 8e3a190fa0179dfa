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
        var seen = Set<String>()
        var result: [String] = []
        for m in messages {
            for text in m.headers.map(\.value) + m.parts.map(\.text) {
                scan(Array(text.utf8)) { address in
                    if seen.insert(address).inserted { result.append(address) }
                }
            }
        }
        return result
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
        guard let at = hidden.range(of: "@...") else { return nil }
        let local = String(hidden[..<at.lowerBound])
        let tail = String(hidden[at.upperBound...]).lowercased()
        let lowerLocal = local.lowercased()
        var exact: [String] = [], suffix: [String] = []
        for address in known {
            guard let sep = address.lastIndex(of: "@") else { continue }
            let knownLocal = address[..<sep].lowercased()
            let domain = String(address[address.index(after: sep)...])
            let lowerDomain = domain.lowercased()
            guard lowerDomain.count == tail.count + 3, lowerDomain.hasSuffix(tail) else { continue }
            if knownLocal == lowerLocal {
                exact.append(domain)
            } else if knownLocal.hasSuffix(lowerLocal), let before = knownLocal.dropLast(lowerLocal.count).last, "-._+=".contains(before) {
                // git-send-email Message-IDs and lkml links: "…-17018-23-Liam.Howlett@oracle.com".
                suffix.append(domain)
            }
        }
        let evidence = exact.isEmpty ? suffix : exact
        guard let first = evidence.first, evidence.allSatisfy({ $0.lowercased() == first.lowercased() }) else { return nil }
        return local + "@" + first
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

    static func isLocal(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "!#$%&'*+-=?^_`{|}~.".utf8.contains(b)
    }

    static func isDomain(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E
    }

    /// One linear pass over the bytes: every `local@domain` with a dotted domain,
    /// skipping cut ones (`@...`).
    static func scan(_ bytes: [UInt8], _ found: (String) -> Void) {
        var i = 0
        var floor = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == 0x40 else { i += 1; continue }
            var start = i
            while start > floor, isLocal(bytes[start - 1]) { start -= 1 }
            while start < i, bytes[start] == 0x2E { start += 1 }
            var j = i + 1
            while j < n, isDomain(bytes[j]) { j += 1 }
            var end = j
            while end > i + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            let domain = bytes[(i + 1)..<end]
            if start < i, !domain.isEmpty, domain.first != 0x2E, domain.contains(0x2E) {
                found(String(decoding: bytes[start..<i], as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self))
            }
            floor = max(j, i + 1)
            i = max(j, i + 1)
        }
    }
}
