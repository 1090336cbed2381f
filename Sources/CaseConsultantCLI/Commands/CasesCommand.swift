import CaseDesk
import Foundation

enum CasesCommand: Command {
    static let name = "cases"
    static let summary = "list, show, approve or reject cases"
    static let signature = CommandSignature(options: ["config", "reason"], flags: [], maxPositionals: 2)
    static let help = """
    Usage: caseconsultant cases list | show ID | approve ID | reject ID --reason TEXT  [--config FILE]

      list            every case: id, status, submitter, subject
      show ID         one case: status, drafts, outbox, audit trail
      approve ID      approve the current draft (as replying APPROVE would); the next poll sends it
      reject ID --reason TEXT   close the case without a reply

    Decisions are audited with the shell user as actor, exactly like emailed answers.

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let configuration = try ConfigurationLoader.load(path: ConfigurationLoader.locate(option: arguments.option("config"), environment: context.environment))
        let verb = arguments.positionals.first ?? "list"
        let id = arguments.positionals.count > 1 ? arguments.positionals[1] : nil
        let actor = "cli:" + shellUser(context.environment)
        switch verb {
        case "list":
            let store = try CaseStore(path: configuration.storePath)
            let cases = try store.cases()
            if cases.isEmpty { context.writeOutput("no cases\n") }
            for record in cases {
                context.writeOutput("\(record.id)  \(record.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(record.submitter)  \(record.subject)\n")
            }
            return .success
        case "show":
            let store = try CaseStore(path: configuration.storePath)
            let caseID = try requireID(id, verb)
            guard let record = try store.caseRecord(id: caseID) else { throw CLIError.badInput("no case \(caseID) (see 'caseconsultant cases list')") }
            var out = "\(record.id)\n  status:    \(record.status.rawValue)\(record.rejectReason.map { " (\($0))" } ?? "")\n"
            out += "  submitter: \(record.submitter)\n  subject:   \(record.subject)\n"
            if !record.identifiers.isEmpty { out += "  identifiers seen: \(record.identifiers.joined(separator: ", "))\n" }
            for draft in try store.drafts(caseID: caseID) {
                out += "  draft v\(draft.version): \(draft.outcome.rawValue)\(draft.followUp ? " (follow-up)" : "")\(draft.decidedBy.map { " by \($0)" } ?? "")\n"
            }
            for item in try store.outbox(caseID: caseID) {
                out += "  outbox \(item.kind): \(item.status.rawValue), \(item.attempts) attempt(s)\(item.lastError.map { ", last error: \($0)" } ?? "")\n"
            }
            out += "  audit:\n"
            let formatter = ISO8601DateFormatter()
            for event in try store.auditTrail(caseID: caseID) {
                out += "    \(formatter.string(from: event.at))  \(event.action)  \(event.actor)  \(event.detail)\n"
            }
            context.writeOutput(out)
            return .success
        case "approve", "reject":
            let caseID = try requireID(id, verb)
            let answer: ReviewAnswer
            if verb == "approve" {
                answer = .approve(editedBlock: nil)
            } else {
                guard let reason = arguments.option("reason"), !reason.isEmpty else { throw CLIError.usage("reject needs --reason TEXT") }
                answer = .reject(reason: reason)
            }
            let desk = try DeskFactory.make(configuration: configuration, environment: context.environment, log: .silent)
            _ = try desk.decideFromShell(caseID: caseID, answer: answer, actor: actor)
            context.writeOutput(verb == "approve" ? "\(caseID) approved; the next poll sends the reply\n" : "\(caseID) rejected\n")
            return .success
        default:
            throw CLIError.usage("unknown action '\(verb)': use list, show, approve or reject")
        }
    }

    /// Who is at the shell: $USER, $LOGNAME, else the account of the real uid (cron and systemd
    /// often run without either variable), else the uid itself, so the audit never says "unknown".
    static func shellUser(_ environment: [String: String]) -> String {
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty { return value }
        }
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, name.pointee != 0 {
            return String(cString: name)
        }
        return "uid\(uid)"
    }

    private static func requireID(_ id: String?, _ verb: String) throws -> String {
        guard let id else { throw CLIError.usage("\(verb) needs a case id such as CC-261121-0007") }
        guard CaseID.isValid(id) else { throw CLIError.usage("'\(id)' is not a case id such as CC-261121-0007") }
        return id
    }
}
