/// A transport failure phrased for the person who has to fix it: what failed, where, and what to
/// do. The kind is for code (retry or not, which exit status); `message` is for people. Neither
/// ever contains a password or a token: messages are built from host names, ports, folder names
/// and the server's own reply text only.
public struct MailTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case authenticationFailed
        case tlsVerificationFailed
        case tlsUnavailable
        case connectionFailed
        case connectionLost
        case timedOut
        case mailboxNotFound
        case messageNotFound
        case serverRefused
        case messageTooLarge
        case allRecipientsRefused
        case invalidAddress
        case invalidConfiguration
        case io
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// True when the same operation may well succeed later without anyone changing anything.
    public var isTemporary: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .timedOut, .io: true
        case .serverRefused: message.contains("[UNAVAILABLE]") || message.contains("[INUSE]") || serverCodeIsTemporary
        default: false
        }
    }

    public var description: String { message }

    /// SMTP 4xx replies quoted in the message mean "try again later".
    private var serverCodeIsTemporary: Bool {
        message.range(of: #"\b4\d\d[ -]"#, options: .regularExpression) != nil
    }
}

extension MailTransportError {
    static func authenticationFailed(user: String?, endpoint: Endpoint, serverSaid: String?) -> MailTransportError {
        let who = user.map { "as \($0) " } ?? ""
        let said = serverSaid.map { " (server said: \($0))" } ?? ""
        return MailTransportError(.authenticationFailed,
            "\(endpoint.serviceName) at \(endpoint) refused to log in \(who)\(said): check the username and the password or token source in the config")
    }

    static func tlsVerificationFailed(endpoint: Endpoint, detail: String) -> MailTransportError {
        MailTransportError(.tlsVerificationFailed,
            "TLS verification of \(endpoint) failed (\(detail)): if the server uses a private CA, set tls.caFile to its certificate")
    }

    static func connectionFailed(endpoint: Endpoint, detail: String) -> MailTransportError {
        MailTransportError(.connectionFailed,
            "cannot connect to \(endpoint.serviceName) at \(endpoint) (\(detail)): check the host and port in the config and that the server is running")
    }

    static func timedOut(endpoint: Endpoint, seconds: Double, during: String) -> MailTransportError {
        MailTransportError(.timedOut,
            "\(endpoint.serviceName) at \(endpoint) did not answer within \(Self.format(seconds)) s \(during): the server or the network is down or overloaded; try again later")
    }

    static func connectionLost(endpoint: Endpoint, detail: String) -> MailTransportError {
        MailTransportError(.connectionLost,
            "connection to \(endpoint.serviceName) at \(endpoint) was lost (\(detail)): try again later")
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
