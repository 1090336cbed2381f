import CaseDesk

enum RunCommand: Command {
    static let name = "run"
    static let summary = "run as a daemon: poll cycles until SIGTERM/SIGINT"
    static let signature = CommandSignature(options: ["config", "interval"], flags: [], maxPositionals: 0)
    static let help = """
    Usage: caseconsultant run [--config FILE] [--interval SECS]

    Polls every SECS seconds (default: daemon.intervalSeconds, 60) until SIGTERM or SIGINT; on a
    signal it finishes the message in hand, commits it, and exits 0. Logs go to stderr, one line
    per event. See docs/case-desk.md for a systemd unit.

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let configuration = try ConfigurationLoader.load(path: ConfigurationLoader.locate(option: arguments.option("config"), environment: context.environment))
        let interval = try arguments.integerOption("interval") ?? configuration.daemon.intervalSeconds
        guard interval >= 1 else { throw CLIError.usage("--interval must be at least 1 second") }
        let desk = try DeskFactory.make(configuration: configuration, environment: context.environment)
        DeskDaemon(service: desk, intervalSeconds: Double(interval)).run()
        return .success
    }
}
