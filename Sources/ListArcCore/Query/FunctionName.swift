/// What a user types for a function, as the attribution records it:
/// `SYSCALL_DEFINE1(brk, …)` / `SYSCALL_DEFINE1(brk` → `sys_brk`,
/// `COMPAT_SYSCALL_DEFINE2(x, …)` → `compat_sys_x`, `name()` → `name`.
public enum FunctionName {
    public static func normalise(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        for (macro, prefix) in [("COMPAT_SYSCALL_DEFINE", "compat_sys_"), ("SYSCALL_DEFINE", "sys_")] where t.hasPrefix(macro) {
            guard let open = t.firstIndex(of: "(") else { continue }
            let inside = t[t.index(after: open)...].prefix { $0 != "," && $0 != ")" }.trimmingCharacters(in: .whitespaces)
            let digits = t[t.index(t.startIndex, offsetBy: macro.count)..<open]
            if !inside.isEmpty, digits.allSatisfy(\.isNumber) { return prefix + inside }
        }
        if let open = t.firstIndex(of: "(") { return String(t[..<open]).trimmingCharacters(in: .whitespaces) }
        return t
    }
}
