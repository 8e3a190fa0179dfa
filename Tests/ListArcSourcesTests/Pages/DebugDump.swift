import Testing
import TestSupport
@testable import ListArcSources
import ListArcCore

@Suite struct DebugDump {
    @Test func dump() throws {
        for (i, id) in Seed.ids.enumerated() {
            for rest in ["index.html", "T/index.html", "t/index.html"] {
                let page = try ArchivePage.read(html: try Seed.lore(id, rest), name: id, url: "https://lore.kernel.org/linux-mm/\(id)/" + rest.replacingOccurrences(of: "index.html", with: ""))
                guard case .publicInbox(let p) = page else { print("not PI"); continue }
                print(rest, p.kind, p.links, p.messageRawURLs)
                for m in p.messages { print(m.headers); print(m.body.prefix(80).debugDescription, m.body.suffix(30).debugDescription) }
                let raw = try Seed.raw(id)
                if rest == "index.html" { print("equal raw:", p.messages[0].body == raw.body, p.messages[0].parts.count) }
                else { print("equal raw:", p.messages[i].body == raw.body) }
            }
        }
    }
}
