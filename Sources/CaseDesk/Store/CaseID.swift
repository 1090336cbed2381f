import Foundation

/// Case identifiers such as `CC-261121-0007`: the day the case arrived (yymmdd in the desk's
/// time zone) and a per-day sequence, so a person can read them over the phone.
public enum CaseID {
    public static func make(day: String, sequence: Int) -> String {
        let digits = String(sequence)
        return "CC-\(day)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// yymmdd of `date` in `timeZone`.
    public static func day(of date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = (parts.year ?? 2000) % 100
        return String(format: "%02d%02d%02d", year, parts.month ?? 1, parts.day ?? 1)
    }

    /// Whether `text` is exactly a case id.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "CC"
            && parts[1].count == 6 && parts[1].allSatisfy(\.isASCIIDigitCharacter)
            && parts[2].count >= 4 && parts[2].count <= 6 && parts[2].allSatisfy(\.isASCIIDigitCharacter)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
