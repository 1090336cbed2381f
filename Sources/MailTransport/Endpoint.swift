/// Where a transport connects: enough to name the server in an error without naming anyone's
/// credentials.
struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    var serviceName: String     // "IMAP server", "SMTP server"
    var host: String
    var port: Int

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
