import Foundation

/// When to try a request again, and how long to wait first.
public enum RetryPolicy {
    /// Statuses worth retrying: rate limiting and server-side trouble.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || (500...599).contains(status) && status != 501
    }

    /// Exponential backoff: base, 2·base, 4·base, … capped.
    public static func backoff(attempt: Int, base: Double, cap: Double) -> Double {
        let exponent = Double(min(max(attempt, 0), 30))
        return min(cap, base * pow(2, exponent))
    }

    /// A `Retry-After` value in seconds from `now`: delta-seconds or an HTTP date
    /// (IMF-fixdate, RFC 850 or asctime). nil when unreadable.
    public static func retryAfter(_ value: String, now: Date = Date()) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if !v.isEmpty, v.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Double(v.prefix(9)).map { $0 }
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let date = f.date(from: v) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
