import Foundation

/// Raw RFC 5322 bytes to a `Message`. Pure: no I/O, no global state, safe from any thread.
public enum MessageParser {
    public static func parse(_ data: Data, limits: ParseLimits = .standard) throws -> Message {
        if data.count > limits.maxTotalBytes {
            throw MIMEError.limitExceeded(.totalBytes, actual: data.count, allowed: limits.maxTotalBytes)
        }
        if data.isEmpty { throw MIMEError.emptyMessage }
        var parser = EntityParser(limits: limits)
        let root = try data.withUnsafeBytes { raw -> Entity in
            let buffer = raw.bindMemory(to: UInt8.self)
            return try parser.parseEntity(buffer, range: 0..<buffer.count, depth: 0)
        }
        return assemble(root, size: data.count, warnings: parser.warnings)
    }

    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .standard) throws -> Message {
        try parse(Data(bytes), limits: limits)
    }

    private static func assemble(_ root: Entity, size: Int, warnings parseWarnings: [String]) -> Message {
        let headers = root.headers
        func addresses(_ name: String) -> [EmailAddress] {
            headers.all(named: name).flatMap { AddressListParser.parse($0.rawValue) }
        }
        func ids(_ name: String) -> [String] {
            headers.all(named: name).flatMap { MessageIDList.parse($0.rawValue) }
        }
        var warnings = parseWarnings
        let subject = headers.first(named: "Subject")?.decodedValue
        var date: Date?
        if let raw = headers.first(named: "Date")?.decodedValue {
            date = DateParser.parse(raw)
            if date == nil { warnings.append("unreadable Date header") }
        }
        if headers.contains(where: { $0.rawValue.contains { $0 >= 0x80 } }) {
            warnings.append("8-bit bytes in headers (read as UTF-8, else Windows-1252)")
        }

        var assembler = TextAssembler()
        assembler.collect(root)
        let body = assembler.body.filter { !$0.trimmingASCIIWhitespace().isEmpty }.joined(separator: "\n\n")
        let text = ([body] + assembler.extras).map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        let bodyNarrative = NarrativeExtractor.narrative(from: body, subject: subject)
        let narrative = ([bodyNarrative] + assembler.extras).map { $0.trimmingASCIIWhitespace() }
            .filter { !$0.isEmpty }.joined(separator: "\n\n")

        return Message(
            headers: headers,
            subject: subject,
            from: addresses("From"),
            to: addresses("To"),
            cc: addresses("Cc"),
            replyTo: addresses("Reply-To"),
            sender: addresses("Sender").first,
            date: date,
            messageID: ids("Message-ID").first,
            inReplyTo: ids("In-Reply-To"),
            references: ids("References"),
            mimeType: root.mimeType,
            text: text,
            narrative: narrative,
            attachments: assembler.attachments,
            warnings: warnings,
            size: size
        )
    }
}
