/// RFC 5322 `Date:` text → seconds since 1970 (UTC). Lenient about what real mail
/// carries: missing weekday or seconds, two-digit years, obsolete zone names,
/// trailing comments like "(UTC)", ISO 8601 forms. Nil when no date is there.
public enum MailDate {
    public static func parse(_ text: String) -> Int64? {
        let tokens = DateTokens(text)
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?, offset: Int?
        var numbers: [Int] = []
        for token in tokens.tokens {
            switch token {
            case .time(let h, let m, let s): if time == nil { time = (h, m, s) }
            case .month(let m): if month == nil { month = m }
            case .zone(let seconds): if offset == nil, time != nil { offset = seconds }
            case .isoDate(let y, let mo, let d): if year == nil { year = y; month = mo; day = d }
            case .number(let n, _): numbers.append(n)
            case .word, .dotted, .meridiem: break
            }
        }
        // Day and year are the numbers around the month name: "25 Jul 2022" / "Jul 25 2022".
        for n in numbers {
            if day == nil, (1...31).contains(n) { day = n } else if year == nil { year = n }
        }
        guard var y = year, let mo = month, let d = day, let (h, mi, s) = time else { return nil }
        if y < 50 { y += 2000 } else if y < 100 { y += 1900 }
        guard (1...9999).contains(y), (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi),
              (0...60).contains(s) else { return nil }
        return Civil.epoch(year: y, month: mo, day: d, hour: h, minute: mi, second: s) - Int64(offset ?? 0)
    }
}

extension MailDate {
    /// `2022-07-20T02:17:27Z`, as ISO8601DateFormatter writes it in UTC.
    public static func iso8601(_ epoch: Int64) -> String {
        let f = Civil.fields(epoch)
        let second = ((epoch % 60) + 60) % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = (0..<10_000).contains(f.year) ? String(repeating: "0", count: 4 - String(f.year).count) + String(f.year) : String(f.year)
        return "\(year)-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(Int(second)))Z"
    }
}

/// Days-from-civil arithmetic (proleptic Gregorian), no Foundation calendars.
enum Civil {
    static func epoch(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era) * 146097 + Int64(doe) - 719468
        return days * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// UTC calendar fields of an epoch.
    static func fields(_ epoch: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        var days = epoch / 86400
        var rem = epoch % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), Int(rem / 3600), Int(rem % 3600 / 60))
    }
}

/// A date-ish text split into typed tokens (shared by `MailDate` and `AttributionDate`).
struct DateTokens {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case time(Int, Int, Int)
        case month(Int)
        case zone(Int)              // seconds east of UTC
        case isoDate(Int, Int, Int) // y, m, d
        case dotted([Int], slash: Bool) // 25.07.2022, 7/25/22
        case meridiem(pm: Bool)
        case word(String)
    }
    var tokens: [Token] = []

    /// Whole words only, so names like "Mark" or "Junio" are not months.
    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]
    static let zones: [String: Int] = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6,
                                       "mdt": -6, "mst": -7, "pdt": -7, "pst": -8, "cet": 1, "cest": 2, "bst": 1, "msk": 3]

    init(_ text: String) {
        let bytes = Array(text.utf8.prefix(400))
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) || ((b == UInt8(ascii: "+") || b == UInt8(ascii: "-")) && i + 4 < bytes.count && isDigit(bytes[i + 1])
                                && (i == 0 || bytes[i - 1] == 0x20 || isDigit(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "Z") )) {
                var j = i
                if !isDigit(b) { j += 1 }
                while j < bytes.count, isDigit(bytes[j]) || bytes[j] == UInt8(ascii: ":") || bytes[j] == UInt8(ascii: ".")
                        || bytes[j] == UInt8(ascii: "/") || (bytes[j] == UInt8(ascii: "-") && isDigit(b)) { j += 1 }
                var word = bytes[i..<j]
                while let last = word.last, !isDigit(last) { word = word.dropLast() }
                classify(Array(word))
                i = max(j, i + 1)
            } else if isLetter(b) {
                var j = i
                while j < bytes.count, isLetter(bytes[j]) || bytes[j] == UInt8(ascii: ".") { j += 1 }
                let word = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
                classifyWord(word.hasSuffix(".") ? String(word.dropLast()) : word)
                i = j
            } else {
                i += 1
            }
        }
    }

    private mutating func classify(_ w: [UInt8]) {
        let s = String(decoding: w, as: UTF8.self)
        if let sign = w.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            let digits = s.dropFirst()
            if digits.count == 4, let v = Int(digits) {
                let seconds = (v / 100) * 3600 + (v % 100) * 60
                tokens.append(.zone(sign == UInt8(ascii: "-") ? -seconds : seconds))
            } else if digits.count == 5, digits.contains(":"), let h = Int(digits.prefix(2)), let m = Int(digits.suffix(2)) {
                tokens.append(.zone((sign == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60)))
            }
            return
        }
        if s.contains(":") {
            // ISO "2022-07-25T18:49:40" arrives split by letters; here "18:49:40" or "18:49".
            let parts = s.split(separator: ":").compactMap { Int($0.prefix(2)) }
            if parts.count >= 2 { tokens.append(.time(parts[0], parts[1], parts.count > 2 ? parts[2] : 0)) }
            return
        }
        if s.contains("-") {
            let parts = s.split(separator: "-").compactMap { Int($0) }
            if parts.count == 3, parts[0] > 31 { tokens.append(.isoDate(parts[0], parts[1], parts[2])) }
            return
        }
        if s.contains(".") || s.contains("/") {
            let parts = s.split(whereSeparator: { $0 == "." || $0 == "/" }).compactMap { Int($0) }
            if parts.count == 3 { tokens.append(.dotted(parts, slash: s.contains("/"))) }
            return
        }
        if let v = Int(s) { tokens.append(.number(v, digits: s.count)) }
    }

    private mutating func classifyWord(_ w: String) {
        if let m = DateTokens.months[w] { tokens.append(.month(m)); return }
        if let z = DateTokens.zones[w] { tokens.append(.zone(z * 3600)); return }
        if w == "am" || w == "a.m" { tokens.append(.meridiem(pm: false)); return }
        if w == "pm" || w == "p.m" { tokens.append(.meridiem(pm: true)); return }
        if w == "t", case .isoDate = tokens.last { return }
        tokens.append(.word(w))
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
