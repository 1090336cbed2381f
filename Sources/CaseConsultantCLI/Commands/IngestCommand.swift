import CaseDesk

enum IngestCommand: Command {
    static let name = "ingest"
    static let summary = "process one raw message from stdin (MTA / procmail delivery)"
    static let signature = CommandSignature(options: ["config"], flags: [], maxPositionals: 0)
    static let help = """
    Usage: caseconsultant ingest [--config FILE] < message.eml

    Takes one message as an MTA delivers it (e.g. from /etc/aliases: "cases: |caseconsultant ingest"),
    triages and processes it like a polled message, then sends what the outbox holds.
    Exit status 75 asks the MTA to retry later; 0 means the message was taken; 65 means it cannot
    be processed (no usable sender, unreadable, too large) and the MTA should return it.

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let configuration = try ConfigurationLoader.load(path: ConfigurationLoader.locate(option: arguments.option("config"), environment: context.environment))
        let raw = context.readInput()
        guard !raw.isEmpty else { throw CLIError.badInput("no message on stdin") }
        let desk = try DeskFactory.make(configuration: configuration, environment: context.environment)
        let summary = try desk.ingestAndDeliver(raw)
        if summary.failed > 0 {
            // No failed folder to keep it in: 65 makes the MTA return the message to its sender
            // instead of it vanishing after a 0. The store keeps the record and the audit event.
            context.writeError("caseconsultant ingest: the message cannot be processed (\(summary.lastFailure ?? "unreadable")); returning it to the MTA\n")
            return .dataError
        }
        if summary.deferred > 0 {
            context.writeError("caseconsultant ingest: message taken; \(summary.deferred) outgoing message(s) wait in the outbox\n")
        }
        return .success
    }
}
