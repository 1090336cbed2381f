import Foundation
import MIME

/// The MIME module behind the desk's parsing and composing seams.
public struct MIMEMailCodec: MailParsing, MailComposing {
    public init() {}

    public func parse(_ raw: Data, maxBytes: Int) throws -> ParsedMail {
        var limits = ParseLimits.standard
        limits.maxTotalBytes = max(maxBytes, 1_024)
        let message = try MessageParser.parse(raw, limits: limits)
        var headers: [String: [String]] = [:]
        for field in message.headers {
            headers[field.name.lowercased(), default: []].append(field.decodedValue)
        }
        let from = message.from.first.map(\.address).flatMap { AddressSyntax.isValid($0) ? $0 : nil }
        let replyTo = message.replyTo.first.map(\.address).flatMap { AddressSyntax.isValid($0) ? $0 : nil }
        let mail = IncomingMail(from: from, replyTo: replyTo, subject: message.subject ?? "", messageID: message.messageID,
                                inReplyTo: message.inReplyTo, references: message.references,
                                mimeType: message.mimeType, headers: headers)
        return ParsedMail(headers: mail, text: message.text, narrative: message.narrative, date: message.date)
    }

    public func compose(_ spec: OutgoingSpec) throws -> Data {
        let message = OutgoingMessage(
            from: EmailAddress(name: spec.fromName, address: spec.fromAddress),
            to: spec.to.map { EmailAddress(address: $0) },
            replyTo: spec.replyTo.map { [EmailAddress(address: $0)] } ?? [],
            subject: spec.subject, date: spec.date, messageID: spec.messageID,
            inReplyTo: spec.inReplyTo.first, references: spec.references,
            textBody: spec.textBody, htmlBody: spec.htmlBody,
            extraHeaders: spec.extraHeaders.map { (name: $0.name, value: $0.value) })
        return try MessageComposer.compose(message)
    }
}
