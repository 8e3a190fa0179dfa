/// The diff text of a patch: what `git apply` takes (the Diffs work's renderer:
/// original or recounted `@@` lines; partial hunks keep counts git apply refuses).
enum PatchDiffText {
    static func render(_ files: [FileDiff]) -> String { DiffRenderer.render(files) }
}

extension Patch {
    /// The diff as `git apply` takes it, every line ending in "\n".
    public var diffText: String { PatchDiffText.render(diff.files) }

    /// The `git am` mail (`git format-patch --stdout` layout).
    public var mailText: String { PatchMail.render(self, diffText: diffText) }

    /// Name, address and date for display: `Name <addr>`.
    public var author: String { PatchAuthor(name: authorName, address: authorAddress).display }

    /// The patch limited to the files whose old or new path (a/ b/ removed) is `path`.
    public func only(file path: String) -> Patch {
        var copy = self
        copy.diff.files = diff.files.filter { file in
            let change = FileChange(file)
            return change.oldPath == path || change.newPath == path || change.oldPath == FilePath.display(path, strip: true) && (path.hasPrefix("a/") || path.hasPrefix("b/"))
                || change.newPath == FilePath.display(path, strip: true) && (path.hasPrefix("a/") || path.hasPrefix("b/"))
        }
        // A trimmed hunk in a file left out no longer makes the copy partial.
        copy.diff.complete = diff.complete || copy.diff.files.allSatisfy { $0.hunks.allSatisfy(\.complete) }
        return copy
    }
}

extension Patch {
    /// The diff text of some file sections (what `git apply` takes).
    public static func diffText(of files: [FileDiff]) -> String { PatchDiffText.render(files) }
}
