/// Undoes the extra space a format=flowed reply puts before quoted lines that begin
/// with a space (Thunderbird writes `> ` + stuffed text: a context line " x" comes
/// out as `>   x` while `> +y` and `> --- a/f` keep one space).
enum SpaceStuffing {
    /// Removes the stuffing when every context line of every hunk carries it (two or
    /// more leading spaces) and either the part is known to have been format=flowed
    /// or some line proves it: "  " (a stuffed blank line) or "  \t…" (a stuffed
    /// tab-indented line); unstuffed, those would be lines holding one space, or a
    /// space before a tab, which code almost never has. (A line like "  * doc"
    /// proves nothing: " * doc" block-comment lines are common.) A bare " " is a
    /// blank line restored after a client stripped it: it says nothing either way
    /// and is left alone. Returns whether anything changed.
    static func remove(from files: inout [FileDiff], knownFlowed: Bool) -> Bool {
        var proofs = 0, stuffed = 0
        for file in files {
            for hunk in file.hunks {
                for line in hunk.lines where line.utf8.first == 32 && line.utf8.count > 1 {
                    let u = Array(line.utf8.prefix(3))
                    if u[1] != 32 { return false }
                    stuffed += 1
                    if u.count == 2 || u[2] == 9 { proofs += 1 }
                }
            }
        }
        guard stuffed > 0, proofs > 0 || knownFlowed else { return false }
        for f in files.indices {
            for h in files[f].hunks.indices {
                for l in files[f].hunks[h].lines.indices {
                    let line = files[f].hunks[h].lines[l]
                    if line.utf8.first == 32 && line.utf8.count > 1 { files[f].hunks[h].lines[l].removeFirst() }
                }
            }
        }
        return true
    }
}
