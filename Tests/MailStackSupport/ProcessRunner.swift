import Foundation

/// Runs the real clients and scripts the integration tests use (curl, swaks, python3,
/// scripts/mailstack) from the package root. Output goes to temporary files rather than pipes,
/// so a chatty child can never block on a pipe nobody is draining.
public enum ProcessRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var output: Data
        public var stderr: String
        public var stdout: String { String(decoding: output, as: UTF8.self) }
    }

    public static func run(_ arguments: [String], input: Data? = nil) -> Output {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inFile = directory.appendingPathComponent("in")
        let outFile = directory.appendingPathComponent("out")
        let errFile = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: inFile.path, contents: input ?? Data())
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = LoopbackMailStack.packageRoot
        do {
            process.standardInput = input == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: inFile)
            process.standardOutput = try FileHandle(forWritingTo: outFile)
            process.standardError = try FileHandle(forWritingTo: errFile)
            try process.run()
        } catch {
            return Output(status: 127, output: Data(), stderr: "\(error)")
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, output: (try? Data(contentsOf: outFile)) ?? Data(),
                      stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }
}
