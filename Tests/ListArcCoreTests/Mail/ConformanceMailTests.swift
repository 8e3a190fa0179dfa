import Foundation
import Testing
import TestSupport
@testable import ListArcCore

/// The mails of ../shared/conformance (git, patchwork, b4, public-inbox test
/// corpora, fuzz mails included): every one parses, and the tricky ones come out
/// the way the diff extraction needs them.
@Suite struct ConformanceMailTests {
    static let root = Paths.shared.appendingPathComponent("conformance")

    /// `id → mail path` from manifest.tsv.
    static func manifest() throws -> [(id: String, expect: String, path: URL)] {
        let text = try Paths.text(root.appendingPathComponent("manifest.tsv"))
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 4 else { return nil }
            return (String(columns[0]), String(columns[4]), root.appendingPathComponent(String(columns[3])))
        }
    }

    static func message(_ id: String) throws -> MailMessage {
        let row = try #require(try manifest().first { $0.id == id })
        return try MailParser.parse(try Paths.bytes(row.path), sourceURL: row.path.path)
    }

    @Test func everyMailParses() throws {
        let rows = try Self.manifest()
        #expect(rows.count == 268)
        for row in rows {
            let message = try MailParser.parse(try Paths.bytes(row.path), sourceURL: row.id)
            if row.expect == "diff" {
                #expect(message.parts.contains { $0.text.contains("diff --git ") || $0.text.contains("+++ ") || $0.text.contains("Index: ") },
                        "\(row.id): no diff text in any part")
            }
        }
        #expect(rows.filter { $0.expect == "any" }.count == 17)
    }

    @Test func everyFileUnderMailsParses() throws {
        let mails = Self.root.appendingPathComponent("mails")
        let files = FileManager.default.enumerator(at: mails, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { !["COPYING", "SOURCE", "NOTES.txt"].contains($0.lastPathComponent) && !$0.hasDirectoryPath } ?? []
        #expect(files.count >= 268)
        for file in files {
            let bytes = try Paths.bytes(file)
            guard bytes.contains(where: { $0 > 0x20 }) else { continue }
            _ = try MailParser.parse(bytes, sourceURL: file.path)
        }
    }

    @Test func nulBytesSurviveBase64() throws {
        let body = try Self.message("git-nul-b64").body
        #expect(body.contains("+volutpat. Proin in purus. Nulla urna sapien, dapi\u{0}us sit amet,\n"))
    }

    @Test func crlfInBase64BecomesLF() throws {
        // t4258: the diff must apply to "one\n".
        let part = try #require(try Self.message("git-t4258-quoted-cr").parts.first)
        #expect(part.text.contains("\n-one\n+two\n"))
        #expect(!part.text.contains("\r"))
        #expect(part.hadCRLF)
    }

    @Test func loneCRInsideALineIsKept() throws {
        for id in ["git-quoted-cr-0001", "git-quoted-cr-0002"] {
            let body = try Self.message(id).body
            #expect(body.contains("     printf \"\rChecking for python3 pytest (>= 3.0)... \"\n"), "\(id)")
        }
    }

    @Test func charsetNoneFallsBack() throws {
        let message = try Self.message("pw-mail-0010")
        #expect(message.parts.contains { $0.text.contains("diff --git") })
        #expect(!message.parts.contains { $0.text.contains("\u{FFFD}") })
    }

    @Test func latin1QuotedPrintablePatch() throws {
        let body = try Self.message("git-sample-0005").body
        #expect(!body.contains("=\n"))
        #expect(body.contains("diff --git"))
    }

    @Test func thunderbirdFlowedPatch() throws {
        let part = try #require(try Self.message("git-t4256-flowed").parts.first)
        #expect(part.wasFlowed)
        #expect(part.text.contains("\n@@ -237,11 +237,22 @@ static int slurp_attr(const char *line, const char *name, struct strbuf *attr)\n \treturn 1;\n }\n"))
        #expect(part.text.contains("\n+static int has_attr_value(const char *line, const char *name, const char *value)\n"))
    }

    @Test func quotedFlowedDiffKeepsItsLines() throws {
        let part = try #require(try Self.message("pw-quoted-real-1").parts.first)
        #expect(part.wasFlowed)
        #expect(part.text.contains("\n>   \tstruct bpf_map *m = &map->map;\n>   \n>   \tm = bpf_map_inc(m, false);\n"))
    }

    @Test func rfc2047Samples() throws {
        let message = try Self.message("git-rfc2047-0001")
        #expect(!message.from.contains("=?"))
        let topel = try Self.message("pw-quoted-real-1")
        #expect(topel.from == "Björn Töpel <bjorn.topel@intel.com>")
    }

    @Test func alternativeHTMLStaysOutOfTheText() throws {
        let message = try Self.message("pw-mail-0019")
        #expect(!message.parts.contains { $0.text.contains("<div") })
    }
}
