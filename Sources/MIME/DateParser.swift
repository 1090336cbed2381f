import Foundation

/// RFC 5322 dates and the broken forms mail really carries: missing weekday or seconds,
/// two-digit years, obsolete zone names (EST, GMT, UT), trailing "(UTC)" comments, asctime
/// ("Mon Mar  3 09:14:22 2025"), ISO 8601, and "GMT+0100". No DateFormatter: it is locale
/// dependent and slow, and mail dates are English by standard.
enum DateParser {
    static func parse(_ text: String) -> Date? {
        var cleaned = ""
        var depth = 0
        var commentText = ""
        for char in text {
            if char == "(" { depth += 1; continue }
            if char == ")" { depth = max(0, depth - 1); cleaned.append(" "); continue }
            if depth > 0 { commentText.append(char); continue }
            cleaned.append(char == "," ? " " : char)
        }
        if let iso = parseISO(cleaned.trimmingASCIIWhitespace()) { return iso }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        var pm: Bool?
        for rawToken in cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
            var token = Substring(rawToken)
            // "09:14:22-0500" glued time and zone.
            if has(token, ":"), let signIndex = token.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) {
                offset = zoneOffset(token[signIndex...]) ?? offset
                token = token[..<signIndex]
            }
            if has(token, ":") {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false).map { Int($0.prefix { $0.isNumber }) }
                if parts.count >= 2, let h = parts[0], let m = parts[1], h < 24, m < 60 {
                    hour = h; minute = m
                    if parts.count >= 3, let s = parts[2], s <= 60 { second = min(s, 59) }
                }
                continue
            }
            if has(token, "/"), month == nil {   // 3/4/2025: US month/day/year
                let parts = token.split(separator: "/").compactMap { Int($0) }
                if parts.count == 3 { month = parts[0]; day = parts[1]; year = normalizeYear(parts[2]) }
                continue
            }
            if let first = token.first, first == "+" || first == "-" {
                offset = zoneOffset(token) ?? offset
                continue
            }
            if let number = Int(token) {
                if token.count == 4 || number > 31 { year = normalizeYear(number) }
                else if day == nil { day = number }
                else if year == nil { year = normalizeYear(number) }
                continue
            }
            let lower = token.lowercased()
            if lower == "am" || lower == "pm" { pm = lower == "pm"; continue }
            if month == nil, lower.count >= 3, let index = monthNames.firstIndex(of: String(lower.prefix(3))) {
                month = index + 1
                continue
            }
            if let zone = namedZones[lower] { offset = zone; continue }
            if lower.hasPrefix("gmt") || lower.hasPrefix("utc") {   // "GMT+0100", "UTC-5"
                offset = zoneOffset(lower.dropFirst(3)) ?? 0
            }
        }
        if offset == nil, let zone = namedZones[commentText.trimmingASCIIWhitespace().lowercased()] { offset = zone }
        if let pm {
            if pm && hour < 12 { hour += 12 } else if !pm && hour == 12 { hour = 0 }
        }
        guard let day, let month, let year, (1...12).contains(month), (1...31).contains(day) else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset ?? 0)
    }

    /// `token.contains(text)` (Foundation) for a one-byte ASCII needle: a byte search when the
    /// token is ASCII (date tokens are), where both answers are the same.
    private static func has(_ token: Substring, _ needle: String) -> Bool {
        let byte = needle.utf8.first!
        if token.utf8.allSatisfy({ $0 < 0x80 }) { return token.utf8.contains(byte) }
        return token.contains(needle)
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 3600, "cet": 3600, "met": 3600, "cest": 7200,
        "mest": 7200, "eet": 7200, "eest": 10800, "est": -18000, "edt": -14400, "cst": -21600,
        "cdt": -18000, "mst": -25200, "mdt": -21600, "pst": -28800, "pdt": -25200, "akst": -32400,
        "akdt": -28800, "hst": -36000, "ist": 19800, "jst": 32400, "aest": 36000, "aedt": 39600,
    ]

    private static func normalizeYear(_ year: Int) -> Int {
        if year < 50 { return 2000 + year }
        if year < 1000 { return 1900 + year }
        return year
    }

    /// "+0100", "-05:00", "+1", "-5" to seconds east of UTC.
    private static func zoneOffset<S: StringProtocol>(_ token: S) -> Int? {
        guard let sign = token.first, sign == "+" || sign == "-" else { return nil }
        let digits = String(token.dropFirst().filter { $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4, let value = Int(digits) else { return nil }
        let hours = digits.count <= 2 ? value : value / 100
        let minutes = digits.count <= 2 ? 0 : value % 100
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// 2025-03-03T09:14:22-05:00, 2025-03-03 09:14:22Z.
    private static func parseISO(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0..<4), bytes[4] == UInt8(ascii: "-"),
              let month = number(5..<7), bytes[7] == UInt8(ascii: "-"), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == 0x20,
           let h = number(11..<13), let m = number(14..<16) {
            hour = h; minute = m
            var rest = 16
            if bytes.count >= 19, bytes[16] == UInt8(ascii: ":"), let s = number(17..<19) { second = s; rest = 19 }
            while rest < bytes.count, bytes[rest] == UInt8(ascii: ".") || (bytes[rest] >= 0x30 && bytes[rest] <= 0x39) { rest += 1 }
            let zone = String(decoding: bytes[rest...], as: UTF8.self).trimmingASCIIWhitespace()
            offset = zoneOffset(zone) ?? 0
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date {
        // Days from civil (Howard Hinnant's algorithm): exact for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// RFC 5322 form, in UTC, for outgoing mail: "Mon, 03 Mar 2025 14:14:22 +0000".
    static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var secondsOfDay = total % 86_400
        if secondsOfDay < 0 { secondsOfDay += 86_400; days -= 1 }
        let weekday = ((days % 7) + 11) % 7   // 1970-01-01 was a Thursday (index 4 with Sunday = 0)
        // Civil from days (inverse of makeDate).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[weekday]), \(two(day)) \(months[month - 1]) \(year) \(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60)):\(two(secondsOfDay % 60)) +0000"
    }
}
