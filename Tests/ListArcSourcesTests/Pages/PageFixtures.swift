import Foundation
import TestSupport
@testable import ListArcSources

/// The seed thread as it appears in Samples/.
enum Seed {
    static let openwallPages = ["2022/07/20/3", "2022/07/23/2", "2022/07/25/3", "2022/07/25/5", "2022/07/25/6"]
    static let ids = [
        "20220720021727.17018-23-Liam.Howlett@oracle.com",
        "f5e99dbb-7008-dcf8-3e85-2f161056b37a@gmail.com",
        "20220725140053.gk4ugsxxhgabzg44@revolver",
        "20220725184940.yzgz2m25sbfj5zjj@revolver",
        "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com",
    ]
    static let coverLetter = "20220720021727.17018-1-Liam.Howlett@oracle.com"

    static func openwall(_ page: String) throws -> [UInt8] {
        try Paths.bytes(Paths.sample("openwall/lists.openwall.net/linux-kernel/" + page))
    }
    static func openwallURL(_ page: String) -> String { "https://lists.openwall.net/linux-kernel/" + page }
    static func lore(_ id: String, _ rest: String = "index.html") throws -> [UInt8] {
        try Paths.bytes(Paths.sample("lore/lore.kernel.org/linux-mm/\(id)/\(rest)"))
    }

    /// The mail M1…M5 as (header text, body).
    static func eml(_ n: Int) throws -> (headers: String, body: String) {
        split(try Paths.text(Paths.sample("seed-thread/M\(n).eml")))
    }

    /// lore `raw`: the `From mboxrd@z` line, the message, one extra LF.
    static func raw(_ id: String) throws -> (headers: String, body: String) {
        var text = try Paths.text(Paths.sample("lore/lore.kernel.org/linux-mm/\(id)/raw"))
        if let nl = text.firstIndex(of: "\n") { text = String(text[text.index(after: nl)...]) }
        if text.hasSuffix("\n") { text.removeLast() }
        return split(text)
    }

    static func split(_ text: String) -> (headers: String, body: String) {
        guard let r = text.range(of: "\n\n") else { return (text, "") }
        return (String(text[..<r.lowerBound]), String(text[r.upperBound...]))
    }

    /// A header of a mail's header text, unfolded (line breaks removed), leading blanks trimmed.
    static func header(_ name: String, in headers: String) -> String? {
        var result: String?
        var current: String?
        for line in headers.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t" {
                if current != nil { current! += line }
                continue
            }
            if let c = current, result == nil { result = c }
            current = nil
            if result != nil { break }
            if line.lowercased().hasPrefix(name.lowercased() + ":") {
                current = String(line.dropFirst(name.count + 1).drop { $0 == " " || $0 == "\t" })
            }
        }
        return result ?? current
    }

    /// Lower-cases every domain after `@` so texts compare with domain case ignored
    /// (an obfuscated domain's hidden letters cannot be known in case).
    static func foldingDomains(_ s: String) -> String {
        var out = ""
        var inDomain = false
        for ch in s {
            if ch == "@" { inDomain = true; out.append(ch); continue }
            if inDomain, ch.isLetter || ch.isNumber || ch == "." || ch == "-" { out += ch.lowercased(); continue }
            inDomain = false
            out.append(ch)
        }
        return out
    }
}
