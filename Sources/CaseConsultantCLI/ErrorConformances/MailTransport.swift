import MailTransport

/// Transport errors already say what failed and what to do; this picks the sysexits status a
/// cron wrapper or an MTA acts on: 69 the server is unreachable, 75 try again later, 78 the
/// configuration (credentials, TLS, URLs) must change, 65 the message itself is the problem.
extension MailTransportError: UserFacingError {
    public var exitCode: ExitCode {
        switch kind {
        case .connectionFailed:
            .unavailable
        case .connectionLost, .timedOut, .io:
            .temporaryFailure
        case .authenticationFailed, .tlsVerificationFailed, .tlsUnavailable, .mailboxNotFound, .invalidConfiguration:
            .configuration
        case .serverRefused:
            isTemporary ? .temporaryFailure : .unavailable
        case .messageNotFound:
            .temporaryFailure
        case .messageTooLarge, .allRecipientsRefused, .invalidAddress:
            .dataError
        }
    }

    public var userMessage: String { message }
}
