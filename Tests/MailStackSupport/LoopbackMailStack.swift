import Foundation
import Testing

/// The loopback mail stack of scripts/mailstack (Dovecot IMAP/IMAPS/submission/LMTP +
/// OpenSMTPD), shared by every integration test target: found through the env file a running
/// stack wrote ($MAILSTACK_ENV, else $MAILSTACK_DIR/env), started with `mailstack up` otherwise.
public struct LoopbackMailStack: Sendable {
    public let values: [String: String]

    public var host: String { values["MAILSTACK_HOST"] ?? "127.0.0.1" }
    public var caFile: String { values["MAILSTACK_CA_FILE"] ?? "" }
    public var domain: String { values["MAILSTACK_DOMAIN"] ?? "example.test" }
    public var dovecotLog: String { values["MAILSTACK_DOVECOT_LOG"] ?? "" }
    public func port(_ name: String) -> Int { Int(values["MAILSTACK_\(name)_PORT"] ?? "") ?? 0 }
    public func user(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_USER"] ?? "\(account)@\(domain)" }
    public func password(_ account: String) -> String { values["MAILSTACK_\(account.uppercased())_PASSWORD"] ?? "" }

    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Found or started once per test process.
    public static let loaded: Result<LoopbackMailStack, StackUnavailable> = load()

    /// CI must prove the integration tests ran: under CI=true an unavailable stack fails the
    /// tests instead of skipping them.
    public static var shouldRun: Bool {
        if case .success = loaded { return true }
        return ProcessInfo.processInfo.environment["CI"] == "true"
    }

    public static func require() throws -> LoopbackMailStack { try loaded.get() }

    private static func load() -> Result<LoopbackMailStack, StackUnavailable> {
        let environment = ProcessInfo.processInfo.environment
        let envFile = environment["MAILSTACK_ENV"] ?? (environment["MAILSTACK_DIR"] ?? "/tmp/caseconsultant-mailstack") + "/env"
        if ProcessRunner.run(["scripts/mailstack", "status"]).status == 0,
           let text = try? String(contentsOfFile: envFile, encoding: .utf8), let stack = parse(text) {
            return .success(stack)
        }
        let up = ProcessRunner.run(["scripts/mailstack", "up"])
        guard up.status == 0 else {
            return .failure(StackUnavailable(reason: "scripts/mailstack up failed (exit \(up.status)): \(up.stderr.suffix(600))"))
        }
        return parse(up.stdout).map(Result.success) ?? .failure(StackUnavailable(reason: "scripts/mailstack up printed no environment"))
    }

    /// The `export NAME='value'` lines of `mailstack up` and of its env file.
    public static func parse(_ text: String) -> LoopbackMailStack? {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst(7)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            var value = String(assignment[assignment.index(after: equals)...])
            if value.count >= 2 && value.hasPrefix("'") && value.hasSuffix("'") { value = String(value.dropFirst().dropLast()) }
            values[String(assignment[..<equals])] = value
        }
        return values["MAILSTACK_CA_FILE"] == nil ? nil : LoopbackMailStack(values: values)
    }
}

public struct StackUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "the loopback mail stack: \(reason)" }
}

extension Trait where Self == ConditionTrait {
    /// Runs when the stack is up (or could be started), and always under CI=true, where an
    /// unavailable stack then fails the test rather than skipping it.
    public static var needsMailStack: ConditionTrait {
        .enabled(if: LoopbackMailStack.shouldRun, "the loopback mail stack is not available (scripts/mailstack up)")
    }
}
