/// Hunks read per file of one diff, so a hostile diff cannot grow the archive
/// without bound. The rest are dropped and the diff is marked incomplete with the
/// `hunkLimitReached` repair, so it is never printed as if it were whole.
public enum DiffLimits {
    public static let maxHunksPerFile = 10_000
}
