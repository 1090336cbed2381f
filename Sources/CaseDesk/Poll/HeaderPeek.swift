import Foundation

/// Reads the header block of a raw message without the MIME parser, for mail the parser cannot
/// or should not take (too large, unreadable): enough to key it, to see whether a machine sent
/// it, and to know whom a notice would go to.
enum HeaderPeek {
    static func headers(_ raw: Data) -> IncomingMail {
        let limit = min(raw.count, 256 * 1024)
        let text = String(decoding: raw.prefix(limit), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let block = text.components(separatedBy: "\n\n").first ?? ""
        var fields: [String: [String]] = [:]
        var current: (String, String)?
        func flush() {
            if let (name, value) = current { fields[name.lowercased(), default: []].append(value.trimmingCharacters(in: .whitespaces)) }
        }
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", var field = current {
                field.1 += " " + line.trimmingCharacters(in: .whitespaces)
                current = field
            } else if let colon = line.firstIndex(of: ":") {
                flush()
                current = (String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]))
            }
        }
        flush()
        let from = fields["from"]?.first.flatMap(AddressSyntax.extractAddress)
        let messageID = fields["message-id"]?.first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
        let mimeType = (fields["content-type"]?.first?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) ?? "text/plain"
        return IncomingMail(from: from, replyTo: fields["reply-to"]?.first.flatMap(AddressSyntax.extractAddress),
                            subject: fields["subject"]?.first ?? "", messageID: messageID?.isEmpty == false ? messageID : nil,
                            mimeType: mimeType, headers: fields)
    }

    /// The de-duplication key: the Message-ID, else the first bytes of the message.
    static func hash(messageID: String?, raw: Data) -> String {
        if let messageID, !messageID.isEmpty { return SHA256.hex("id:" + messageID.lowercased()) }
        return SHA256.hex(Data("raw:".utf8) + raw.prefix(64 * 1024))
    }
}
