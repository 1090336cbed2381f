import Coding
import Foundation

/// `caseconsultant suggest`: code suggestions for one narrative, as text or as JSON.
enum SuggestCommand: Command {
    static let name = "suggest"
    static let summary = "suggest codes for a narrative (FILE, or - / nothing for stdin)"
    static let signature = CommandSignature(options: [], flags: ["json", "explain"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant suggest [--json] [FILE|-]

    Reads a case narrative (an operative note, a dictation, a coder's question) from FILE or
    standard input and prints CPT suggestions with modifiers, ICD-10-CM diagnoses, the codes
    considered and why not, bundling warnings and documentation queries.

    Options:
      --json    one JSON object: procedures, diagnoses, alternatives, warnings, queries
      --explain every candidate code with its score and what went into it (for tuning)

    Environment:
      CASECONSULTANT_CPT_FILES   extra knowledge-base files (":"-separated) loaded on top
      CASECONSULTANT_NCCI_FILE   the CMS NCCI PTP file to use instead of the bundled sample

    Example:
      echo "ORIF left bimalleolar ankle fx" | caseconsultant suggest

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let narrative = try readNarrative(arguments.positionals.first, context: context)
        guard !narrative.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CLIError.badInput("the narrative is empty")
        }
        let engine = CodingEngine(knowledgeBase: try KnowledgeBase.load(environment: context.environment))
        if arguments.has("explain") {
            context.writeOutput(engine.explain(narrative).joined(separator: "\n") + "\n")
            return .success
        }
        let report = engine.suggest(narrative)
        if arguments.has("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            context.writeOutput(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            context.writeOutput(render(report))
        }
        return .success
    }

    static func readNarrative(_ path: String?, context: CommandContext) throws -> String {
        if path == nil || path == "-" { return String(decoding: context.readInput(), as: UTF8.self) }
        do { return try String(contentsOfFile: path!, encoding: .utf8) } catch {
            throw CLIError.unreadableInput(path!, reason: (error as NSError).localizedDescription)
        }
    }

    static func render(_ report: SuggestionReport) -> String {
        var lines: [String] = []
        lines.append("Procedures (CPT)")
        if report.procedures.isEmpty { lines.append("  none suggested") }
        for (index, suggestion) in report.procedures.enumerated() {
            let modifiers = suggestion.modifiers.isEmpty ? "" : "-" + suggestion.modifiers.joined(separator: "-")
            lines.append("  \(index + 1). \(suggestion.code)\(modifiers)  \(suggestion.descriptor)  [confidence \(format(suggestion.confidence))]")
            if !suggestion.evidence.isEmpty {
                lines.append("     evidence: " + suggestion.evidence.prefix(6).map { "\"\(oneLine($0))\"" }.joined(separator: ", "))
            }
        }
        lines.append("")
        lines.append("Diagnoses (ICD-10-CM)")
        if report.diagnoses.isEmpty { lines.append("  none found") }
        for suggestion in report.diagnoses {
            lines.append("  \(suggestion.code)  \(suggestion.descriptor)")
            if !suggestion.evidence.isEmpty {
                lines.append("     evidence: " + suggestion.evidence.map { "\"\(oneLine($0))\"" }.joined(separator: ", "))
            }
        }
        if !report.alternatives.isEmpty {
            lines.append("")
            lines.append("Considered")
            for alternative in report.alternatives.prefix(8) { lines.append("  \(alternative.code)  \(alternative.reason)") }
        }
        if !report.warnings.isEmpty {
            lines.append("")
            lines.append("Warnings")
            for warning in report.warnings { lines.append("  - [\(warning.kind)] \(warning.message)") }
        }
        if !report.queries.isEmpty {
            lines.append("")
            lines.append("Questions for the surgeon")
            for query in report.queries { lines.append("  - [\(query.topic)] \(query.question)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
