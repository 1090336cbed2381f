/// A flag or keyword as it may appear in a STORE command. Anything that could end the flag list
/// or start a new command (space, parentheses, quotes, CR/LF…) is refused, so a keyword taken
/// from configuration can never inject IMAP.
enum IMAPFlag {
    static let systemFlags: Set<String> = ["\\SEEN", "\\ANSWERED", "\\FLAGGED", "\\DELETED", "\\DRAFT"]

    static func validate(_ flags: [String]) throws {
        for flag in flags {
            let body = flag.hasPrefix("\\") ? String(flag.dropFirst()) : flag
            let forbidden = Set("(){ %*\"\\]")
            let valid = !body.isEmpty && body.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
                && !body.contains(where: { forbidden.contains($0) })
                && (!flag.hasPrefix("\\") || systemFlags.contains(flag.uppercased()))
            guard valid else {
                throw MailTransportError(.invalidConfiguration,
                    "\(String(reflecting: flag)) is not a valid IMAP flag or keyword (use \\Seen, \\Flagged, … or an atom such as $CaseConsultantDone)")
            }
        }
    }

    static func list(_ flags: [String]) -> String { "(" + flags.joined(separator: " ") + ")" }
}
