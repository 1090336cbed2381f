/// Maildir info suffix ":2,FLAGS": system flags are capital letters, keywords lowercase letters
/// whose meaning is kept in the folder's `dovecot-keywords` file (Dovecot's own format, so a
/// Dovecot server pointed at the same Maildir sees the same keywords).
enum MaildirFlags {
    static let systemLetters: [String: Character] = [
        "\\draft": "D", "\\flagged": "F", "\\answered": "R", "\\seen": "S", "\\deleted": "T",
    ]
    static let systemNames: [Character: String] = [
        "D": "\\Draft", "F": "\\Flagged", "R": "\\Answered", "S": "\\Seen", "T": "\\Deleted",
    ]

    /// Splits "base:2,FS" into ("base", "FS"); a name without info has no flags.
    static func split(_ filename: String) -> (base: String, letters: String) {
        guard let range = filename.range(of: ":2,") else { return (filename, "") }
        return (String(filename[..<range.lowerBound]), String(filename[range.upperBound...]))
    }

    static func filename(base: String, letters: Set<Character>) -> String {
        base + ":2," + String(letters.sorted())
    }
}
