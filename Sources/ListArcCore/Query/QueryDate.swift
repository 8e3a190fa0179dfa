import Foundation

/// `d:` values: `2022-07-01`, `20220701`, `2022-07-01..2022-08-01`, `..DATE`, `DATE..`,
/// relative `2.weeks.ago` / `3.days.ago` / `yesterday` / `today` / `now`, and
/// `@EPOCH`. A bare day covers the whole day (UTC); a range's end day is included.
public enum QueryDate {
    public static func range(_ text: String, now: Date = Date()) throws -> (from: Int64?, to: Int64?) {
        if let dots = text.range(of: "..") {
            let a = String(text[..<dots.lowerBound]), b = String(text[dots.upperBound...])
            let from = a.isEmpty ? nil : try point(a, now: now).start
            let to = b.isEmpty ? nil : try point(b, now: now).end
            if from == nil && to == nil { throw InputError("d:" + text, "a date range needs at least one date") }
            return (from, to)
        }
        let p = try point(text, now: now)
        return (p.start, p.end)
    }

    /// The moment `text` names (its start), for options like `--since`.
    public static func start(_ text: String, now: Date = Date()) throws -> Int64 { try point(text, now: now).start }

    /// A date as a span: a day is [00:00, next 00:00), an exact moment is [t, t+1).
    static func point(_ text: String, now: Date) throws -> (start: Int64, end: Int64) {
        let t = text.lowercased()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let day: Int64 = 86_400
        switch t {
        case "now": return (nowSeconds, nowSeconds + 1)
        case "today": let d = nowSeconds - nowSeconds % day; return (d, d + day)
        case "yesterday": let d = nowSeconds - nowSeconds % day - day; return (d, d + day)
        default: break
        }
        if t.hasPrefix("@"), let epoch = Int64(t.dropFirst()) { return (epoch, epoch + 1) }
        if let relative = relative(t, now: nowSeconds) { return (relative, relative + 1) }
        if let d = calendarDay(t) { return (d, d + day) }
        if let m = MailDate.parse(text) { return (m, m + 1) }
        throw InputError("d:" + text, "not a date (use YYYY-MM-DD, YYYYMMDD, a range A..B, or N.days.ago)")
    }

    /// `N.unit.ago` or `N.unit` (units: seconds … years, singular or plural).
    private static func relative(_ t: String, now: Int64) -> Int64? {
        var parts = t.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "ago" { parts.removeLast() }
        guard parts.count == 2, let n = Int64(parts[0]), n >= 0, n < 10_000 else { return nil }
        let unit: Int64
        switch parts[1] {
        case "second", "seconds", "sec", "secs", "s": unit = 1
        case "minute", "minutes", "min", "mins": unit = 60
        case "hour", "hours", "h": unit = 3_600
        case "day", "days", "d": unit = 86_400
        case "week", "weeks", "w": unit = 7 * 86_400
        case "month", "months": unit = 30 * 86_400
        case "year", "years", "y": unit = 365 * 86_400
        default: return nil
        }
        return now - n * unit
    }

    /// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD` → UTC seconds at 00:00.
    private static func calendarDay(_ t: String) -> Int64? {
        let digits = t.filter { $0 != "-" && $0 != "/" }
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let all = Int(digits), t.count == 8 || t.count == 10 else { return nil }
        let y = all / 10_000, m = all / 100 % 100, d = all % 100
        guard (1...12).contains(m), (1...31).contains(d), y >= 1970 else { return nil }
        return daysFromCivil(y, m, d) * 86_400
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm; no Calendar needed).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }
}
