/// Raised by a command whose work item has not landed yet; removed once all have.
struct CommandNotBuilt: UserFacingError {
    let command: String
    var exitCode: ExitCode { .software }
    var userMessage: String { "'\(command)' is not available in this build yet" }
}
