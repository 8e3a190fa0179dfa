/// "NAME <addr>", "\"Last, First\" <addr>", "NAME [mailto:addr]", "NAME (<addr>)",
/// "addr" → name and address, as attribution lines and Outlook headers write them.
enum PersonText {
    static func parse(_ text: Substring) -> (name: String?, address: String?) {
        var rest = text
        var address: String?
        if let lt = rest.lastIndex(of: "<"), let gt = rest[lt...].firstIndex(of: ">"), rest[lt..<gt].contains("@") {
            address = String(rest[rest.index(after: lt)..<gt])
            rest = rest[..<lt] + rest[rest.index(after: gt)...]
        } else if let open = mailtoBracket(in: rest), let close = rest[open...].firstIndex(of: "]") {
            let start = rest.utf8.index(open, offsetBy: 8)
            address = String(rest[start..<close])
            rest = rest[..<open] + rest[rest.index(after: close)...]
        } else if let open = rest.lastIndex(of: "("), let close = rest[open...].firstIndex(of: ")"), rest[open..<close].contains("@") {
            address = String(rest[rest.index(after: open)..<close])
            rest = rest[..<open] + rest[rest.index(after: close)...]
        }
        var name = clean(rest)
        if address == nil, let n = name, n.contains("@"), !n.contains(" ") {
            address = n.hasPrefix("mailto:") ? String(n.dropFirst(7)) : n
            name = nil
        }
        if let a = address {
            var t = Substring(a)
            while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
            while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
            if t.utf8.count >= 7, String(t.prefix(7)).lowercased() == "mailto:" { t = t.dropFirst(7) }
            address = t.isEmpty ? nil : String(t)
        }
        return (name, address)
    }

    /// Where "[mailto:" (any case) starts, as Outlook writes "Name [mailto:addr]".
    private static func mailtoBracket(in s: Substring) -> String.Index? {
        let u = s.utf8
        let pattern = Array("[mailto:".utf8)
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == 0x5B {
                var j = i, k = 0
                while k < pattern.count, j != u.endIndex, (u[j] | (k == 0 ? 0 : 0x20)) == pattern[k] { j = u.index(after: j); k += 1 }
                if k == pattern.count { return i }
            }
            i = u.index(after: i)
        }
        return nil
    }

    private static let junk: Set<Character> = [" ", "\t", "\"", "'", ",", "(", ")", "*", "\u{00A0}", "“", "”", "«", "»"]

    /// Trims blanks, quotes, brackets left over from a removed address, and commas.
    static func clean<S: StringProtocol>(_ s: S) -> String? {
        var t = Substring(s)
        while let f = t.first, junk.contains(f) { t = t.dropFirst() }
        while let l = t.last, junk.contains(l) { t = t.dropLast() }
        return t.isEmpty ? nil : String(t)
    }
}

