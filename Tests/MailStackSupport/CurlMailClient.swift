import Foundation

/// Real clients against the stack, independent of our own transport code: curl for IMAP
/// (STARTTLS, verified against the test CA) and for SMTP submission, swaks as a person's mail
/// client would submit.
extension LoopbackMailStack {
    private var curlTLS: [String] { ["--silent", "--show-error", "--cacert", caFile, "--connect-timeout", "5", "--max-time", "30"] }

    /// One IMAP command (or a fetch by UID) with curl; returns the untagged response curl prints.
    public func imap(_ account: String, folder: String = "", command: String? = nil, uid: UInt32? = nil) throws -> Data {
        var url = "imap://\(host):\(port("IMAP"))/\(folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)"
        if let uid { url += ";UID=\(uid)" }
        var arguments = ["curl"] + curlTLS + ["--ssl-reqd", "--user", "\(user(account)):\(password(account))", url]
        if let command { arguments += ["--request", command] }
        let result = ProcessRunner.run(arguments)
        guard result.status == 0 else {
            throw StackUnavailable(reason: "curl \(command ?? "fetch") on \(account)/\(folder) failed (\(result.status)): \(result.stderr)")
        }
        return result.output
    }

    /// `UID SEARCH` in a folder; a missing folder is an empty result.
    public func search(_ account: String, folder: String = "INBOX", _ criteria: String) throws -> [UInt32] {
        let text: String
        do {
            text = String(decoding: try imap(account, folder: folder, command: "UID SEARCH \(criteria)"), as: UTF8.self)
        } catch let error as StackUnavailable where error.reason.contains("Select failed") {
            return []
        }
        return text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.split(separator: " ").dropFirst(2).compactMap { UInt32($0) } }
    }

    public func fetch(_ account: String, folder: String = "INBOX", uid: UInt32) throws -> Data {
        try imap(account, folder: folder, uid: uid)
    }

    /// Creates a folder; one that exists already is fine.
    public func createFolder(_ account: String, _ name: String) {
        _ = try? imap(account, command: "CREATE \"\(name)\"")
    }

    /// Deletes a test's own folder (never INBOX), to keep the shared stack tidy after a pass.
    public func deleteFolder(_ account: String, _ name: String) {
        guard name != "INBOX" else { return }
        _ = try? imap(account, command: "DELETE \"\(name)\"")
    }

    public func move(_ account: String, uids: [UInt32], from folder: String, to target: String) throws {
        guard !uids.isEmpty else { return }
        _ = try imap(account, folder: folder, command: "UID MOVE \(uids.map(String.init).joined(separator: ",")) \"\(target)\"")
    }

    /// Delivery through OpenSMTPD and LMTP is asynchronous: waits until `criteria` matches at
    /// least `count` messages and returns the UIDs found last.
    public func waitFor(_ account: String, folder: String = "INBOX", _ criteria: String, count: Int = 1,
                        timeout: Double = 30) throws -> [UInt32] {
        let deadline = Date().addingTimeInterval(timeout)
        var found: [UInt32] = []
        repeat {
            found = try search(account, folder: folder, criteria)
            if found.count >= count { return found }
            usleep(200_000)
        } while Date() < deadline
        return found
    }

    /// Submits `message` as it is on the submission port (STARTTLS required, AUTH) with curl.
    /// Exit 0 means the server answered 250.
    public func submitWithCurl(_ message: Data, from account: String, to recipients: [String]) -> ProcessRunner.Output {
        var arguments = ["curl"] + curlTLS + ["--url", "smtp://\(host):\(port("SUBMISSION"))", "--ssl-reqd",
                                               "--user", "\(user(account)):\(password(account))",
                                               "--mail-from", user(account), "--upload-file", "-"]
        for recipient in recipients { arguments += ["--mail-rcpt", recipient] }
        return ProcessRunner.run(arguments, input: message)
    }

    /// Sends a complete RFC 5322 message through submission with swaks (STARTTLS, certificate
    /// verified against the test CA, AUTH PLAIN); line ends become CRLF as a mail client sends them.
    public func sendWithSwaks(from account: String, to recipients: [String], message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swaks-\(UUID().uuidString).eml")
        let crlf = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try Data(crlf.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var arguments = ["swaks", "--server", "\(host):\(port("SUBMISSION"))", "--tls", "--tls-verify", "--tls-ca-path", caFile,
                         "--auth", "PLAIN", "--auth-user", user(account), "--auth-password", password(account),
                         "--from", user(account), "--data", file.path, "--suppress-data"]
        for recipient in recipients { arguments += ["--to", recipient] }
        let result = ProcessRunner.run(arguments)
        guard result.status == 0 else {
            throw StackUnavailable(reason: "swaks as \(account) failed (\(result.status)): \(result.stdout.suffix(800))")
        }
    }
}
