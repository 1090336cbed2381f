import Foundation
import Synchronization
import Testing
@testable import CaseConsultantCLI

/// Captures what a command prints so dispatch and exit codes are checked without a process.
final class CapturedIO: Sendable {
    let output = Mutex("")
    let error = Mutex("")

    func context(input: Data = Data()) -> CommandContext {
        CommandContext(
            environment: [:],
            writeOutput: { text in self.output.withLock { $0 += text } },
            writeError: { text in self.error.withLock { $0 += text } },
            readInput: { input }
        )
    }
}

@Suite struct CommandLineToolTests {
    @Test func versionAndHelp() {
        let io = CapturedIO()
        #expect(CommandLineTool.main(["caseconsultant", "--version"], context: io.context()) == 0)
        #expect(io.output.withLock { $0 } == "caseconsultant \(CommandLineTool.version)\n")
        let help = CapturedIO()
        #expect(CommandLineTool.main(["caseconsultant", "--help"], context: help.context()) == 0)
        for command in CommandLineTool.commands {
            #expect(help.output.withLock { $0 }.contains("  \(command.name) "))
        }
    }

    @Test func everyCommandHasHelp() {
        for command in CommandLineTool.commands {
            let io = CapturedIO()
            #expect(CommandLineTool.main(["caseconsultant", command.name, "--help"], context: io.context()) == 0)
            #expect(io.output.withLock { $0 }.hasPrefix("Usage: caseconsultant \(command.name)"))
        }
    }

    @Test func unknownCommandIsUsage() {
        let io = CapturedIO()
        #expect(CommandLineTool.main(["caseconsultant", "frobnicate"], context: io.context()) == 64)
        #expect(io.error.withLock { $0 }.contains("unknown command 'frobnicate'"))
    }

    @Test func noArgumentsIsUsage() {
        let io = CapturedIO()
        #expect(CommandLineTool.main(["caseconsultant"], context: io.context()) == 64)
    }

    @Test func badOptionNamesTheCommandAndHelp() {
        let io = CapturedIO()
        #expect(CommandLineTool.main(["caseconsultant", "suggest", "--bogus"], context: io.context()) == 64)
        #expect(io.error.withLock { $0 } == "caseconsultant suggest: unknown option '--bogus' (see 'caseconsultant suggest --help')\n")
    }

    @Test func evalCalibrationTabulatesConfidence() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("calibration-\(UInt32.random(in: 0...UInt32.max)).jsonl")
        try Data("""
        {"id": "a", "text": "Left total knee arthroplasty for osteoarthritis", "expect": ["27447"]}
        {"id": "b", "text": "Left total knee arthroplasty for osteoarthritis", "expect": ["27446"]}
        {"id": "c", "text": "Carpal tunnel release, right", "expect": []}
        """.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let io = CapturedIO()
        #expect(CommandLineTool.main(["caseconsultant", "eval", "--calibration", file.path], context: io.context()) == 0)
        let output = io.output.withLock { $0 }
        #expect(output.hasPrefix("confidence "))
        #expect(output.contains("≥0.95"))
        // Two first suggestions (the third case abstains), one right.
        let row = try #require(output.split(separator: "\n").first { $0.hasPrefix(file.lastPathComponent) })
        let cells = row.split(separator: " ").dropFirst().map { $0.split(separator: "/").compactMap { Int($0) } }
        #expect(cells.count == 6)
        #expect(cells.map { $0[0] }.reduce(0, +) == 1)
        #expect(cells.map { $0[1] }.reduce(0, +) == 2)
        #expect(output.contains("wrong first suggestions at confidence ≥ 0.8:"))
    }
}
