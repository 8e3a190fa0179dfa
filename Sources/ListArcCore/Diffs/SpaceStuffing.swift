/// Undoes the extra space a format=flowed reply puts before quoted lines that begin
/// with a space (Thunderbird writes `> ` + stuffed text: a context line " x" comes
/// out as `>   x` while `> +y` and `> --- a/f` keep one space).
enum SpaceStuffing {
    /// Removes the stuffing when every context line of every hunk carries it (two or
    /// more leading spaces) and some line proves it: "  " (a stuffed blank line) or
    /// "  \t…" (a stuffed tab-indented line); unstuffed, those would be lines holding
    /// one space, or a space before a tab, which code almost never has. (A line like
    /// "  * doc" proves nothing: " * doc" block-comment lines are common.) Returns
    /// whether anything changed.
    static func remove(from files: inout [FileDiff]) -> Bool {
        var proofs = 0
        for file in files {
            for hunk in file.hunks {
                for line in hunk.lines where line.utf8.first == 32 {
                    let u = Array(line.utf8.prefix(3))
                    if u.count < 2 || u[1] != 32 { return false }
                    if u.count == 2 || u[2] == 9 { proofs += 1 }
                }
            }
        }
        guard proofs > 0 else { return false }
        for f in files.indices {
            for h in files[f].hunks.indices {
                for l in files[f].hunks[h].lines.indices where files[f].hunks[h].lines[l].utf8.first == 32 {
                    files[f].hunks[h].lines[l].removeFirst()
                }
            }
        }
        return true
    }
}
