import Foundation

/// A parsed incoming message: the headers the desk needs, decoded, and the text to work on.
public struct Message: Sendable {
    /// Top-level header fields in order of appearance.
    public var headers: [HeaderField]
    public var subject: String?
    public var from: [EmailAddress]
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var replyTo: [EmailAddress]
    public var sender: EmailAddress?
    public var date: Date?
    /// Without angle brackets.
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// Of the top-level part, lowercased, e.g. `multipart/mixed`.
    public var mimeType: String
    /// The chosen readable text: text/plain, else HTML as text, then .txt attachments and
    /// forwarded messages. Line endings are `\n`.
    public var text: String
    /// `text` without quoted replies, forwarded-history headers, signatures and disclaimers.
    public var narrative: String
    public var attachments: [AttachmentInfo]
    /// Things the parser tolerated (unknown charset, unclosed boundary, bad base64, …).
    public var warnings: [String]
    /// Size of the raw message in bytes.
    public var size: Int

    /// The first value of a header, unfolded and decoded.
    public func header(_ name: String) -> String? {
        headers.first(named: name)?.decodedValue
    }

    public func headerValues(_ name: String) -> [String] {
        headers.all(named: name).map(\.decodedValue)
    }
}
