import Foundation
import Testing

/// The loopback mail stack of scripts/mailstack (Dovecot IMAP/submission + OpenSMTPD), found
/// through the env file it writes, started when it is not running: the same rules as
/// MailTransportTests' MailStack (a test target cannot import another's helpers).
/// Every client here is a real one run as a process: `curl` for IMAP, `swaks` for submission.
struct LoopbackStack: Sendable {
    let values: [String: String]

    var host: String { values["MAILSTACK_HOST"] ?? "127.0.0.1" }
    var caFile: String { values["MAILSTACK_CA_FILE"]! }
    func port(_ name: String) -> Int { Int(values["MAILSTACK_\(name)_PORT"]!)! }
    func user(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_USER"]! }
    func password(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_PASSWORD"]! }

    static let loaded: Result<LoopbackStack, StackUnavailable> = load()

    /// Under CI=true an unavailable stack fails the tests rather than skipping them.
    static var shouldRun: Bool {
        if case .success = loaded { return true }
        return ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static func require() throws -> LoopbackStack { try loaded.get() }

    private static func load() -> Result<LoopbackStack, StackUnavailable> {
        let environment = ProcessInfo.processInfo.environment
        let envFile = environment["MAILSTACK_ENV"] ?? (environment["MAILSTACK_DIR"] ?? "/tmp/caseconsultant-mailstack") + "/env"
        if Shell.run(["scripts/mailstack", "status"]).status == 0,
           let text = try? String(contentsOfFile: envFile, encoding: .utf8), let stack = parse(text) {
            return .success(stack)
        }
        let up = Shell.run(["scripts/mailstack", "up"])
        guard up.status == 0 else { return .failure(StackUnavailable(reason: "scripts/mailstack up failed: \(up.stderr.suffix(600))")) }
        return parse(up.stdout).map(Result.success) ?? .failure(StackUnavailable(reason: "scripts/mailstack up printed no environment"))
    }

    private static func parse(_ text: String) -> LoopbackStack? {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst(7)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            var value = String(assignment[assignment.index(after: equals)...])
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            values[String(assignment[..<equals])] = value
        }
        return values["MAILSTACK_CA_FILE"] == nil ? nil : LoopbackStack(values: values)
    }

    // MARK: IMAP with curl

    /// One IMAP command with curl over STARTTLS, verified against the test CA. Returns the
    /// untagged response curl prints.
    func imap(_ account: String, folder: String = "", command: String? = nil, uid: UInt32? = nil) throws -> Data {
        var url = "imap://\(host):\(port("IMAP"))/\(folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)"
        if let uid { url += ";UID=\(uid)" }
        var arguments = ["curl", "--silent", "--show-error", "--ssl-reqd", "--cacert", caFile, "--max-time", "30",
                         "--user", "\(user(account)):\(password(account))", url]
        if let command { arguments += ["--request", command] }
        let result = Shell.run(arguments)
        guard result.status == 0 else {
            throw StackUnavailable(reason: "curl \(command ?? "fetch") on \(account)/\(folder) failed (\(result.status)): \(result.stderr)")
        }
        return result.output
    }

    /// `UID SEARCH` in a folder; a missing folder is an empty result.
    func search(_ account: String, folder: String = "INBOX", _ criteria: String) throws -> [UInt32] {
        let text: String
        do {
            text = String(decoding: try imap(account, folder: folder, command: "UID SEARCH \(criteria)"), as: UTF8.self)
        } catch let error as StackUnavailable where error.reason.contains("Select failed") {
            return [] // the folder does not exist (yet)
        }
        return text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.split(separator: " ").dropFirst(2).compactMap { UInt32($0) } }
    }

    func fetch(_ account: String, folder: String = "INBOX", uid: UInt32) throws -> Data {
        try imap(account, folder: folder, uid: uid)
    }

    /// Creates a folder; one that exists already is fine (a later MOVE into a missing one fails).
    func createFolder(_ account: String, _ name: String) {
        _ = try? imap(account, command: "CREATE \"\(name)\"")
    }

    /// Deletes a test's own folder (never INBOX), to keep the shared stack tidy after a pass.
    func deleteFolder(_ account: String, _ name: String) {
        guard name != "INBOX" else { return }
        _ = try? imap(account, command: "DELETE \"\(name)\"")
    }

    func move(_ account: String, uids: [UInt32], from folder: String, to target: String) throws {
        guard !uids.isEmpty else { return }
        _ = try imap(account, folder: folder, command: "UID MOVE \(uids.map(String.init).joined(separator: ",")) \"\(target)\"")
    }

    /// Waits until `criteria` matches at least `count` messages; returns the UIDs found last.
    func waitFor(_ account: String, folder: String = "INBOX", _ criteria: String, count: Int, timeout: Double = 30) throws -> [UInt32] {
        let deadline = Date().addingTimeInterval(timeout)
        var found: [UInt32] = []
        repeat {
            found = try search(account, folder: folder, criteria)
            if found.count >= count { return found }
            usleep(200_000)
        } while Date() < deadline
        return found
    }

    // MARK: Submission with swaks

    /// Sends a complete RFC 5322 message through Dovecot's submission service (STARTTLS, the
    /// certificate verified against the test CA, AUTH PLAIN), as a person's mail client would.
    func send(from account: String, to recipients: [String], message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swaks-\(UUID().uuidString).eml")
        let crlf = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try Data(crlf.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var arguments = ["swaks", "--server", "\(host):\(port("SUBMISSION"))", "--tls", "--tls-verify", "--tls-ca-path", caFile,
                         "--auth", "PLAIN", "--auth-user", user(account), "--auth-password", password(account),
                         "--from", user(account), "--data", file.path, "--suppress-data"]
        for recipient in recipients { arguments += ["--to", recipient] }
        let result = Shell.run(arguments)
        guard result.status == 0 else {
            throw StackUnavailable(reason: "swaks as \(account) failed (\(result.status)): \(String(decoding: result.output, as: UTF8.self).suffix(800))")
        }
    }
}

struct StackUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { "the loopback mail stack: \(reason)" }
}

extension Trait where Self == ConditionTrait {
    /// Runs when the stack is up (or could be started), and always under CI=true.
    static var needsLoopbackStack: ConditionTrait {
        .enabled(if: LoopbackStack.shouldRun, "the loopback mail stack is not available (scripts/mailstack up)")
    }
}

/// Runs helper programs (curl, swaks, scripts/mailstack) from the package root.
enum Shell {
    struct Result {
        var status: Int32
        var output: Data
        var stderr: String
        var stdout: String { String(decoding: output, as: UTF8.self) }
    }

    static func run(_ arguments: [String]) -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = Tool.packageRoot
        process.standardInput = FileHandle.nullDevice
        do {
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
        } catch {
            return Result(status: 127, output: Data(), stderr: "\(error)")
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: (try? Data(contentsOf: out)) ?? Data(),
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
