/// File names for `--output-dir`, made as `git format-patch` makes them
/// (`0001-mm-mmap-change-do_brk_flags-to-expand-existing-VMA-a.patch`): only
/// letters, digits, `.`, `_` and `-`, never starting with a dot, at most 64
/// bytes — so a name can never leave its folder, whatever the subject says.
public enum PatchFileName {
    /// git's default `format.filenameMaxLength`.
    public static let maxLength = 64

    public static func make(number: Int, subject: String, suffix: String = ".patch") -> String {
        let prefix = number < 10_000 ? String(repeating: "0", count: 4 - String(number).count) + String(number) + "-" : "\(number)-"
        var name = prefix + sanitized(PatchSubject.title(subject))
        let limit = maxLength - (suffix.utf8.count + 1)
        if name.utf8.count > limit { name = String(name.utf8.prefix(limit)) ?? name }
        return name + suffix
    }

    /// git's `format_sanitized_subject`: runs of other characters become one `-`,
    /// runs of dots one `.`, no trailing `.`/`-`.
    public static func sanitized(_ subject: String) -> String {
        var out: [UInt8] = []
        var space = 2
        let bytes = Array(subject.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            let title = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x5F
            if title {
                if space == 1 { out.append(0x2D) }
                space = 0
                out.append(c)
                if c == 0x2E { while i + 1 < bytes.count, bytes[i + 1] == 0x2E { i += 1 } }
            } else {
                space |= 1
            }
            i += 1
        }
        while let last = out.last, last == 0x2E || last == 0x2D { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
