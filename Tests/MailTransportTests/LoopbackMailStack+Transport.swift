import Foundation
import MailStackSupport
import MailTransport

/// Our own transport's settings for the shared loopback stack, and what only these tests read.
extension LoopbackMailStack {
    func imapSettings(_ account: String, folder: String = "INBOX", implicitTLS: Bool = false, password: String? = nil,
                      caFile: String?? = .none, idle: Double = 20, moveStrategy: IMAPMoveStrategy = .automatic,
                      port: Int? = nil) -> MailboxSettings {
        let scheme = implicitTLS ? "imaps" : "imap"
        let port = port ?? self.port(implicitTLS ? "IMAPS" : "IMAP")
        return MailboxSettings(
            url: "\(scheme)://\(host):\(port)/\(folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)",
            username: user(account), secret: .password(password ?? self.password(account)),
            tls: TLSSettings(caFile: caFile ?? self.caFile), timeouts: TransportTimeouts(connect: 5, idle: idle),
            moveStrategy: moveStrategy)
    }

    func smtpSettings(_ account: String, implicitTLS: Bool = false, password: String? = nil) -> SenderSettings {
        let scheme = implicitTLS ? "smtps" : "smtp"
        let port = self.port(implicitTLS ? "SUBMISSIONS" : "SUBMISSION")
        return SenderSettings(url: "\(scheme)://\(host):\(port)", username: user(account),
                              secret: .password(password ?? self.password(account)),
                              tls: TLSSettings(caFile: caFile), timeouts: TransportTimeouts(connect: 5, idle: 20))
    }

    /// Successful logins recorded by Dovecot for one user.
    func loginCount(_ account: String) -> Int {
        let log = (try? String(contentsOfFile: dovecotLog, encoding: .utf8)) ?? ""
        let needle = "Login: user=<\(user(account))>"
        return log.components(separatedBy: "\n").filter { $0.contains("imap-login: ") && $0.contains(needle) }.count
    }
}

enum TestMessage {
    /// A small, CRLF, unique message.
    static func make(subject: String = "Case \(UUID().uuidString)", from: String = "coder1@example.test",
                     to: String = "cases@example.test", body: String = "Procedure narrative line one.\r\nLine two.\r\n",
                     messageID: String = "<\(UUID().uuidString)@test.example.test>") -> Data {
        Data(("From: \(from)\r\nTo: \(to)\r\nSubject: \(subject)\r\nMessage-ID: \(messageID)\r\n" +
              "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
              body).utf8)
    }

    static func uniqueFolder(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }
}
