// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum CasesCommand: Command {
    static let name = "cases"
    static let summary = "list, show, approve or reject cases"
    static let signature = CommandSignature(options: ["config", "reason"], flags: [], maxPositionals: 2)
    static let help = """
    Usage: caseconsultant cases list | show ID | approve ID | reject ID --reason TEXT  [--config FILE]

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
