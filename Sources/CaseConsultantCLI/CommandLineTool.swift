/// Entry point shared by the executable and the tests: dispatches to a subcommand and turns
/// every error into one line on stderr plus a sysexits status.
public enum CommandLineTool {
    public static let version = "0.1.0"

    static var commands: [any Command.Type] {
        [
        PollCommand.self,
        RunCommand.self,
        IngestCommand.self,
        SuggestCommand.self,
        MessageCommand.self,
        CasesCommand.self,
        CodeCommand.self,
        SearchCommand.self,
        EvalCommand.self,
        ConfigCommand.self,
        ]
    }

    public static func main(_ arguments: [String], context: CommandContext = .process) -> Int32 {
        let arguments = Array(arguments.dropFirst())
        guard let first = arguments.first else {
            context.writeError(overview)
            return ExitCode.usage.rawValue
        }
        switch first {
        case "--help", "-h", "help":
            if arguments.count > 1, let command = command(named: arguments[1]) {
                context.writeOutput(command.help)
            } else {
                context.writeOutput(overview)
            }
            return ExitCode.success.rawValue
        case "--version", "-V":
            context.writeOutput("caseconsultant \(version)\n")
            return ExitCode.success.rawValue
        default:
            break
        }
        guard let command = command(named: first) else {
            context.writeError("caseconsultant: unknown command '\(first)'; see 'caseconsultant --help'\n")
            return ExitCode.usage.rawValue
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            context.writeOutput(command.help)
            return ExitCode.success.rawValue
        }
        do {
            let parsed = try ArgumentParser.parse(rest, signature: command.signature)
            return try command.run(parsed, context: context).rawValue
        } catch {
            let report = ErrorReport.describe(error)
            var line = "caseconsultant \(command.name): \(report.message)"
            if report.exitCode == .usage { line += " (see 'caseconsultant \(command.name) --help')" }
            context.writeError(line + "\n")
            return report.exitCode.rawValue
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    static var overview: String {
        let width = commands.map { $0.name.count }.max() ?? 0
        let lines = commands.map { command in
            "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary
        }
        return """
        caseconsultant \(version): an email coding-consultation desk for surgical cases.

        Usage: caseconsultant COMMAND [OPTIONS]

        Commands:
        \(lines.joined(separator: "\n"))

        Options:
          --help      show help (also after any command)
          --version   show the version

        Exit status follows sysexits: 0 done, 64 usage, 65 bad input, 69 server unavailable,
        75 temporary failure (retry later), 78 configuration error.

        """
    }
}
