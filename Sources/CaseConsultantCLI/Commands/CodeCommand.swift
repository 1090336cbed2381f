// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum CodeCommand: Command {
    static let name = "code"
    static let summary = "show one code: descriptor, summary, related codes, notes"
    static let signature = CommandSignature(options: [], flags: ["json"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant code CODE

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
