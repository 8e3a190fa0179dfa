/// The kernel release a report names: `CPU: 1 PID: 692 Comm: x Not tainted 5.19.0-rc7-next-20220722-… #21`,
/// `Tainted: G        W  6.1.0-rc1 #1`, `Linux version 6.1.0 (…)`.
enum KernelVersion {
    private static let tainted = Array("tainted".utf8)
    private static let linuxVersion = Array("Linux version ".utf8)

    enum Found: Equatable {
        case version(String)
        /// `… Not tainted` at the end of a line: a mail client wrapped the version onto the next line.
        case onNextLine
    }

    static func find(in b: [UInt8]) -> Found? {
        if ByteScan.has(b, linuxVersion, at: 0) { return token(b, from: linuxVersion.count).map(Found.version) }
        guard let k = ByteScan.findFolded(b, tainted) else { return nil }
        var i = k + tainted.count
        if i < b.count, b[i] == 0x3A { i += 1 }
        // Skip taint flags: single letters / blanks ("G        W  OE").
        while true {
            i = ByteScan.skipSpaces(b, i)
            guard i < b.count else { return leading(b).map(Found.version) ?? .onNextLine }
            if ByteScan.isDigit(b[i]) { break }
            var e = i
            while e < b.count && !ByteScan.isSpace(b[e]) { e += 1 }
            if e - i > 2 { return nil }
            i = e
        }
        return token(b, from: i).map(Found.version)
    }

    /// A version-looking token at the start of a line (the wrapped case).
    static func leading(_ b: [UInt8]) -> String? { token(b, from: 0) }

    private static func token(_ b: [UInt8], from: Int) -> String? {
        let i = ByteScan.skipSpaces(b, from)
        var e = i, dots = 0
        while e < b.count, ByteScan.isIdent(b[e]) || b[e] == 0x2E || b[e] == 0x2D || b[e] == 0x2B || b[e] == 0x7E {
            if b[e] == 0x2E { dots += 1 }
            e += 1
        }
        guard e > i, ByteScan.isDigit(b[i]), dots >= 1, e - i < 120 else { return nil }
        return ByteScan.string(b, i..<e)
    }

    /// `next-YYYYMMDD` inside a version string.
    static func nextTag(in version: String) -> String? {
        let b = Array(version.utf8)
        var from = 0
        while let k = ByteScan.find(b, Array("next-".utf8), from: from) {
            let s = k + 5
            if s + 8 <= b.count, b[s..<(s + 8)].allSatisfy(ByteScan.isDigit), s + 8 == b.count || !ByteScan.isDigit(b[s + 8]) {
                return ByteScan.string(b, k..<(s + 8))
            }
            from = k + 1
        }
        return nil
    }
}

extension CrashReport {
    /// The linux-next tag the reporter ran, e.g. `next-20220722`.
    public var nextTag: String? { kernelVersion.flatMap(KernelVersion.nextTag(in:)) }
}

extension Frame {
    /// The function name without compiler suffixes (`.cold`, `.isra.0`, `.constprop.0`,
    /// `.part.0`, `.llvm.123`) and with syscall wrappers mapped to `sys_NAME`
    /// (`__x64_sys_brk`, `__arm64_sys_brk`, `__se_sys_brk`, `__do_sys_brk`).
    public var baseFunction: String { Frame.baseName(function) }

    private static let syscallWrappers = ["__x64_sys_", "__ia32_sys_", "__arm64_sys_", "__riscv_sys_", "__s390x_sys_", "__s390_sys_",
                                          "__se_sys_", "__do_sys_", "__x64_compat_sys_", "__arm64_compat_sys_", "__ia32_compat_sys_"]

    public static func baseName(_ name: String) -> String {
        let u = name.utf8
        let cut = u.firstIndex(of: 0x2E) ?? u.endIndex
        guard cut != u.endIndex || u.first == 0x5F else { return name }   // fast path: nothing to strip
        let n = Substring(name.utf8[..<cut])
        if n.utf8.first == 0x5F {
            for prefix in syscallWrappers where n.hasPrefix(prefix) {
                return (prefix.contains("compat") ? "compat_sys_" : "sys_") + n.dropFirst(prefix.count)
            }
        }
        return String(n)
    }
}
