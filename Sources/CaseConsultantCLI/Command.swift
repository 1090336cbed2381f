import Foundation

/// What a command may touch of the outside world; tests pass their own.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var writeOutput: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    public var readInput: @Sendable () -> Data

    public init(
        environment: [String: String],
        writeOutput: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable () -> Data
    ) {
        self.environment = environment
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readInput = readInput
    }

    public static var process: CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            readInput: { FileHandle.standardInput.readDataToEndOfFile() }
        )
    }
}

/// A subcommand of `caseconsultant`. One file per command under `Commands/`.
public protocol Command {
    static var name: String { get }
    /// One line for the overview.
    static var summary: String { get }
    /// The full `--help` text: synopsis, options, examples.
    static var help: String { get }
    static var signature: CommandSignature { get }
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode
}
