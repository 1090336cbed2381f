/// The single-use token a draft carries in its Message-ID. 128 random bits from the system
/// generator in lowercase base32: unguessable, and it survives every mail client's handling of
/// Message-IDs and subjects (no case folding issues, no punctuation).
public enum ReviewToken {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
    public static let length = 26

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        var bits = (high, low)
        var characters: [Character] = []
        for _ in 0..<length {
            characters.append(alphabet[Int(bits.1 & 31)])
            bits = (bits.0 >> 5, (bits.1 >> 5) | (bits.0 << 59))
        }
        return String(characters)
    }

    public static func isWellFormed(_ text: String) -> Bool {
        text.count == length && text.allSatisfy { alphabet.contains($0) }
    }

    /// The draft's Message-ID (without angle brackets): `cc-review.<case>.<version>.<token>@<domain>`.
    public static func draftMessageID(caseID: String, version: Int, token: String, domain: String) -> String {
        "cc-review.\(caseID).v\(version).\(token)@\(domain)"
    }

    /// The token inside one of our draft Message-IDs, if `messageID` is one.
    public static func token(inMessageID messageID: String, domain: String) -> String? {
        let trimmed = messageID.trimmingCharacters(in: ["<", ">", " "])
        guard let at = trimmed.lastIndex(of: "@"), trimmed[trimmed.index(after: at)...].lowercased() == domain.lowercased() else { return nil }
        let local = trimmed[..<at]
        guard local.hasPrefix("cc-review.") else { return nil }
        guard let token = local.split(separator: ".").last.map(String.init), isWellFormed(token) else { return nil }
        return token
    }
}
