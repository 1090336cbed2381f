import Foundation

/// A parsed `imap://`, `imaps://`, `smtp://` or `smtps://` URL. Credentials in the URL are
/// refused: they belong in a password file or environment variable, not in a config value that
/// ends up in logs.
struct ServerURL: Sendable, Equatable {
    var scheme: String
    var host: String
    var port: Int
    /// Percent-decoded path without the leading "/" (the IMAP folder; empty for SMTP).
    var path: String

    var implicitTLS: Bool { scheme == "imaps" || scheme == "smtps" }

    static let defaultPorts = ["imap": 143, "imaps": 993, "smtp": 587, "smtps": 465]

    init(_ text: String, allowedSchemes: Set<String>) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              allowedSchemes.contains(scheme) else {
            throw MailTransportError(.invalidConfiguration,
                "unsupported mail URL \"\(Self.redactingUserInfo(text))\": use one of \(allowedSchemes.sorted().map { $0 + "://" }.joined(separator: ", "))")
        }
        guard components.password == nil else {
            throw MailTransportError(.invalidConfiguration,
                "the mail URL \"\(Self.redactingUserInfo(text))\" contains a password: put it in passwordFile or passwordEnv instead")
        }
        guard let host = components.host, !host.isEmpty else {
            throw MailTransportError(.invalidConfiguration, "the mail URL \"\(text)\" names no host")
        }
        self.scheme = scheme
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? Self.defaultPorts[scheme] ?? 0
        var path = components.path
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    /// scheme://host:port/ with nothing else: the base every transfer URL starts from.
    var base: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart):\(port)/"
    }

    static func redactingUserInfo(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "<unparseable URL>" }
        if components.password != nil { components.password = "REDACTED" }
        return components.string ?? "<unparseable URL>"
    }
}
