import CCurl
import Foundation

/// Turns a failed curl transfer plus what the server said into an error a person can act on.
enum CurlFailure {
    static func error(_ outcome: CurlOutcome, endpoint: Endpoint, username: String?, timeouts: TransportTimeouts,
                      serverLines: [String], doing action: String) -> MailTransportError {
        let code = outcome.code
        let refusal = IMAPResponse.refusal(in: serverLines) ?? SMTPReply.lastFailure(in: serverLines)
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            return .connectionFailed(endpoint: endpoint, detail: outcome.detail)
        case CURLE_OPERATION_TIMEDOUT:
            let connected = !serverLines.isEmpty || outcome.detail.lowercased().contains("connect") == false
            return .timedOut(endpoint: endpoint, seconds: connected ? timeouts.idle : timeouts.connect,
                             during: connected ? "while \(action)" : "while connecting")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return .tlsVerificationFailed(endpoint: endpoint, detail: outcome.detail)
        case CURLE_SSL_CONNECT_ERROR:
            if outcome.detail.lowercased().contains("certificate") || outcome.detail.lowercased().contains("verify") {
                return .tlsVerificationFailed(endpoint: endpoint, detail: outcome.detail)
            }
            return .connectionFailed(endpoint: endpoint, detail: "TLS handshake failed: \(outcome.detail)")
        case CURLE_USE_SSL_FAILED:
            return MailTransportError(.tlsUnavailable,
                "\(endpoint.serviceName) at \(endpoint) does not offer STARTTLS, and sending credentials in clear text is refused: use the implicit-TLS URL (imaps:// or smtps://) or fix the server")
        case CURLE_LOGIN_DENIED:
            if let refusal, isMissingMailbox(refusal) {
                return MailTransportError(.mailboxNotFound,
                    "the folder \(action) does not exist on \(endpoint) (server said: \(refusal)): check the mailbox URL in the config")
            }
            return .authenticationFailed(user: username, endpoint: endpoint, serverSaid: refusal)
        case CURLE_REMOTE_ACCESS_DENIED:
            return MailTransportError(.serverRefused,
                "\(endpoint.serviceName) at \(endpoint) refused \(action)\(refusal.map { ": \($0)" } ?? "")")
        case CURLE_REMOTE_FILE_NOT_FOUND:
            return MailTransportError(.messageNotFound, "\(action): no such message on \(endpoint) (it was moved or expunged)")
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY:
            if let refusal, code != CURLE_RECV_ERROR, code != CURLE_GOT_NOTHING {
                return MailTransportError(.serverRefused, "\(endpoint.serviceName) at \(endpoint) refused \(action): \(refusal)")
            }
            return .connectionLost(endpoint: endpoint, detail: outcome.detail)
        case CURLE_QUOTE_ERROR, CURLE_UPLOAD_FAILED:
            if let refusal, isMissingMailbox(refusal) {
                return MailTransportError(.mailboxNotFound, "\(action): the folder does not exist on \(endpoint) (server said: \(refusal))")
            }
            return MailTransportError(.serverRefused,
                "\(endpoint.serviceName) at \(endpoint) said NO to \(action): \(refusal ?? outcome.detail)")
        default:
            return MailTransportError(.io, "\(action) on \(endpoint) failed: \(outcome.detail)")
        }
    }

    static func isMissingMailbox(_ refusal: String) -> Bool {
        let upper = refusal.uppercased()
        return upper.contains("[NONEXISTENT]") || upper.contains("[TRYCREATE]") || upper.contains("DOESN'T EXIST")
            || upper.contains("DOES NOT EXIST") || upper.contains("NO SUCH MAILBOX")
    }
}
