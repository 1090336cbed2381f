// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum IngestCommand: Command {
    static let name = "ingest"
    static let summary = "take one raw message on stdin (MTA delivery)"
    static let signature = CommandSignature(options: ["config"], flags: [], maxPositionals: 0)
    static let help = """
    Usage: caseconsultant ingest [--config FILE] < message.eml

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
