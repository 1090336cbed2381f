// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum ConfigCommand: Command {
    static let name = "config"
    static let summary = "check configuration, templates and credential sources"
    static let signature = CommandSignature(options: ["config"], flags: [], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant config check [--config FILE]

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
