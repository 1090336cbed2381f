// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum SuggestCommand: Command {
    static let name = "suggest"
    static let summary = "suggest codes for a narrative (FILE, or - / nothing for stdin)"
    static let signature = CommandSignature(options: [], flags: ["json"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant suggest [--json] [FILE|-]

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
