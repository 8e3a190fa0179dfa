/// The date an attribution line gives ("20.07.2022 05:17, NAME пишет:",
/// "* NAME <addr> [220725 10:00]:", "On Mon, Jul 25, 2022 at 10:00 AM, NAME wrote:").
/// It is the replier's local time with no zone, so it can only be compared with a
/// message's UTC date modulo a time-zone offset.
public struct AttributionDate: Sendable, Hashable {
    /// The local wall-clock time read as if it were UTC; nil when only a time was found.
    public var localEpoch: Int64?
    public var hour: Int
    public var minute: Int

    public init?(_ text: String) {
        let tokens = DateTokens(text).tokens
        var time: (Int, Int)?
        var pm: Bool?
        var day: Int?, month: Int?, year: Int?
        var loose: [(Int, Int)] = []    // (value, digits)
        for (i, t) in tokens.enumerated() {
            switch t {
            case .time(let h, let m, _):
                if time == nil {
                    time = (h, m)
                    if i + 1 < tokens.count, case .meridiem(let p) = tokens[i + 1] { pm = p }
                }
            case .isoDate(let y, let m, let d): if year == nil { (year, month, day) = (y, m, d) }
            case .dotted(let p, let slash) where p.count == 3 && year == nil:
                // 25.07.2022 is day-first; 7/25/22 month-first unless the first cannot be a month.
                if p[0] > 1000 { (year, month, day) = (p[0], p[1], p[2]) }
                else if p[0] > 12 || !slash { (day, month, year) = (p[0], p[1], p[2]) }
                else { (month, day, year) = (p[0], p[1], p[2]) }
            case .month(let m): if month == nil { month = m }
            case .number(let v, let digits):
                if digits == 6, year == nil { // mutt: YYMMDD
                    (year, month, day) = (v / 10000, v / 100 % 100, v % 100)
                } else {
                    loose.append((v, digits))
                }
            default: break
            }
        }
        guard let (hour, m) = time, (0...23).contains(hour), (0...59).contains(m) else { return nil }
        var h = hour
        if let pm { if pm, h < 12 { h += 12 } else if !pm, h == 12 { h = 0 } }
        if month != nil, day == nil || year == nil {
            for (v, digits) in loose {
                if day == nil, digits <= 2, (1...31).contains(v) { day = v } else if year == nil, digits == 4 || digits == 2 { year = v }
            }
        }
        self.hour = h
        self.minute = m
        if var y = year, let mo = month, let d = day, (1...12).contains(mo), (1...31).contains(d) {
            if y < 100 { y += 2000 }
            if (1...9999).contains(y) { localEpoch = Civil.epoch(year: y, month: mo, day: d, hour: h, minute: m) }
        }
    }

    /// Whether a message sent at `epoch` (UTC) could be the one quoted: same wall-clock
    /// minute in some zone between UTC-12 and UTC+14 (zones are whole quarter hours).
    public func matches(_ epoch: Int64) -> Match {
        let minuteEpoch = epoch - ((epoch % 60) + 60) % 60
        if let local = localEpoch {
            let offset = local - minuteEpoch
            return offset >= -12 * 3600 && offset <= 14 * 3600 && offset % 900 == 0 ? .dateAndTime : .none
        }
        let f = Civil.fields(minuteEpoch)
        return ((minute - f.minute) % 15 + 15) % 15 == 0 ? .timeOnly : .none
    }

    public enum Match: Sendable { case none, timeOnly, dateAndTime }
}
