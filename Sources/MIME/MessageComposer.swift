import Foundation

/// Builds outgoing messages strict servers and every major client accept: CRLF line endings,
/// no line over 78 characters in headers (998 octets is the hard limit), encoded words for
/// non-ASCII headers, UTF-8 quoted-printable bodies, optional text/html alternative.
/// Addresses and message ids are validated (throwing `MIMEError`); free-text values are
/// sanitised so CR/LF from an incoming message can never create a header.
public enum MessageComposer {
    public static func compose(_ message: OutgoingMessage) throws -> Data {
        guard !message.to.isEmpty || !message.cc.isEmpty else { throw MIMEError.invalidAddress("(no recipients)") }
        var lines: [String] = []
        lines.append("Date: " + DateParser.format(message.date))
        lines.append(try addressField("From", [message.from]))
        if !message.to.isEmpty { lines.append(try addressField("To", message.to)) }
        if !message.cc.isEmpty { lines.append(try addressField("Cc", message.cc)) }
        if !message.replyTo.isEmpty { lines.append(try addressField("Reply-To", message.replyTo)) }
        lines.append(HeaderEncoding.unstructured(name: "Subject", value: message.subject))
        lines.append("Message-ID: " + (try angle(message.messageID)))
        if let parent = message.inReplyTo { lines.append("In-Reply-To: " + (try angle(parent))) }
        if !message.references.isEmpty {
            lines.append(HeaderEncoding.fold(name: "References", words: try message.references.map(angle)))
        }
        lines.append("MIME-Version: 1.0")
        for (name, value) in message.extraHeaders {
            try validateFieldName(name)
            lines.append(HeaderEncoding.unstructured(name: name, value: value))
        }
        let text = QuotedPrintableEncoder.encode(ensureFinalNewline(message.textBody))
        if let html = message.htmlBody {
            let boundary = "=_cc_" + MessageIDGenerator.make(domain: "b").prefix(40).filter { $0.isLetter || $0.isNumber }
            lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a multi-part message in MIME format.")
            lines.append("")
            lines.append("--" + boundary)
            lines.append("Content-Type: text/plain; charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(text)
            lines.append("--" + boundary)
            lines.append("Content-Type: text/html; charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(QuotedPrintableEncoder.encode(ensureFinalNewline(html)))
            lines.append("--" + boundary + "--")
            lines.append("")
        } else {
            lines.append("Content-Type: text/plain; charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(text)
        }
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// "Name <addr>, …" with validation; the name is sanitised and encoded when non-ASCII.
    static func addressField(_ name: String, _ addresses: [EmailAddress]) throws -> String {
        var words: [String] = []
        for (position, address) in addresses.enumerated() {
            guard AddressValidator.isValid(address.address) else { throw MIMEError.invalidAddress(address.address) }
            let separator = position < addresses.count - 1 ? "," : ""
            if let display = address.name.map(HeaderEncoding.sanitize), !display.isEmpty {
                let phrase = HeaderEncoding.phrase(display)
                words += phrase.split(separator: " ").map(String.init)
                words.append("<\(address.address)>" + separator)
            } else {
                words.append(address.address + separator)
            }
        }
        return HeaderEncoding.fold(name: name, words: words)
    }

    /// `<id>` after checking the id is a plain msg-id: no whitespace, controls or brackets.
    static func angle(_ id: String) throws -> String {
        var bare = id.trimmingASCIIWhitespace()
        if bare.hasPrefix("<") && bare.hasSuffix(">") && bare.count >= 2 { bare = String(bare.dropFirst().dropLast()) }
        guard !bare.isEmpty, bare.utf8.count <= 250, bare.contains("@"),
              bare.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else {
            throw MIMEError.invalidMessageID(id)
        }
        return "<\(bare)>"
    }

    private static func validateFieldName(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 76, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw MIMEError.invalidHeader(name, reason: "field names are printable ASCII without spaces or colons")
        }
        let reserved = ["from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type",
                        "content-transfer-encoding", "reply-to", "in-reply-to", "references"]
        if reserved.contains(name.lowercased()) {
            throw MIMEError.invalidHeader(name, reason: "set through OutgoingMessage, not as an extra header")
        }
    }

    private static func ensureFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
