/// "NAME <addr>", "\"Last, First\" <addr>", "NAME [mailto:addr]", "NAME (<addr>)",
/// "addr" → name and address, as attribution lines and Outlook headers write them.
enum PersonText {
    static func parse(_ text: Substring) -> (name: String?, address: String?) {
        var rest = text
        var address: String?
        if let lt = rest.lastIndex(of: "<"), let gt = rest[lt...].firstIndex(of: ">"), rest[lt..<gt].contains("@") {
            address = String(rest[rest.index(after: lt)..<gt])
            rest = rest[..<lt] + rest[rest.index(after: gt)...]
        } else if let open = rest.range(of: "[mailto:", options: .caseInsensitive), let close = rest[open.upperBound...].firstIndex(of: "]") {
            address = String(rest[open.upperBound..<close])
            rest = rest[..<open.lowerBound] + rest[rest.index(after: close)...]
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
            let t = a.trimmingCharacters(in: .whitespaces)
            address = t.isEmpty ? nil : (t.lowercased().hasPrefix("mailto:") ? String(t.dropFirst(7)) : t)
        }
        return (name, address)
    }

    /// Trims blanks, quotes, brackets left over from a removed address, and commas.
    static func clean<S: StringProtocol>(_ s: S) -> String? {
        var t = Substring(s)
        let junk: Set<Character> = [" ", "\t", "\"", "'", ",", "(", ")", "*", "\u{00A0}", "“", "”", "«", "»"]
        while let f = t.first, junk.contains(f) { t = t.dropFirst() }
        while let l = t.last, junk.contains(l) { t = t.dropLast() }
        return t.isEmpty ? nil : String(t)
    }
}

import Foundation
