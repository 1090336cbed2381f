// Skeleton: the owning work item replaces run(_:context:) with the real command.
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "measure suggestion accuracy on labelled cases (JSON Lines)"
    static let signature = CommandSignature(options: [], flags: ["json"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant eval FILE.jsonl [--json]

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        throw CommandNotBuilt(command: name)
    }
}
