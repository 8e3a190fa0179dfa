/// A date with its own UTC offset, as a patch mail carries it.
public struct PatchDate: Sendable, Hashable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    /// Offset from UTC in minutes (east positive).
    public var offsetMinutes: Int

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let zoneNames: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "bst": 60, "msk": 180,
    ]

    /// Parses RFC 2822 dates (`Wed, 20 Jul 2022 02:17:51 +0000 (UTC)`) and the
    /// English attribution forms (`Mon, Jul 25, 2022 at 10:00:00AM -0400`). Returns
    /// nil without a day, month, year, time and zone: a date whose zone is unknown
    /// cannot be put into a mail without inventing hours.
    public static func parse(_ text: String) -> PatchDate? {
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?, zone: Int?
        var pm: Bool?
        var tokens: [Substring] = []
        var depth = 0
        var current = Substring()
        var start = text.startIndex
        // Tokens split on blanks and commas; (comments) skipped.
        for i in text.indices {
            let c = text[i]
            if c == "(" { depth += 1 }
            let separator = c == " " || c == "," || c == "\t" || c == "(" || c == ")" || depth > 0
            if separator {
                current = text[start..<i]
                if !current.isEmpty { tokens.append(current) }
                start = text.index(after: i)
            }
            if c == ")", depth > 0 { depth -= 1 }
        }
        current = text[start...]
        if !current.isEmpty { tokens.append(current) }
        if tokens.count > 40 { return nil }

        for raw in tokens {
            var token = raw
            let lower = token.lowercased()
            if lower == "am" || lower == "pm" { pm = lower == "pm"; continue }
            if lower.hasSuffix("am") || lower.hasSuffix("pm"), token.contains(":") {
                pm = lower.hasSuffix("pm")
                token = token.dropLast(2)
            }
            if token.contains(":") {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 || parts.count == 3,
                      let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                let s = parts.count == 3 ? Int(parts[2]) : 0
                guard let s, (0...23).contains(h), (0...59).contains(m), (0...60).contains(s) else { return nil }
                time = (h, m, s)
                continue
            }
            if let first = token.first, first == "+" || first == "-", token.count == 5, let v = Int(token.dropFirst()) {
                let minutes = (v / 100) * 60 + v % 100
                zone = first == "-" ? -minutes : minutes
                continue
            }
            if let z = zoneNames[lower] { zone = z; continue }
            if lower.count >= 3, let m = monthNames.firstIndex(of: String(lower.prefix(3))), lower.allSatisfy(\.isLetter) {
                month = m + 1
                continue
            }
            if let n = Int(token), token.allSatisfy(\.isASCII) {
                if token.count >= 3 { year = n } else if day == nil, (1...31).contains(n) { day = n } else { year = n < 50 ? 2000 + n : 1900 + n }
                continue
            }
            // Weekday names, "at", and anything else are ignored.
        }
        guard let day, let month, let year, var t = time, let zone, (1...9999).contains(year) else { return nil }
        if let pm {
            if pm, t.0 < 12 { t.0 += 12 }
            if !pm, t.0 == 12 { t.0 = 0 }
        }
        return PatchDate(year: year, month: month, day: day, hour: t.0, minute: t.1, second: t.2, offsetMinutes: zone)
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// As git writes it (`DATE_RFC2822`): `Wed, 20 Jul 2022 02:17:51 +0000`, the day
    /// of the month not padded.
    public var rfc2822: String {
        let weekday = ((Self.daysFromCivil(year, month, day) % 7) + 11) % 7 // 1970-01-01 was a Thursday
        let sign = offsetMinutes < 0 ? "-" : "+"
        let off = abs(offsetMinutes)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let monthName = Self.monthNames[max(0, min(11, month - 1))]
        let capital = monthName.prefix(1).uppercased() + monthName.dropFirst()
        return "\(Self.dayNames[weekday]), \(day) \(capital) \(year) \(two(hour)):\(two(minute)):\(two(second)) \(sign)\(two(off / 60))\(two(off % 60))"
    }
}
