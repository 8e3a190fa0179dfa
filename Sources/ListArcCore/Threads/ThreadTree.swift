/// A thread laid out for drawing: depth-first, children by date.
public struct ThreadTree: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var parent: String?
        public var inferred: Bool
        public var depth: Int
        /// True for the last child of its parent (for drawing └─ versus ├─).
        public var isLastChild: Bool
        /// For each ancestor level, whether a later sibling still follows (draws │).
        public var openLevels: [Bool]
    }

    public var entries: [Entry]

    /// `items`: (id, date, link). Messages whose parent is not among them are roots.
    public init(_ items: [(id: String, date: Int64?, link: ThreadLink)]) {
        let present = Set(items.map(\.id))
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        for (i, item) in items.enumerated() {
            if let p = item.link.parent, p != item.id, present.contains(p) { children[p, default: []].append(i) } else { roots.append(i) }
        }
        func byDate(_ a: Int, _ b: Int) -> Bool { (items[a].date ?? .max, items[a].id) < (items[b].date ?? .max, items[b].id) }
        var out: [Entry] = []
        var visited = Set<Int>()
        // Iterative DFS: threads can be deep and input is untrusted.
        var stack: [(index: Int, depth: Int, last: Bool, open: [Bool])] = roots.sorted(by: byDate).reversed().enumerated().map {
            ($0.element, 0, $0.offset == 0, [])
        }
        while let top = stack.popLast() {
            guard visited.insert(top.index).inserted else { continue }
            let item = items[top.index]
            out.append(Entry(id: item.id, parent: item.link.parent, inferred: item.link.inferred, depth: top.depth,
                             isLastChild: top.last, openLevels: top.open))
            let kids = (children[item.id] ?? []).sorted(by: byDate)
            for (k, child) in kids.enumerated().reversed() {
                stack.append((child, top.depth + 1, k == kids.count - 1, top.open + [!top.last]))
            }
        }
        // Messages caught in a parent cycle never hang below a root: list them as roots.
        for i in items.indices where !visited.contains(i) {
            out.append(Entry(id: items[i].id, parent: items[i].link.parent, inferred: items[i].link.inferred, depth: 0,
                             isLastChild: true, openLevels: []))
        }
        entries = out
    }
}
