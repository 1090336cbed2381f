import Foundation
import MIME

/// Shows how a raw message is understood: the headers the desk uses, the chosen text, the
/// extracted narrative, attachments and parser warnings. For checking a problem message by hand.
enum MessageCommand: Command {
    static let name = "message"
    static let summary = "show how a raw .eml message is parsed"
    static let signature = CommandSignature(options: [], flags: ["json"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant message [--json] FILE

    Parses FILE (a raw RFC 5322 message, e.g. an .eml export; '-' reads stdin) and prints the
    decoded subject, from, to, date, Message-ID, In-Reply-To, References, the chosen text
    (text/plain, else HTML as text, plus .txt attachments), the extracted narrative (quoted
    replies, signatures and disclaimers removed), the attachments and any parser warnings.

    Options:
      --json   one JSON object with keys subject, from, to, date, messageId, inReplyTo,
               references, text, narrative, attachments, warnings

    Exit status: 0 parsed, 64 usage, 65 unreadable file or message over a parse limit.

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let path = arguments.positionals.first else {
            throw CLIError.usage("name the message file to parse")
        }
        let data: Data
        if path == "-" {
            data = context.readInput()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CLIError.unreadableInput(path, reason: (error as NSError).localizedDescription)
            }
        }
        let message = try MessageParser.parse(data)
        if arguments.has("json") {
            context.writeOutput(try json(message) + "\n")
        } else {
            context.writeOutput(text(message))
        }
        return .success
    }

    private static func formatted(_ addresses: [EmailAddress]) -> [String] {
        addresses.map(\.description)
    }

    private static func isoDate(_ date: Date?) -> String? {
        guard let date else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private struct Output: Encodable {
        struct Attachment: Encodable {
            var filename: String?
            var mimeType: String
            var size: Int
            var read: Bool
        }
        var subject: String?
        var from: [String]
        var to: [String]
        var date: String?
        var messageId: String?
        var inReplyTo: [String]
        var references: [String]
        var text: String
        var narrative: String
        var attachments: [Attachment]
        var warnings: [String]

        // Absent values are written as null so every key is always present.
        enum CodingKeys: String, CodingKey {
            case subject, from, to, date, messageId, inReplyTo, references, text, narrative, attachments, warnings
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(subject, forKey: .subject)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(date, forKey: .date)
            try container.encode(messageId, forKey: .messageId)
            try container.encode(inReplyTo, forKey: .inReplyTo)
            try container.encode(references, forKey: .references)
            try container.encode(text, forKey: .text)
            try container.encode(narrative, forKey: .narrative)
            try container.encode(attachments, forKey: .attachments)
            try container.encode(warnings, forKey: .warnings)
        }
    }

    static func json(_ message: Message) throws -> String {
        let output = Output(
            subject: message.subject, from: formatted(message.from), to: formatted(message.to),
            date: isoDate(message.date), messageId: message.messageID, inReplyTo: message.inReplyTo,
            references: message.references, text: message.text, narrative: message.narrative,
            attachments: message.attachments.map { .init(filename: $0.filename, mimeType: $0.mimeType, size: $0.size, read: $0.wasRead) },
            warnings: message.warnings
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }

    static func text(_ message: Message) -> String {
        func line(_ label: String, _ value: String?) -> String {
            "\(label.padding(toLength: 13, withPad: " ", startingAt: 0))\(value ?? "(none)")\n"
        }
        var output = ""
        output += line("Subject:", message.subject)
        output += line("From:", message.from.isEmpty ? nil : formatted(message.from).joined(separator: ", "))
        output += line("To:", message.to.isEmpty ? nil : formatted(message.to).joined(separator: ", "))
        output += line("Date:", isoDate(message.date))
        output += line("Message-ID:", message.messageID.map { "<\($0)>" })
        output += line("In-Reply-To:", message.inReplyTo.isEmpty ? nil : message.inReplyTo.map { "<\($0)>" }.joined(separator: " "))
        output += line("References:", message.references.isEmpty ? nil : message.references.map { "<\($0)>" }.joined(separator: " "))
        output += line("Type:", message.mimeType)
        output += line("Size:", "\(message.size) bytes")
        output += "\n----- text -----\n\(message.text)\n"
        output += "\n----- narrative -----\n\(message.narrative)\n"
        output += "\n----- attachments -----\n"
        if message.attachments.isEmpty { output += "(none)\n" }
        for attachment in message.attachments {
            let status = attachment.wasRead ? "read into the case text" : "not read"
            output += "\(attachment.filename ?? "(unnamed)")  \(attachment.mimeType)  \(attachment.size) bytes  [\(status)]\n"
        }
        output += "\n----- warnings -----\n"
        output += message.warnings.isEmpty ? "(none)\n" : message.warnings.map { "- \($0)\n" }.joined()
        return output
    }
}
