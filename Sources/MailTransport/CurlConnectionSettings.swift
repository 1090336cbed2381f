import CCurl
import Foundation

/// What IMAP and SMTP connections set up alike: timeouts, TLS (STARTTLS required on the
/// plain scheme unless plaintext was allowed for loopback), the CA file, and credentials.
struct CurlConnectionSettings {
    var endpoint: Endpoint
    /// True for imap:// and smtp://, which must upgrade with STARTTLS.
    var upgradesToTLS: Bool
    var tls: TLSSettings
    var timeouts: TransportTimeouts
    var username: String?
    var secret: Secret

    func apply(to curl: CurlEasyHandle) throws {
        let idleSeconds = max(1, Int(timeouts.idle.rounded(.up)))
        try curl.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(timeouts.connect * 1000)))
        // Silence mid-command: the response timeout covers waiting for a reply line, the
        // low-speed limit a literal or upload that stops flowing.
        try curl.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, idleSeconds)
        try curl.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try curl.set(CURLOPT_LOW_SPEED_TIME, idleSeconds)
        if upgradesToTLS {
            // CURLUSESSL_ALL, never _TRY: a server that does not offer STARTTLS must not get
            // the password in clear text.
            let plaintextAllowed = tls.allowPlaintextLoopback && endpoint.isLoopback
            try curl.set(CURLOPT_USE_SSL, Int(plaintextAllowed ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue))
        }
        if let caFile = tls.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw MailTransportError(.invalidConfiguration, "tls.caFile \(caFile) cannot be read: check the path and its permissions")
            }
            try curl.set(CURLOPT_CAINFO, caFile)
        }
        try curl.set(CURLOPT_USERNAME, username)
        switch secret {
        case .none:
            break
        case .password(let password):
            try curl.set(CURLOPT_PASSWORD, password)
        case .oauth2Token(let token):
            try curl.set(CURLOPT_XOAUTH2_BEARER, token)
            try curl.set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
        }
    }
}
