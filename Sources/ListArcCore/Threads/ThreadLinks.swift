/// A message's place in its thread.
public struct ThreadLink: Sendable, Hashable {
    public var parent: String?
    /// True when the parent was inferred rather than named by In-Reply-To/References.
    public var inferred: Bool
    public init(parent: String?, inferred: Bool) {
        self.parent = parent
        self.inferred = inferred
    }
}

/// Links a set of messages held together (a file, a fetched thread): declared parents
/// first, then inference among the others for replies that declare none.
public enum ThreadLinker {
    public static func link(_ nodes: [ThreadNode]) -> [String: ThreadLink] {
        var links: [String: ThreadLink] = [:]
        for n in nodes { links[n.id] = ThreadLink(parent: n.declaredParent, inferred: false) }
        // Earliest first, so each inferred link points at something already placed.
        let order = nodes.indices.sorted { (nodes[$0].date ?? .max, $0) < (nodes[$1].date ?? .max, $1) }
        for i in order where nodes[i].declaredParent == nil && nodes[i].looksLikeReply {
            let reply = nodes[i]
            guard let choice = ParentInference.parent(of: reply, among: nodes),
                  !createsCycle(child: reply.id, parent: choice.parent, links: links) else { continue }
            links[reply.id] = ThreadLink(parent: choice.parent, inferred: true)
        }
        return links
    }

    /// Whether `child` is already an ancestor of `parent`.
    public static func createsCycle(child: String, parent: String, links: [String: ThreadLink]) -> Bool {
        var seen: Set<String> = []
        var cursor: String? = parent
        while let c = cursor {
            if c == child { return true }
            if !seen.insert(c).inserted { return true }
            cursor = links[c]?.parent
        }
        return false
    }
}
