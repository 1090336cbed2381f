import Foundation
import MailTransport
import Testing

/// The loopback mail stack of scripts/mailstack, found through the env file it writes
/// ($MAILSTACK_ENV, else the default state directory); started here when it is not running.
struct MailStack: Sendable {
    let values: [String: String]

    var host: String { values["MAILSTACK_HOST"] ?? "127.0.0.1" }
    var caFile: String { values["MAILSTACK_CA_FILE"]! }
    var domain: String { values["MAILSTACK_DOMAIN"] ?? "example.test" }
    var dovecotLog: String { values["MAILSTACK_DOVECOT_LOG"]! }
    func port(_ name: String) -> Int { Int(values["MAILSTACK_\(name)_PORT"]!)! }
    func user(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_USER"]! }
    func password(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_PASSWORD"]! }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Loaded once per test process.
    static let loaded: Result<MailStack, MailStackUnavailable> = load()

    /// CI must prove the integration tests ran: there an unavailable stack fails the tests
    /// instead of skipping them.
    static var shouldRun: Bool {
        if case .success = loaded { return true }
        return ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static func require() throws -> MailStack { try loaded.get() }

    private static func load() -> Result<MailStack, MailStackUnavailable> {
        let environment = ProcessInfo.processInfo.environment
        let defaultDir = environment["MAILSTACK_DIR"] ?? "/tmp/caseconsultant-mailstack"
        let envFile = environment["MAILSTACK_ENV"] ?? defaultDir + "/env"
        let status = run(["scripts/mailstack", "status"])
        if status.exitCode == 0, let stack = parse(file: envFile) { return .success(stack) }
        let up = run(["scripts/mailstack", "up"])
        guard up.exitCode == 0 else {
            return .failure(MailStackUnavailable(reason: "scripts/mailstack up failed: \(up.output.suffix(600))"))
        }
        return parse(text: up.output).map(Result.success)
            ?? .failure(MailStackUnavailable(reason: "scripts/mailstack up printed no environment"))
    }

    private static func parse(file: String) -> MailStack? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap(parse(text:))
    }

    private static func parse(text: String) -> MailStack? {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst(7)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            var value = String(assignment[assignment.index(after: equals)...])
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            values[String(assignment[..<equals])] = value
        }
        return values["MAILSTACK_CA_FILE"] == nil ? nil : MailStack(values: values)
    }

    static func run(_ arguments: [String]) -> (exitCode: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: Settings for the tests

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

struct MailStackUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { "the loopback mail stack is unavailable: \(reason)" }
}

extension Trait where Self == ConditionTrait {
    /// Runs when the stack is up (or was started), and always under CI=true, where an
    /// unavailable stack then fails the test.
    static var needsMailStack: ConditionTrait {
        .enabled(if: MailStack.shouldRun, "the loopback mail stack is not available (scripts/mailstack up)")
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
