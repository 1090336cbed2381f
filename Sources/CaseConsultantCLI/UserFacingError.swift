/// An error that knows what a person at the shell should read and which exit status it means.
/// Each module's error types conform in `ErrorConformances/`; `ErrorReport` is the one place
/// that turns any error into a line on stderr and an exit code.
public protocol UserFacingError: Error {
    var exitCode: ExitCode { get }
    /// One line: what failed and what to do about it. Never a password, a body or a narrative.
    var userMessage: String { get }
}

/// Errors raised by the command line itself (arguments, files named on it).
public struct CLIError: UserFacingError, Equatable {
    private enum Code: Equatable {
        case usage
        case unreadableInput
        case badInput
        case configuration
    }

    private let code: Code
    public let userMessage: String

    public var exitCode: ExitCode {
        switch code {
        case .usage: .usage
        case .unreadableInput, .badInput: .dataError
        case .configuration: .configuration
        }
    }

    public static func usage(_ message: String) -> CLIError { CLIError(code: .usage, userMessage: message) }
    public static func unreadableInput(_ path: String, reason: String) -> CLIError {
        CLIError(code: .unreadableInput, userMessage: "cannot read \(path): \(reason)")
    }
    public static func badInput(_ message: String) -> CLIError { CLIError(code: .badInput, userMessage: message) }
    public static func configuration(_ message: String) -> CLIError { CLIError(code: .configuration, userMessage: message) }
}

public enum ErrorReport {
    /// The message and exit status for any error that reaches the top of a command.
    public static func describe(_ error: any Error) -> (message: String, exitCode: ExitCode) {
        if let error = error as? any UserFacingError {
            return (error.userMessage, error.exitCode)
        }
        // An error type nobody mapped yet is a bug in this program, not the user's fault.
        return ("internal error: \(String(describing: type(of: error))): \(error)", .software)
    }
}
