/// Envelope addresses are checked here because curl puts them into MAIL FROM / RCPT TO verbatim:
/// a CR or LF taken from an incoming message would otherwise start a new SMTP command.
enum MailAddress {
    static func validate(_ address: String, role: String) throws {
        let scalars = address.unicodeScalars
        let forbidden: Set<Unicode.Scalar> = ["<", ">", " ", "\t", "\r", "\n", ",", ";", "(", ")", "\\", "\""]
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let valid = address.utf8.count <= 254
            && !scalars.contains(where: { forbidden.contains($0) || $0.value < 0x20 || $0.value == 0x7F })
            && parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
        guard valid else {
            throw MailTransportError(.invalidAddress,
                "\(String(reflecting: address)) is not a usable \(role) address (expected local@domain, with no spaces, angle brackets or line breaks)")
        }
    }

    static func validate(_ mail: OutgoingMail) throws {
        // The null reverse-path ("") is legal for notifications that must never be answered.
        if !mail.envelopeFrom.isEmpty { try validate(mail.envelopeFrom, role: "envelope sender") }
        guard !mail.recipients.isEmpty else {
            throw MailTransportError(.invalidAddress, "the message has no recipients")
        }
        for recipient in mail.recipients { try validate(recipient, role: "recipient") }
    }
}
