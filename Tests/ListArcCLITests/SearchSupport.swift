import Foundation
import TestSupport

/// Imports files into a fresh temporary archive with the CLI.
func importedArchive(_ paths: [String]) throws -> TempArchive {
    let a = TempArchive()
    let r = try CLI.run(["import", "--db", a.path] + paths)
    guard r.status == 0 else { throw TestFailure("import failed: \(r.status) \(r.stderr)") }
    return a
}

func jsonObject(_ r: CLI.Result) throws -> [String: Any] {
    guard let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else { throw TestFailure("not a JSON object: \(r.stdout)") }
    return o
}

enum Seed {
    static let m5Page = Paths.sample("openwall/lists.openwall.net/linux-kernel/2022/07/25/6").path
    static let lorePage = Paths.sample("lore/lore.kernel.org/linux-mm/8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com/index.html").path
    static let m2 = Paths.sample("seed-thread/M2.eml").path
    static let thread = Paths.sample("seed-thread/thread.mbox").path
    static let m1ID = "20220720021727.17018-23-Liam.Howlett@oracle.com"
    static let m5ID = "8d77a517-fcc1-5e74-b9d8-2a250dc751ed@gmail.com"
    static let series = Paths.shared.appendingPathComponent("corpus/maple-tree-v14/series.mbox")
    static var seriesAvailable: Bool { FileManager.default.fileExists(atPath: series.path) }
}

/// Which patches of an mbox change a C function, found without listarc: for each
/// hunk, walk the pre-image (context + removed) and post-image (context + added)
/// lines, starting inside the function when the `@@` section names its definition;
/// a column-0 line naming `name(` that reaches `{` before `;` opens the definition
/// (a prototype ends in `;`), and a column-0 `}` or another column-0 definition closes it.
/// A removed or added non-blank line inside counts as a change.
enum BraceWalk {
    static func patchesChanging(_ name: String, in mbox: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        let lines = mbox.components(separatedBy: "\n")
        var subject = "", inHeaders = false, i = 0
        while i < lines.count {
            let l = lines[i]
            if l.hasPrefix("From "), i == 0 || lines[i - 1].isEmpty { inHeaders = true; subject = ""; i += 1; continue }
            if inHeaders {
                if l.isEmpty { inHeaders = false } else if l.hasPrefix("Subject: ") { subject = String(l.dropFirst(9)) } else if (l.hasPrefix(" ") || l.hasPrefix("\t")), !subject.isEmpty, subject.count < 300 {
                    subject += l
                }
                i += 1
                continue
            }
            guard l.hasPrefix("@@ -"), let h = header(l) else { i += 1; continue }
            let startInside = h.section.contains(name + "(")
            var inside = ["-": startInside, "+": startInside]
            var pending = ["-": false, "+": false]
            var old = h.oldCount, new = h.newCount, changed = false
            var j = i + 1
            while j < lines.count, old > 0 || new > 0 {
                let x = lines[j]
                let marker = x.first.map(String.init) ?? " "
                let body = x.isEmpty ? "" : String(x.dropFirst())
                var sides: [String] = []
                switch marker {
                case " ": old -= 1; new -= 1; sides = ["-", "+"]
                case "-": old -= 1; sides = ["-"]
                case "+": new -= 1; sides = ["+"]
                case "\\": break
                default: old = 0; new = 0
                }
                for s in sides {
                    let trimmed = body.trimmingCharacters(in: .whitespaces)
                    let col0 = body.first.map { $0.isLetter || $0 == "_" } ?? false
                    if col0, body.contains("("), !trimmed.hasSuffix(";") {
                        // A definition (or prototype) starts here.
                        inside[s] = false
                        pending[s] = body.contains(name + "(") && !body.contains("=")
                    }
                    if pending[s] == true {
                        if trimmed.hasSuffix(";") { pending[s] = false } else if body.contains("{") { pending[s] = false; inside[s] = true }
                    }
                    if marker != " ", inside[s] == true, !trimmed.isEmpty { changed = true }
                    if body.hasPrefix("}") { inside[s] = false }
                }
                j += 1
            }
            if changed { out[subject, default: []].append(h.text) }
            i = j
        }
        return out
    }

    static func header(_ line: String) -> (oldCount: Int, newCount: Int, section: String, text: String)? {
        let parts = line.components(separatedBy: " @@")
        guard parts.count >= 2 else { return nil }
        let ranges = parts[0].dropFirst(3).split(separator: " ")
        guard ranges.count == 2 else { return nil }
        func count(_ r: Substring) -> Int { r.split(separator: ",").count > 1 ? Int(r.split(separator: ",")[1]) ?? 1 : 1 }
        return (count(ranges[0]), count(ranges[1]), parts.dropFirst().joined(separator: " @@"), parts[0] + " @@")
    }
}
