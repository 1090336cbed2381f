import CCurl
import Foundation

/// Sends mail with libcurl: `smtp://` with STARTTLS required, or `smtps://`. One connection per
/// message; each recipient's RCPT TO reply is reported, so one refused address never silently
/// drops the others.
public struct SMTPSender: MailSender {
    public let settings: SenderSettings
    let url: ServerURL
    private let endpoint: Endpoint

    public init(settings: SenderSettings) throws {
        url = try ServerURL(settings.url, allowedSchemes: ["smtp", "smtps"])
        endpoint = Endpoint(serviceName: "SMTP server", host: url.host, port: url.port)
        if url.scheme == "smtp", settings.tls.allowPlaintextLoopback, !endpoint.isLoopback {
            throw MailTransportError(.invalidConfiguration,
                "tls.allowPlaintextLoopback only applies to loopback servers, not \(url.host): remove it or use a loopback address")
        }
        self.settings = settings
    }

    public func send(_ mail: OutgoingMail) throws -> DeliveryReport {
        try MailAddress.validate(mail)
        let data = LineEndings.crlf(mail.data)
        if let limit = settings.maxMessageBytes, data.count > limit {
            throw MailTransportError(.messageTooLarge,
                "the message is \(data.count) bytes, over the configured limit of \(limit) bytes (limits.maxMessageBytes)")
        }
        let curl = try CurlEasyHandle()
        try configure(curl, mail: mail, size: data.count)
        let outcome = curl.perform(upload: data)
        let exchange = curl.transfer.exchange
        let replies = Self.recipientReplies(in: exchange)
        var accepted: [String] = []
        var refused: [String: String] = [:]
        for recipient in mail.recipients {
            let reply = replies[recipient.lowercased()]
            if let reply, let code = SMTPReply.code(reply), code / 100 == 2 {
                accepted.append(recipient)
            } else {
                refused[recipient] = reply ?? "not attempted"
            }
        }
        guard outcome.succeeded else {
            throw failure(outcome, exchange: exchange, accepted: accepted, refused: refused, size: data.count)
        }
        return DeliveryReport(accepted: accepted, refused: refused)
    }

    private func configure(_ curl: CurlEasyHandle, mail: OutgoingMail, size: Int) throws {
        try curl.set(CURLOPT_URL, url.base + (settings.heloName ?? ""))
        try CurlConnectionSettings(endpoint: endpoint, upgradesToTLS: url.scheme == "smtp", tls: settings.tls,
                                   timeouts: settings.timeouts, username: settings.username, secret: settings.secret)
            .apply(to: curl)
        try curl.set(CURLOPT_MAIL_FROM, "<\(mail.envelopeFrom)>")
        try curl.set(CURLOPT_MAIL_RCPT, list: mail.recipients.map { "<\($0)>" })
        try curl.set(ccurl_option_mail_rcpt_allowfails(), 1)
        try curl.set(CURLOPT_UPLOAD, 1)
        try curl.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(size))
        try curl.recordProtocolExchange()
    }

    /// The final reply line to each RCPT TO, keyed by lowercased address. curl sends one command
    /// and waits for its reply, so a reply belongs to the command sent just before it.
    static func recipientReplies(in exchange: [ProtocolEvent]) -> [String: String] {
        var replies: [String: String] = [:]
        var pendingRecipient: String?
        for event in exchange {
            switch event {
            case .command(let command):
                pendingRecipient = nil
                if command.uppercased().hasPrefix("RCPT TO:") {
                    var address = command.dropFirst(8).trimmingCharacters(in: .whitespaces)
                    if let close = address.firstIndex(of: ">") { address = String(address[..<close]) }
                    pendingRecipient = address.trimmingCharacters(in: CharacterSet(charactersIn: "<")).lowercased()
                }
            case .reply(let line):
                guard let recipient = pendingRecipient, line.count >= 4 else { continue }
                if line.dropFirst(3).first == " " {      // the last line of a (multi-line) reply
                    replies[recipient] = line
                    pendingRecipient = nil
                }
            }
        }
        return replies
    }

    private func failure(_ outcome: CurlOutcome, exchange: [ProtocolEvent], accepted: [String], refused: [String: String],
                         size: Int) -> MailTransportError {
        let replies = exchange.compactMap { if case .reply(let line) = $0 { line } else { nil } }
        let lastFailure = SMTPReply.lastFailure(in: replies)
        if let lastFailure, SMTPReply.code(lastFailure) == 552 || lastFailure.contains("5.3.4") {
            let limit = SMTPReply.sizeLimit(in: replies).map { " (the server accepts at most \($0) bytes)" } ?? ""
            return MailTransportError(.messageTooLarge,
                "\(endpoint.serviceName) at \(endpoint) refused the message of \(size) bytes as too large\(limit): \(lastFailure)")
        }
        if accepted.isEmpty && !refused.isEmpty && refused.values.contains(where: { $0 != "not attempted" }) {
            let list = refused.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            return MailTransportError(.allRecipientsRefused,
                "\(endpoint.serviceName) at \(endpoint) refused every recipient (\(list))")
        }
        return CurlFailure.error(outcome, endpoint: endpoint, username: settings.username, timeouts: settings.timeouts,
                                 serverLines: replies, doing: "sending a message")
    }
}
