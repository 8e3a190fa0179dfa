import ListArcCore

/// Keeps the messages of one thread: those linked to a given Message-ID through
/// In-Reply-To / References chains (in either direction, also through messages
/// the mbox does not hold). t.mbox.gz may carry loose same-subject matches; this
/// drops them.
public enum StrictThread {
    public static func filter(_ messages: [MailMessage], around messageID: String) -> [MailMessage] {
        // Union-find over Message-IDs; each message joins its own id with every id it cites.
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var root = x
            while let p = parent[root], p != root { root = p }
            var node = x
            while let p = parent[node], p != root { parent[node] = root; node = p }
            return root
        }
        func union(_ a: String, _ b: String) {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[ra] = rb }
        }
        for m in messages {
            guard let id = m.messageID else { continue }
            union(id, id)
            for cited in m.references + (m.inReplyTo.map { [$0] } ?? []) { union(id, cited) }
        }
        guard parent[messageID] != nil else { return [] }
        let root = find(messageID)
        return messages.filter { $0.messageID.map { find($0) == root } ?? false }
    }
}
