// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum RunCommand: Command {
    static let name = "run"
    static let summary = "run as a daemon: poll every interval until SIGTERM/SIGINT"
    static let signature = CommandSignature(options: ["config", "interval"], flags: [], maxPositionals: 0)
    static let help = """
    Usage: caseconsultant run [--config FILE] [--interval SECS]

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
