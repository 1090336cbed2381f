import CaseDesk

enum PollCommand: Command {
    static let name = "poll"
    static let summary = "run one poll cycle (for cron) and exit"
    static let signature = CommandSignature(options: ["config"], flags: ["dry-run"], maxPositionals: 0)
    static let help = """
    Usage: caseconsultant poll [--config FILE] [--dry-run]

    One cycle: read new mail, triage it, draft replies for the consultants, apply their answers,
    send what the outbox holds (with retries and backoff), then exit. Made for cron:
      * * * * *  caseconsultant poll --config /etc/caseconsultant/config.json

    Options:
      --config FILE   configuration (default: $CASECONSULTANT_CONFIG, else Config/caseconsultant.json)
      --dry-run       show what would happen: nothing is sent, flagged, moved or stored

    Exit status: 0 done; 75 another poll holds the lock or mail waits in the outbox (retry later);
    69 a server is unreachable; 78 configuration error.

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let configuration = try ConfigurationLoader.load(path: ConfigurationLoader.locate(option: arguments.option("config"), environment: context.environment))
        let desk = try DeskFactory.make(configuration: configuration, environment: context.environment)
        let summary = try desk.pollOnce(dryRun: arguments.has("dry-run"))
        context.writeOutput("poll: \(summary.messages) message(s), \(summary.newCases) new case(s), \(summary.followUps) follow-up(s), "
                            + "\(summary.reviewAnswers) review answer(s), \(summary.sent) sent\(arguments.has("dry-run") ? " (dry run: nothing sent or stored)" : "")\n")
        if summary.deferred > 0 {
            context.writeError("caseconsultant poll: \(summary.deferred) message(s) wait in the outbox (\(summary.lastDeferredError ?? "server unavailable")); the next poll retries\n")
            return .temporaryFailure
        }
        return .success
    }
}
