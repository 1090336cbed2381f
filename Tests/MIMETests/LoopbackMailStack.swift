import Foundation
import Testing

/// The loopback mail stack of scripts/mailstack (Dovecot submission/IMAP + OpenSMTPD), found the
/// way Tests/MailTransportTests finds it: the env file of a running stack, else `mailstack up`.
/// MIMETests does not depend on MailTransport, so it talks to the stack with the curl command-line
/// client: a client independent of our own code is what "a real server accepts it" should mean.
struct LoopbackMailStack: Sendable {
    let values: [String: String]

    var host: String { values["MAILSTACK_HOST"] ?? "127.0.0.1" }
    var caFile: String { values["MAILSTACK_CA_FILE"] ?? "" }
    var domain: String { values["MAILSTACK_DOMAIN"] ?? "example.test" }
    func port(_ name: String) -> String { values["MAILSTACK_\(name)_PORT"] ?? "" }
    func user(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_USER"] ?? "\(account)@\(domain)" }
    func password(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_PASSWORD"] ?? "" }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Found or started once per test process.
    static let loaded: Result<LoopbackMailStack, LoopbackStackUnavailable> = load()

    /// Under CI=true the tests always run, so an unavailable stack fails them instead of
    /// silently skipping the only check that a real server accepts what we compose.
    static var shouldRun: Bool {
        if case .success = loaded { return true }
        return ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static func require() throws -> LoopbackMailStack { try loaded.get() }

    private static func load() -> Result<LoopbackMailStack, LoopbackStackUnavailable> {
        let environment = ProcessInfo.processInfo.environment
        let envFile = environment["MAILSTACK_ENV"] ?? (environment["MAILSTACK_DIR"] ?? "/tmp/caseconsultant-mailstack") + "/env"
        if run(["scripts/mailstack", "status"]).exitCode == 0,
           let text = try? String(contentsOfFile: envFile, encoding: .utf8), let stack = parse(text) {
            return .success(stack)
        }
        let up = run(["scripts/mailstack", "up"])
        guard up.exitCode == 0 else {
            return .failure(LoopbackStackUnavailable(reason: "scripts/mailstack up failed (exit \(up.exitCode)): \(up.stderr.suffix(600))"))
        }
        return parse(up.output).map(Result.success)
            ?? .failure(LoopbackStackUnavailable(reason: "scripts/mailstack up printed no environment"))
    }

    /// The `export NAME='value'` lines `mailstack up` and its env file contain.
    static func parse(_ text: String) -> LoopbackMailStack? {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst(7)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            var value = String(assignment[assignment.index(after: equals)...])
            if value.count >= 2 && value.hasPrefix("'") && value.hasSuffix("'") { value = String(value.dropFirst().dropLast()) }
            values[String(assignment[..<equals])] = value
        }
        return values["MAILSTACK_CA_FILE"] == nil || values["MAILSTACK_SUBMISSION_PORT"] == nil ? nil : LoopbackMailStack(values: values)
    }

    struct Output { var exitCode: Int32; var stdout: Data; var stderr: String; var output: String { String(decoding: stdout, as: UTF8.self) } }

    /// Runs a command from the package root; stdin from `input` when given. stderr is captured
    /// (not inherited) so a failure message can quote it.
    static func run(_ arguments: [String], input: Data? = nil) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = input.map { _ in Pipe() }
        if let inPipe { process.standardInput = inPipe } else { process.standardInput = FileHandle.nullDevice }
        do { try process.run() } catch { return Output(exitCode: 127, stdout: Data(), stderr: "\(error)") }
        if let inPipe, let input {
            // Written from another thread: a large message would otherwise fill the pipe while
            // the child waits for us to drain its stdout.
            let handle = inPipe.fileHandleForWriting
            let box = UncheckedBox(handle)
            Thread.detachNewThread {
                box.value.write(input)
                try? box.value.close()
            }
        }
        // stderr on its own thread for the same reason.
        let errorBox = UncheckedBox(Data())
        let done = DispatchSemaphore(value: 0)
        let errHandle = UncheckedBox(err.fileHandleForReading)
        Thread.detachNewThread {
            errorBox.value = errHandle.value.readDataToEndOfFile()
            done.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return Output(exitCode: process.terminationStatus, stdout: stdout, stderr: String(decoding: errorBox.value, as: UTF8.self))
    }

    // MARK: curl as the mail client

    private var curlTLS: [String] { ["--silent", "--show-error", "--cacert", caFile, "--connect-timeout", "5", "--max-time", "30"] }

    /// Submits `message` on the submission port with STARTTLS required and AUTH (curl dot-stuffs
    /// and sends the bytes as they are). Returns curl's result; exit 0 means the server said 250.
    func submit(_ message: Data, from account: String, to recipients: [String]) -> Output {
        var arguments = ["curl"] + curlTLS + ["--url", "smtp://\(host):\(port("SUBMISSION"))", "--ssl-reqd",
                                               "--user", "\(user(account)):\(password(account))",
                                               "--mail-from", user(account), "--upload-file", "-"]
        for recipient in recipients { arguments += ["--mail-rcpt", recipient] }
        return Self.run(arguments, input: message)
    }

    /// UIDs in the account's INBOX whose Message-ID header contains `messageID`.
    func search(account: String, messageID: String) -> [Int] {
        let result = Self.run(["curl"] + curlTLS + ["--url", "imaps://\(host):\(port("IMAPS"))/INBOX",
                                                    "--user", "\(user(account)):\(password(account))",
                                                    "--request", "UID SEARCH HEADER Message-ID \"\(messageID)\""])
        guard result.exitCode == 0 else { return [] }
        // "* SEARCH 12 13"
        return result.output.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.split(separator: " ").dropFirst(2).compactMap { Int($0) } }
    }

    /// The raw message with this UID (curl's URL fetch: BODY[], as the design says to fetch).
    func fetch(account: String, uid: Int) -> Output {
        Self.run(["curl"] + curlTLS + ["--url", "imaps://\(host):\(port("IMAPS"))/INBOX/;UID=\(uid)",
                                       "--user", "\(user(account)):\(password(account))"])
    }

    /// Delivery through OpenSMTPD and LMTP is asynchronous: polls the INBOX for up to `seconds`.
    func waitForMessage(account: String, messageID: String, seconds: Double = 20) -> Data? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let uid = search(account: account, messageID: messageID).last {
                let fetched = fetch(account: account, uid: uid)
                if fetched.exitCode == 0, !fetched.stdout.isEmpty { return fetched.stdout }
            }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return nil
    }
}

struct LoopbackStackUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { "the loopback mail stack is unavailable: \(reason)" }
}

/// Hands a non-Sendable Foundation object to a helper thread that is its only other user.
private final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension Trait where Self == ConditionTrait {
    /// Runs when the stack is up (or could be started), and always under CI=true, where an
    /// unavailable stack then fails the test rather than skipping it.
    static var needsLoopbackMailStack: ConditionTrait {
        .enabled(if: LoopbackMailStack.shouldRun, "the loopback mail stack is not available (scripts/mailstack up)")
    }
}
