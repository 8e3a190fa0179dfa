/// Groups lines into the messages a reply carries: a line at depth d belongs to the
/// message open at d; an attribution at depth d opens a new message at d + 1 (and
/// closes everything deeper), so two quoted blocks under two attributions stay
/// apart while an interleaved reply's quotes of one message stay together.
enum EmbeddedTree {
    static func build(depths: [Int], attributions: [Attribution]) -> [EmbeddedMessage] {
        var messages = [EmbeddedMessage(depth: 0, author: nil, address: nil, date: nil, attribution: nil, lineIndices: [])]
        // Message open at each depth (-1: none), indexed by depth.
        var open = OpenMessages()
        open[0] = 0
        // Depths in `open`, deepest on top (may hold stale entries), so closing
        // "everything deeper than d" costs only what it closes.
        var openDepths = MaxHeap()
        var next = 0
        for (i, d) in depths.enumerated() {
            let index: Int
            if let o = open[d] {
                index = o
            } else {
                index = messages.count
                messages.append(EmbeddedMessage(depth: d, author: nil, address: nil, date: nil, attribution: nil, lineIndices: [],
                                                parent: d > 0 ? open[d - 1] : nil))
                open[d] = index
                openDepths.push(d)
            }
            messages[index].lineIndices.append(i)
            while next < attributions.count, attributions[next].lineRange.upperBound - 1 <= i {
                let a = attributions[next]
                next += 1
                guard a.lineRange.upperBound - 1 == i else { continue }
                while let top = openDepths.top, top > a.depth {
                    openDepths.pop()
                    open[top] = nil
                }
                let opened = messages.count
                messages.append(EmbeddedMessage(depth: a.depth + 1, author: a.name, address: a.address, date: a.date, attribution: a,
                                                lineIndices: [], parent: open[a.depth]))
                open[a.depth + 1] = opened
                openDepths.push(a.depth + 1)
            }
        }
        return sortedByDepth(messages)
    }

    /// Depth 0 first, then by depth, mail order within a depth; parents renumbered.
    private static func sortedByDepth(_ messages: [EmbeddedMessage]) -> [EmbeddedMessage] {
        let order = messages.indices.sorted { (messages[$0].depth, $0) < (messages[$1].depth, $1) }
        var newIndex = [Int](repeating: 0, count: messages.count)
        for (n, old) in order.enumerated() { newIndex[old] = n }
        return order.map { old in
            var m = messages[old]
            m.parent = m.parent.map { newIndex[$0] }
            return m
        }
    }
}

/// The message open at each depth: an array indexed by depth (depths are small and
/// dense), read like the dictionary it replaces.
struct OpenMessages {
    private var slots: [Int] = []

    subscript(depth: Int) -> Int? {
        get { depth >= 0 && depth < slots.count && slots[depth] >= 0 ? slots[depth] : nil }
        set {
            guard depth >= 0 else { return }
            if depth >= slots.count {
                guard newValue != nil else { return }
                slots += [Int](repeating: -1, count: depth + 1 - slots.count)
            }
            slots[depth] = newValue ?? -1
        }
    }
}

/// A binary max-heap of depths.
struct MaxHeap {
    private var items: [Int] = []
    var top: Int? { items.first }

    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard items[p] < items[i] else { break }
            items.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, items[l] > items[m] { m = l }
            if r < items.count, items[r] > items[m] { m = r }
            guard m != i else { break }
            items.swapAt(i, m)
            i = m
        }
    }
}
