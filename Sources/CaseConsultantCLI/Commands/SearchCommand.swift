import Coding
import Foundation

/// `caseconsultant search`: find CPT entries and ICD-10-CM codes by words.
enum SearchCommand: Command {
    static let name = "search"
    static let summary = "search the knowledge base"
    static let signature = CommandSignature(options: ["limit"], flags: ["json"], maxPositionals: 16)
    static let help = """
    Usage: caseconsultant search TEXT... [--limit N] [--json]

    Searches CPT entries (code, descriptor, summary, match phrases) and ICD-10-CM descriptions
    and inclusion terms. Abbreviations are understood (orif, fx, tka, ...). Default limit 15.

    Example:
      caseconsultant search femoral neck fx

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let text = arguments.positionals.joined(separator: " ")
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError.usage("give words to search for") }
        let limit = try arguments.integerOption("limit") ?? 15
        let knowledgeBase = try KnowledgeBase.load(environment: context.environment)
        let hits = knowledgeBase.search(text, limit: limit)
        if arguments.has("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            context.writeOutput(String(decoding: try encoder.encode(hits), as: UTF8.self) + "\n")
            return .success
        }
        if hits.isEmpty {
            context.writeOutput("nothing found for '\(text)'\n")
            return .success
        }
        let lines = hits.map { hit in
            "\(hit.kind == .procedure ? "CPT" : "ICD")  \(hit.code.padding(toLength: 9, withPad: " ", startingAt: 0)) \(hit.title)"
        }
        context.writeOutput(lines.joined(separator: "\n") + "\n")
        return .success
    }
}
