import Foundation

/// A message to send, before encoding. `MessageComposer` validates and encodes it.
public struct OutgoingMessage: Sendable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var replyTo: [EmailAddress]
    public var subject: String
    public var date: Date
    /// Without angle brackets; see `MessageIDGenerator`.
    public var messageID: String
    /// The message this answers, without angle brackets.
    public var inReplyTo: String?
    public var references: [String]
    public var textBody: String
    /// When set, the message is multipart/alternative with this as the text/html part.
    public var htmlBody: String?
    /// Added after the standard headers, e.g. ("Auto-Submitted", "auto-replied").
    public var extraHeaders: [(name: String, value: String)]

    public init(from: EmailAddress, to: [EmailAddress], cc: [EmailAddress] = [], replyTo: [EmailAddress] = [],
                subject: String, date: Date = Date(), messageID: String, inReplyTo: String? = nil,
                references: [String] = [], textBody: String, htmlBody: String? = nil,
                extraHeaders: [(name: String, value: String)] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
    }

    /// Our own loop-detection header (DESIGN.md, mail rule 5).
    public static let loopHeaderName = "X-CaseConsultant-Loop"

    /// The labels every automatic message carries: Auto-Submitted, X-Auto-Response-Suppress and
    /// the loop header, so auto-responders stay quiet and our own mail is never processed.
    public static func automaticHeaders(loopValue: String) -> [(name: String, value: String)] {
        [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"), (loopHeaderName, loopValue)]
    }
}
