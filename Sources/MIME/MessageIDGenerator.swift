import Foundation

/// Globally unique Message-IDs (without angle brackets): time + 128 random bits, so a retry
/// after a crash can reuse a stored id and two hosts never collide.
public enum MessageIDGenerator {
    public static func make(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in String(generator.next() as UInt64, radix: 36) }.joined(separator: ".")
        let time = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        let cleanDomain = domain.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        return "cc.\(time).\(random)@\(cleanDomain.isEmpty ? "caseconsultant.invalid" : cleanDomain)"
    }
}
