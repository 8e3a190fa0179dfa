import Foundation
import Testing
import TestSupport
@testable import ListArcSources

/// The one-pass page scan must read every page it accepts exactly as libxml2 does,
/// and accept the archive pages it exists for.
@Suite struct StrictPageScanTests {
    static func htmlFiles(under root: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 16) else { continue }
            try? handle.close()
            if head.first == UInt8(ascii: "<") { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    static func context(_ html: [UInt8]) -> String {
        guard let at = StrictPageScan.refusal(html) else { return "-" }
        return "byte \(at): " + String(decoding: html[max(0, at - 40)..<min(html.count, at + 40)], as: UTF8.self).debugDescription
    }

    static func same(_ html: [UInt8]) throws -> Bool? {
        guard let strict = StrictPageScan.scan(html) else { return nil }
        return strict == (try HTMLScan.scanWithLibXML2(html, name: "page"))
    }

    /// Every page in Samples/ and the shared fixtures (blists and public-inbox message,
    /// thread and index pages): the strict scan reads it, and reads it as libxml2 does.
    @Test func archivePagesReadAsLibXML2ReadsThem() throws {
        var roots = [Paths.samples]
        let fixtures = Paths.shared.appendingPathComponent("fixtures")
        if FileManager.default.fileExists(atPath: fixtures.path) { roots.append(fixtures) }
        var checked = 0
        for url in roots.flatMap(Self.htmlFiles) {
            let html = try Paths.bytes(url)
            let same = try Self.same(html)
            #expect(same == true, "\(url.path): \(same == nil ? "left to libxml2 at \(Self.context(html))" : "reads differently")")
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// Random pages built from what archive pages contain (and what breaks them):
    /// whatever the strict scan accepts, libxml2 reads the same.
    @Test func randomPagesReadAsLibXML2ReadsThem() throws {
        var rng = SeededRandom(seed: 20261129)
        var accepted = 0
        for round in 0..<4_000 {
            let page = Self.randomPage(&rng)
            if let same = try Self.same(page) {
                accepted += 1
                #expect(same, "round \(round): \(String(decoding: page, as: UTF8.self).debugDescription)")
                if !same { break }
            }
        }
        // The check means something only if many pages get through.
        #expect(accepted > 1_000)
    }

    @Test func leavesToLibXML2WhatItCannotReadExactly() throws {
        let refused = [
            "<html><body><pre>a\u{0}b</pre></body></html>",
            "<html><body><pre>a\r\nb</pre></body></html>",
            "<html><body><pre>&bogus;</pre></body></html>",
            "<html><body><pre>&amp</pre></body></html>",
            "<html><body><pre>&#0;</pre></body></html>",
            "<?xml version=\"1.0\"?><html></html>",
            "<html><body><marquee>x</marquee></body></html>",
            "\u{FEFF}<html></html>",
            "<html><body><pre>a < b</pre></body></html>",
            "<html><body><pre>x</pre></body></html><p>after</p>",
            "<html><html><body></body></html>",
            // No element: libxml2 may make no document of it (found by FuzzPages: empty input).
            "", "  \n", "<!-- only a comment -->", "<!DOCTYPE html>",
        ]
        for page in refused { #expect(StrictPageScan.scan(Array(page.utf8)) == nil, "\(page.debugDescription)") }
        // Hostile shapes stay cheap: deep nesting and endless attributes are libxml2's.
        #expect(StrictPageScan.scan(Array(("<html><body>" + String(repeating: "<div>", count: 300)).utf8)) == nil)
        #expect(StrictPageScan.scan(Array(("<html><body><a" + (0..<100).map { " x\($0)=1" }.joined() + ">x</a>").utf8)) == nil)
        #expect(StrictPageScan.scan([0x3C, 0x70, 0x72, 0x65, 0x3E, 0xFF, 0x3C, 0x2F, 0x70, 0x72, 0x65, 0x3E]) == nil)
        // The page still reads, through libxml2.
        #expect(try HTMLScan.scan(Array("<html><body><pre>&bogus; x</pre></body></html>".utf8), name: "p").pres.first?.text == Array("&bogus; x".utf8))
    }

    // MARK: random pages

    static func randomPage(_ rng: inout SeededRandom) -> [UInt8] {
        var out = ""
        if Bool.random(using: &rng) { out += "<!DOCTYPE html>\n" }
        if Int.random(in: 0..<4, using: &rng) > 0 { out += "<html>" }
        if Int.random(in: 0..<3, using: &rng) > 0 { out += "<head><title>" + text(&rng) + "</title></head>" }
        if Int.random(in: 0..<4, using: &rng) > 0 { out += "<body>" }
        for _ in 0..<Int.random(in: 1...25, using: &rng) { out += piece(&rng) }
        if Int.random(in: 0..<4, using: &rng) > 0 { out += "</body>" }
        if Int.random(in: 0..<4, using: &rng) > 0 { out += "</html>" }
        if Bool.random(using: &rng) { out += "\n" }
        return Array(out.utf8)
    }

    static let tags = ["pre", "a", "b", "span", "li", "ul", "ol", "p", "div", "table", "tr", "td", "th", "i", "u", "form",
                       "font", "center", "h1", "dl", "dt", "dd", "em", "code", "tt", "small", "tbody", "option", "select"]
    static let empties = ["br", "hr", "img", "input", "meta", "link"]

    static func piece(_ rng: inout SeededRandom) -> String {
        switch Int.random(in: 0..<14, using: &rng) {
        case 0...3: return text(&rng)
        case 4...5: return "<" + tags.randomElement(using: &rng)! + attributes(&rng) + ">"
        case 6: return "<" + tags.randomElement(using: &rng)!.uppercased() + attributes(&rng) + ">"
        case 7...8: return "</" + tags.randomElement(using: &rng)! + ">"
        case 9: return "<" + empties.randomElement(using: &rng)! + attributes(&rng) + (Bool.random(using: &rng) ? " />" : ">")
        case 10: return "<!-- " + ["c", "x y", ""].randomElement(using: &rng)! + " -->"
        case 11: return ["\n", " ", "\t", "  \n  ", ""].randomElement(using: &rng)!
        case 12:
            let tag = tags.randomElement(using: &rng)!
            return "<\(tag)\(attributes(&rng))>" + text(&rng) + "</\(tag)>"
        default: return "<" + tags.randomElement(using: &rng)! + "/>"
        }
    }

    static func attributes(_ rng: inout SeededRandom) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            let name = ["id", "href", "style", "rel", "class", "name", "ID"].randomElement(using: &rng)!
            let value = ["x", "#m", "../a/", "font-family: times;", "a&amp;b", "&#64;", "q", "white-space: pre-wrap", "a>b", "&eacute;"].randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out += "\n\(name)=\(value.contains(" ") || value.contains("&") || value.contains(">") ? "v" : value)"
            case 1: out += " \(name)='\(value)'"
            case 2: out += " \(name)"
            default: out += " \(name)=\"\(value)\""
            }
        }
        return out
    }

    static func text(_ rng: inout SeededRandom) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            out += ["word", " ", "\n", "&gt; quoted", "&lt;a&#64;b&gt;", "&nbsp;", "&#1087;&#1080;", "&#x41;", "&amp;", "@@ -1 +1 @@",
                    "\u{E9}t\u{E9}", "&quot;", "&apos;", "&copy;", "\t", "&#150;", "&#x9F;", "&eacute;", "&hellip;", "&#128512;",
                    "&#xD800;", "&AMP;", "&#65", "\u{1F600}", "a > b", "x]]>y"].randomElement(using: &rng)!
        }
        return out
    }
}
