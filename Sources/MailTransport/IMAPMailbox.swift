import CCurl
import Foundation

/// An IMAP folder reached with libcurl (`imap://` with STARTTLS, or `imaps://`).
public struct IMAPMailbox: Mailbox {
    public let settings: MailboxSettings
    let url: ServerURL

    public init(settings: MailboxSettings) throws {
        url = try ServerURL(settings.url, allowedSchemes: ["imap", "imaps"])
        self.settings = settings
        if url.scheme == "imap", settings.tls.allowPlaintextLoopback,
           !Endpoint(serviceName: "", host: url.host, port: url.port).isLoopback {
            throw MailTransportError(.invalidConfiguration,
                "tls.allowPlaintextLoopback only applies to loopback servers, not \(url.host): remove it or use a loopback address")
        }
        try IMAPFolderName.validate(folder)
    }

    var folder: String { url.path.isEmpty ? "INBOX" : url.path }

    /// Connects, logs in and selects the folder, so a wrong password, an untrusted certificate or
    /// a missing folder is reported here rather than at the first command.
    public func open() throws -> any MailboxSession {
        try IMAPSession(mailbox: self)
    }

    /// The concrete session, for callers (tests, the benchmark) that need its extras.
    public func openSession() throws -> IMAPSession {
        try IMAPSession(mailbox: self)
    }
}
