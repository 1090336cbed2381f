import Foundation
import Testing

/// The built `caseconsultant` binary, run as a separate process the way cron, systemd or an MTA
/// run it: the process-level promises (exit codes, signals, the lock, stdin) only exist there.
enum Tool {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$CASECONSULTANT_BIN`, else the binary next to this test binary: `swift build --build-tests`
    /// (CI) and `swift test` both put it in the same build directory. Never a binary from some
    /// other scratch directory, which could be stale.
    static func executable() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CASECONSULTANT_BIN"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw ToolMissing(detail: "CASECONSULTANT_BIN=\(path) is not an executable file")
            }
            return URL(fileURLWithPath: path)
        }
        var directories: [URL] = []
        let selfExe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        directories.append(selfExe.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(Bundle.main.bundleURL)
        for directory in directories {
            // An .xctest bundle directory (macOS layout) sits one level below the build directory.
            for candidate in [directory, directory.deletingLastPathComponent()] {
                let url = candidate.appendingPathComponent("caseconsultant")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        throw ToolMissing(detail: "no caseconsultant binary next to the tests (looked in \(directories.map(\.path)))")
    }

    /// Runs the tool to completion (or kills it after `timeout` and fails the test).
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], unset: [String] = [],
                    timeout: Double = 120, sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolResult {
        let process = try ToolProcess(arguments, stdin: stdin, environment: environment, unset: unset)
        return try process.wait(timeout: timeout, sourceLocation: sourceLocation)
    }
}

struct ToolMissing: Error, CustomStringConvertible {
    var detail: String
    var description: String {
        "\(detail): build it first (swift build --scratch-path DIR, then swift test --scratch-path DIR) or set CASECONSULTANT_BIN"
    }
}

struct ToolResult: Sendable {
    var status: Int32
    /// Ended by a signal (`status` is then the signal number).
    var signaled: Bool
    var stdout: String
    var stderr: String

    var exited: Int32? { signaled ? nil : status }
}

/// One running `caseconsultant`. Output goes to files rather than pipes, so a chatty process never
/// blocks on a full pipe while the test waits for it.
final class ToolProcess {
    private let process = Process()
    private let directory: URL
    private var stdoutURL: URL { directory.appendingPathComponent("stdout") }
    private var stderrURL: URL { directory.appendingPathComponent("stderr") }

    init(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], unset: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = try Tool.executable()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The tests name the config explicitly; a developer's own setting must not leak in.
        env.removeValue(forKey: "CASECONSULTANT_CONFIG")
        for (key, value) in environment { env[key] = value }
        for key in unset { env.removeValue(forKey: key) }
        process.environment = env
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        if let stdin {
            let inputURL = directory.appendingPathComponent("stdin")
            try stdin.write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// What the process wrote to stderr so far.
    var stderrSoFar: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    func wait(timeout: Double, sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolResult {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            Issue.record("caseconsultant \(process.arguments ?? []) still running after \(timeout) s; killed", sourceLocation: sourceLocation)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let result = ToolResult(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                                stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
                                stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
        try? FileManager.default.removeItem(at: directory)
        return result
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Rule 10: no narrative, body or password in the logs. The tests put distinctive words in every
/// narrative and look for them (and for the secrets) in everything the tool wrote to stderr.
enum LogPrivacy {
    static let narrativeMarkers = ["Zebrafinch", "femoral", "malleol", "tibial", "cannulated", "intramedullary", "How would you code"]

    static func leaks(in log: String, secrets: [String] = []) -> [String] {
        (narrativeMarkers + secrets).filter { !$0.isEmpty && log.localizedCaseInsensitiveContains($0) }
    }
}
