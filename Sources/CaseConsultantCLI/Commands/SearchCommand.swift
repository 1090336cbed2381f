// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum SearchCommand: Command {
    static let name = "search"
    static let summary = "search the knowledge base"
    static let signature = CommandSignature(options: ["limit"], flags: ["json"], maxPositionals: 16)
    static let help = """
    Usage: caseconsultant search TEXT

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
