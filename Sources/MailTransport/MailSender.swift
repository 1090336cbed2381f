import Foundation

public struct OutgoingMail: Sendable {
    public var envelopeFrom: String
    public var recipients: [String]
    /// The message, CRLF line endings (bare LF is converted before sending anyway).
    public var data: Data

    public init(envelopeFrom: String, recipients: [String], data: Data) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.data = data
    }
}

public struct DeliveryReport: Sendable, Equatable {
    public var accepted: [String]
    /// Address -> the server's reply to its RCPT TO.
    public var refused: [String: String]

    public init(accepted: [String], refused: [String: String]) {
        self.accepted = accepted
        self.refused = refused
    }
}

public protocol MailSender: Sendable {
    /// Throws when nobody accepted the message; a partial delivery returns the refusals in the report.
    func send(_ mail: OutgoingMail) throws -> DeliveryReport
}
