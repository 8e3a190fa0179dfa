/// blists (lists.openwall.net) hides addresses: `user@domain.tld` is shown as
/// `user@...` followed by the domain minus its first three characters
/// (`digetx@...il.com` for digetx@gmail.com). Message-ID lines and URLs keep the
/// full address. This restores hidden domains from full occurrences elsewhere
/// (same page, same thread) and never guesses without such evidence.
public enum AddressObfuscation {
    /// One hidden address as it appears in text.
    public struct Hidden: Sendable, Hashable {
        public var localPart: String
        /// The visible end of the domain (what follows `...`).
        public var domainTail: String
        /// Byte offsets of `local@...tail` in the text's UTF-8.
        public var range: Range<Int>
    }

    public struct Restoration: Sendable, Hashable {
        public var text: String
        public var restored: Int
        /// Hidden addresses left as they were (no or ambiguous evidence).
        public var remaining: Int
    }

    /// Number of domain characters blists hides.
    public static let hiddenCount = 3
    static let ellipsis: [UInt8] = Array("...".utf8)

    /// True when the text shows at least one hidden address.
    public static func containsHidden(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { containsHidden(utf8: $0) }
    }

    /// The same on UTF-8 bytes (no copy).
    public static func containsHidden(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        scan(bytes) { _ in found = true; return false } full: { _, _ in true }
        return found
    }

    /// Hidden addresses in the text, in order.
    public static func hidden(in text: String) -> [Hidden] {
        var result: [Hidden] = []
        let bytes = Array(text.utf8)
        scan(bytes) { h in result.append(h); return true } full: { _, _ in true }
        return result
    }

    /// Full addresses (`local@domain`) in the texts, including those inside URLs and
    /// Message-IDs (`…-Liam.Howlett@oracle.com`), in first-seen order, without duplicates.
    public static func knownAddresses(in texts: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in texts {
            let bytes = Array(text.utf8)
            scan(bytes) { _ in true } full: { local, domain in
                let address = String(decoding: bytes[local], as: UTF8.self) + "@" + String(decoding: bytes[domain], as: UTF8.self)
                if seen.insert(address).inserted { result.append(address) }
                return true
            }
        }
        return result
    }

    /// Restores hidden addresses in `text` from the full addresses in `known`.
    /// An address is restored when a known address has the same local part
    /// (case-insensitive; or ends with it after a `-`/`.`/`_`/`+`/`=`, as git-send-email
    /// Message-IDs and lkml.kernel.org links do) and a domain that is exactly three
    /// characters longer and ends with the visible tail (case-insensitive). The
    /// local part keeps the text's spelling; the domain takes the evidence's (its
    /// hidden case cannot be known). Disagreeing evidence restores nothing.
    public static func restore(in text: String, using known: [String]) -> Restoration {
        let bytes = Array(text.utf8)
        var hiddenList: [Hidden] = []
        scan(bytes) { h in hiddenList.append(h); return true } full: { _, _ in true }
        if hiddenList.isEmpty { return Restoration(text: text, restored: 0, remaining: 0) }
        let evidence = Evidence(known)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + hiddenList.count * 4)
        var cursor = 0
        var restored = 0
        for h in hiddenList {
            guard let domain = evidence.domain(local: h.localPart, tail: h.domainTail) else { continue }
            output.append(contentsOf: bytes[cursor..<h.range.lowerBound])
            output.append(contentsOf: h.localPart.utf8)
            output.append(0x40)
            output.append(contentsOf: domain.utf8)
            cursor = h.range.upperBound
            restored += 1
        }
        if restored == 0 { return Restoration(text: text, restored: 0, remaining: hiddenList.count) }
        output.append(contentsOf: bytes[cursor...])
        return Restoration(text: String(decoding: output, as: UTF8.self), restored: restored, remaining: hiddenList.count - restored)
    }

    /// Restores every header and text part of the messages using evidence from all of
    /// them (plus `extra` texts, e.g. other pages of the thread). A message stays
    /// marked obfuscated while any hidden address is left.
    public static func restore(_ messages: [MailMessage], extra: [String] = []) -> [MailMessage] {
        var texts = extra
        for m in messages {
            texts.append(contentsOf: m.headers.map(\.value))
            texts.append(contentsOf: m.parts.map(\.text))
        }
        let known = knownAddresses(in: texts)
        return messages.map { message in
            var m = message
            var remaining = 0
            for i in m.headers.indices {
                let r = restore(in: m.headers[i].value, using: known)
                m.headers[i].value = r.text
                remaining += r.remaining
            }
            for i in m.parts.indices {
                let r = restore(in: m.parts[i].text, using: known)
                m.parts[i].text = r.text
                remaining += r.remaining
            }
            m.addressesObfuscated = message.addressesObfuscated && remaining > 0
            return m
        }
    }

    /// The text as blists would show it: every address outside URLs becomes
    /// `local@...` + its domain minus the first three characters. Lets a raw mail be
    /// compared with an openwall page of it.
    public static func obfuscate(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        scan(bytes) { _ in true } full: { local, domain in
            guard !insideURL(bytes, before: local.lowerBound) else { return true }
            output.append(contentsOf: bytes[cursor..<domain.lowerBound])
            output.append(contentsOf: ellipsis)
            output.append(contentsOf: bytes[min(domain.lowerBound + hiddenCount, domain.upperBound)..<domain.upperBound])
            cursor = domain.upperBound
            return true
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }

    /// True when the token holding position `at` (back to the last space, `<`, `"`,
    /// `(` or line start) contains `://`.
    static func insideURL(_ bytes: [UInt8], before at: Int) -> Bool {
        var k = at - 1
        while k >= 2 {
            let b = bytes[k]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == UInt8(ascii: "<") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "(") { return false }
            if b == UInt8(ascii: "/"), bytes[k - 1] == UInt8(ascii: "/"), bytes[k - 2] == UInt8(ascii: ":") { return true }
            k -= 1
        }
        return false
    }

    // MARK: - evidence

    private struct Evidence {
        /// lower-cased "local@tail" → domains seen (exact local-part matches).
        var exact: [String: [String]] = [:]
        /// lower-cased local parts and domains for suffix matches.
        var all: [(local: String, domain: String)] = []

        init(_ known: [String]) {
            for address in known {
                guard let at = address.utf8.lastIndex(of: 0x40) else { continue }
                let local = String(address[..<at]).lowercased()
                let domain = String(address[address.index(after: at)...])
                let lowerDomain = domain.lowercased()
                guard lowerDomain.utf8.count > AddressObfuscation.hiddenCount else { continue }
                let tail = String(lowerDomain.dropFirst(AddressObfuscation.hiddenCount))
                exact[local + "@" + tail, default: []].append(domain)
                all.append((local, domain))
            }
        }

        func domain(local: String, tail: String) -> String? {
            let l = local.lowercased(), t = tail.lowercased()
            if let domains = exact[l + "@" + t] { return agreed(domains) }
            var suffixMatches: [String] = []
            for (knownLocal, domain) in all where knownLocal.hasSuffix(l) && knownLocal.count > l.count {
                let lower = domain.lowercased()
                guard lower.count == t.count + AddressObfuscation.hiddenCount, lower.hasSuffix(t) else { continue }
                let before = knownLocal.dropLast(l.count).last
                if let before, "-._+=".contains(before) { suffixMatches.append(domain) }
            }
            return suffixMatches.isEmpty ? nil : agreed(suffixMatches)
        }

        /// The domain when all evidence names the same one (case aside), else nil.
        private func agreed(_ domains: [String]) -> String? {
            guard let first = domains.first else { return nil }
            let lower = first.lowercased()
            return domains.allSatisfy { $0.lowercased() == lower } ? first : nil
        }
    }

    // MARK: - scanning

    static func isLocalByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~.".utf8.contains(b) && b != UInt8(ascii: "/")
        }
    }

    static func isDomainByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// One linear pass: calls `hidden` for each `local@...tail`, `full` for each
    /// `local@domain` (byte ranges of local part and domain). A callback returning
    /// false stops the scan.
    static func scan(_ bytes: [UInt8], hidden: (Hidden) -> Bool, full: (Range<Int>, Range<Int>) -> Bool) {
        bytes.withUnsafeBufferPointer { scan($0, hidden: hidden, full: full) }
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, hidden: (Hidden) -> Bool, full: (Range<Int>, Range<Int>) -> Bool) {
        var i = 0
        let n = bytes.count
        var localFloor = 0 // a local part never reaches back past the previous address
        while i < n {
            guard bytes[i] == 0x40 else { i += 1; continue }
            var start = i
            while start > localFloor, isLocalByte(bytes[start - 1]) { start -= 1 }
            // Leading dots are punctuation, not part of an address.
            while start < i, bytes[start] == UInt8(ascii: ".") { start += 1 }
            guard start < i else { i += 1; continue }
            var j = i + 1
            if j + 3 <= n, bytes[j] == 0x2E, bytes[j + 1] == 0x2E, bytes[j + 2] == 0x2E {
                j += 3
                let tailStart = j
                while j < n, isDomainByte(bytes[j]) { j += 1 }
                var end = j
                // A sentence-ending dot is not part of the domain (but `....com` is).
                while end > tailStart + 1, bytes[end - 1] == 0x2E { end -= 1 }
                let h = Hidden(localPart: String(decoding: bytes[start..<i], as: UTF8.self),
                               domainTail: String(decoding: bytes[tailStart..<end], as: UTF8.self),
                               range: start..<end)
                if !hidden(h) { return }
                localFloor = end
                i = end
                continue
            }
            let domainStart = j
            while j < n, isDomainByte(bytes[j]) { j += 1 }
            var end = j
            while end > domainStart, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            if end > domainStart, bytes[domainStart] != 0x2E, bytes[domainStart] != 0x2D {
                if !full(start..<i, domainStart..<end) { return }
                localFloor = end
                i = end
            } else {
                i += 1
            }
        }
    }
}
