/// A cheap test on a line's message text (log prefixes already skipped, see
/// `LogPrefix.textRange`) run before the report scanner at a depth with no report
/// open: can this line start one? It must say yes to every line `ReportScanner.start`
/// accepts — the titles of `ReportTitle.classify`, `Call Trace:`/`Call trace:`,
/// `Backtrace:` and the program-counter lines of `ReportScanner.pcFrame` — so it
/// checks the same leading words, without reading the rest of the line. A false yes
/// costs only the full check; a false no would lose a report.
enum ReportPrescan {
    static func mayStart(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let s = range.lowerBound, e = range.upperBound
        guard s < e else { return false }
        @inline(__always) func has(_ p: StaticString) -> Bool {
            let count = p.utf8CodeUnitCount
            guard count <= e - s else { return false }
            let q = p.utf8Start
            var j = 0
            while j < count {
                if b[s + j] != q[j] { return false }
                j += 1
            }
            return true
        }
        switch b[s] {
        case 0x6B: return has("kernel BUG at ")                                                   // k
        case 0x57: return has("WARNING: ")                                                        // W
        case 0x42:                                                                                // B
            // "BUG: …", and "BUG: kernel NULL pointer dereference" matched without case.
            return (e - s >= 3 && b[s + 1] | 0x20 == 0x75 && b[s + 2] | 0x20 == 0x67) || has("Backtrace:")
        case 0x55: return has("UBSAN: ") || has("Unable to handle kernel ")                      // U
        case 0x67: return has("general protection fault")                                         // g
        case 0x49: return has("INFO: ") || has("Internal error: ")                               // I
        case 0x72: return has("rcu: INFO: ")                                                      // r
        case 0x77: return has("watchdog: BUG: ")                                                  // w
        case 0x4F: return has("Oops")                                                             // O
        case 0x4B: return has("Kernel panic")                                                     // K
        case 0x2D, 0x38: return e - s < 80 && contains(b, s, e, "cut here")                     // - 8
        case 0x43: return has("Call Trace:") || has("Call trace:")                               // C
        case 0x52: return has("RIP: ")                                                            // R
        case 0x50: return has("PC is at ")                                                        // P
        case 0x70: return has("pc : ")                                                            // p
        case 0x4E: return has("NIP ")                                                             // N
        case 0x65: return has("epc")                                                              // e
        default: return false
        }
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ p: StaticString) -> Bool {
        let count = p.utf8CodeUnitCount, q = p.utf8Start
        var i = s
        while i + count <= e {
            var j = 0
            while j < count && b[i + j] == q[j] { j += 1 }
            if j == count { return true }
            i += 1
        }
        return false
    }
}
