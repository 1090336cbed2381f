// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum MessageCommand: Command {
    static let name = "message"
    static let summary = "show how a raw .eml message is parsed"
    static let signature = CommandSignature(options: [], flags: ["json"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant message [--json] FILE

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
