import Foundation
import MailTransport

/// The configuration's mail sections as MailTransport settings; secrets are read here, at
/// connection time, from the source the config names.
extension DeskConfiguration {
    public func mailboxSettings(environment: [String: String]) throws -> MailboxSettings {
        MailboxSettings(url: mailbox.url, username: mailbox.username,
                        secret: try Self.secret(mailbox.secret, environment: environment, section: "mailbox"),
                        tls: TLSSettings(caFile: tls.caFile, allowPlaintextLoopback: tls.allowPlaintextLoopback),
                        timeouts: TransportTimeouts(connect: Double(timeouts.connectSeconds), idle: Double(timeouts.idleSeconds)))
    }

    public func senderSettings(environment: [String: String]) throws -> SenderSettings {
        SenderSettings(url: smtp.url, username: smtp.username,
                       secret: try Self.secret(smtp.secret, environment: environment, section: "smtp"),
                       tls: TLSSettings(caFile: tls.caFile, allowPlaintextLoopback: tls.allowPlaintextLoopback),
                       timeouts: TransportTimeouts(connect: Double(timeouts.connectSeconds), idle: Double(timeouts.idleSeconds)),
                       maxMessageBytes: nil, heloName: replies.messageIDDomain)
    }

    static func secret(_ source: SecretSource?, environment: [String: String], section: String) throws -> Secret {
        guard let source else { return .none }
        do {
            let value = try source.resolve(environment: environment)
            return source.kind == .oauth2Token ? .oauth2Token(value) : .password(value)
        } catch let error as SecretError {
            throw ConfigurationError(.secretUnavailable, file: "", keyPath: section, "credential from \(source.describe): \(error.message)")
        }
    }
}
