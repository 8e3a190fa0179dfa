/// Undoes the extra space a format=flowed reply puts before quoted lines that begin
/// with a space (Thunderbird writes `> ` + stuffed text: a context line " x" comes
/// out as `>   x` while `> +y` and `> --- a/f` keep one space).
enum SpaceStuffing {
    /// Removes the stuffing when every context line of every hunk carries it (two
    /// or more leading spaces) and some line shows it unambiguously (exactly two
    /// spaces, then text): an unstuffed diff would need every line of the file to
    /// be indented by at least one space, one of them by exactly one. Returns
    /// whether anything changed.
    static func remove(from files: inout [FileDiff]) -> Bool {
        var exactlyTwo = 0
        for file in files {
            for hunk in file.hunks {
                for line in hunk.lines where line.utf8.first == 32 {
                    let spaces = line.utf8.prefix { $0 == 32 }.count
                    if spaces < 2 { return false }
                    if spaces == 2 { exactlyTwo += 1 }
                }
            }
        }
        guard exactlyTwo > 0 else { return false }
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
