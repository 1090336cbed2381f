// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum PollCommand: Command {
    static let name = "poll"
    static let summary = "run one poll cycle (for cron) and exit"
    static let signature = CommandSignature(options: ["config"], flags: ["dry-run"], maxPositionals: 0)
    static let help = """
    Usage: caseconsultant poll [--config FILE] [--dry-run]

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
