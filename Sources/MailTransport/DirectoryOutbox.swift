import Foundation

/// `dir:PATH`: "sends" by writing one .eml per message, for running without an SMTP server
/// (demo, tests, or a site that hands the files to its own MTA). The envelope goes into a
/// sidecar NAME.envelope.json next to NAME.eml, so the message bytes stay exactly what SMTP
/// would have carried. The sidecar is written first and each file appears by rename, so a reader
/// that sees NAME.eml sees a complete message and its envelope.
public struct DirectoryOutbox: MailSender {
    public let directory: URL
    public let maxMessageBytes: Int?

    public init(url: String, maxMessageBytes: Int? = nil) throws {
        guard url.hasPrefix("dir:"), url.count > 4 else {
            throw MailTransportError(.invalidConfiguration, "\"\(url)\" is not a dir:PATH URL (e.g. dir:/var/spool/caseconsultant/outbox)")
        }
        var path = String(url.dropFirst(4))
        if path.hasPrefix("//") { path.removeFirst(2) }
        self.init(directory: URL(fileURLWithPath: path), maxMessageBytes: maxMessageBytes)
    }

    public init(directory: URL, maxMessageBytes: Int? = nil) {
        self.directory = directory.standardizedFileURL
        self.maxMessageBytes = maxMessageBytes
    }

    struct Envelope: Codable, Equatable {
        var from: String
        var recipients: [String]
    }

    public func send(_ mail: OutgoingMail) throws -> DeliveryReport {
        try MailAddress.validate(mail)
        let data = LineEndings.crlf(mail.data)
        if let limit = maxMessageBytes, data.count > limit {
            throw MailTransportError(.messageTooLarge,
                "the message is \(data.count) bytes, over the configured limit of \(limit) bytes (limits.maxMessageBytes)")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw MailTransportError(.io, "cannot create the outbox directory \(directory.path): \(error.localizedDescription)")
        }
        let name = Self.fileName()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let envelope = try encoder.encode(Envelope(from: mail.envelopeFrom, recipients: mail.recipients))
        try AtomicFile.write(envelope, to: directory.appendingPathComponent(name + ".envelope.json"))
        try AtomicFile.write(data, to: directory.appendingPathComponent(name + ".eml"))
        return DeliveryReport(accepted: mail.recipients, refused: [:])
    }

    /// Sorts by time of writing; the UUID keeps names unique across processes.
    static func fileName() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return formatter.string(from: Date()) + "-" + UUID().uuidString.lowercased()
    }

    /// The envelope written next to an .eml, for readers of the directory (tests, an MTA hand-off).
    public static func envelope(ofMessageAt url: URL) throws -> (from: String, recipients: [String]) {
        let sidecar = url.deletingPathExtension().appendingPathExtension("envelope.json")
        let envelope = try JSONDecoder().decode(Envelope.self, from: Data(contentsOf: sidecar))
        return (envelope.from, envelope.recipients)
    }
}
