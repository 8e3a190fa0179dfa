/// Writes file diffs back as the text `git apply` takes: header lines verbatim,
/// each hunk's `@@` line (as it was in the mail unless it was recounted) and lines,
/// binary blocks; LF line ends. For an unquoted, undamaged diff this is exactly the
/// diff as it was in the mail.
///
/// A partial hunk keeps its original counts, which its lines do not add up to, so
/// `git apply` refuses it rather than applying a cut-down change as if it were whole.
public enum DiffRenderer {
    public static func render(_ files: [FileDiff]) -> String {
        var out = ""
        out.reserveCapacity(files.reduce(0) { $0 + $1.hunks.reduce(64) { $0 + $1.lines.count * 40 } })
        for file in files {
            for line in file.headerLines { out += line; out += "\n" }
            for hunk in file.hunks {
                out += hunk.originalHeaderLine ?? hunk.headerLine
                out += "\n"
                for line in hunk.lines { out += line; out += "\n" }
            }
            for line in file.binaryLines { out += line; out += "\n" }
        }
        return out
    }

    public static func render(_ diff: ExtractedDiff) -> String { render(diff.files) }
}
