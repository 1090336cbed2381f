import Coding
import Foundation

/// `caseconsultant code`: one CPT or ICD-10-CM code explained.
enum CodeCommand: Command {
    static let name = "code"
    static let summary = "show one code: descriptor, summary, related codes, notes"
    static let signature = CommandSignature(options: [], flags: ["json"], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant code CODE [--json]

    Shows a CPT code of the knowledge base (descriptor and summary in the project's own words,
    facts, laterality, related codes and when to prefer them, typical diagnoses, global days,
    notes) or an ICD-10-CM code (description, billable or not, inclusion terms, excludes notes).

    Examples:
      caseconsultant code 27236
      caseconsultant code S72.001A

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let raw = arguments.positionals.first else { throw CLIError.usage("name a code, e.g. 27236 or S72.001A") }
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let knowledgeBase = try KnowledgeBase.load(environment: context.environment)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let entry = knowledgeBase.procedure(code) {
            if arguments.has("json") {
                context.writeOutput(String(decoding: try encoder.encode(entry), as: UTF8.self) + "\n")
            } else {
                context.writeOutput(render(entry, knowledgeBase: knowledgeBase))
            }
            return .success
        }
        if let entry = knowledgeBase.diagnosis(code) {
            if arguments.has("json") {
                let object: [String: String] = ["code": entry.code, "description": entry.description, "billable": String(entry.billable)]
                context.writeOutput(String(decoding: try encoder.encode(object), as: UTF8.self) + "\n")
            } else {
                var lines = ["\(entry.code)  \(entry.description)", "ICD-10-CM; " + (entry.billable ? "billable" : entry.needsSeventhCharacter ? "needs a 7th character" : "a category, not billable: use a code under it")]
                if !entry.inclusionTerms.isEmpty { lines.append("Includes: " + entry.inclusionTerms.joined(separator: "; ")) }
                if !entry.excludes1.isEmpty { lines.append("Excludes1: " + entry.excludes1.joined(separator: "; ")) }
                if !entry.excludes2.isEmpty { lines.append("Excludes2: " + entry.excludes2.joined(separator: "; ")) }
                context.writeOutput(lines.joined(separator: "\n") + "\n")
            }
            return .success
        }
        throw CLIError.badInput("\(raw) is neither a CPT code of the knowledge base (27000-27899) nor an ICD-10-CM code; try 'caseconsultant search'")
    }

    static func render(_ entry: ProcedureEntry, knowledgeBase: KnowledgeBase) -> String {
        var lines = ["\(entry.code)  \(entry.descriptor)", "", entry.summary, ""]
        lines.append("Anatomy: \(entry.anatomy.joined(separator: ", "))   Action: \(entry.action)   Approach: \(entry.approach)")
        if !entry.facts.isEmpty {
            lines.append("Facts: " + entry.facts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        let laterality = ["side": "one side: RT/LT", "bilateral-50": "RT/LT; modifier 50 for both sides",
                          "inherent-bilateral": "the code covers both sides", "none": "no side"][entry.laterality] ?? entry.laterality
        lines.append("Laterality: \(laterality)" + (entry.globalDays.map { "   Global days: \($0)" } ?? "")
                     + (entry.isAddOn ? "   Add-on code" : "") + (entry.isUnlisted ? "   Unlisted procedure" : ""))
        if let feeSchedule = knowledgeBase.feeSchedule, let indicators = feeSchedule.byCode[entry.code] {
            let listed = [indicators.bilateral.map { "BILAT SURG \($0.rawValue)" }, indicators.globalPeriod.map { "GLOB DAYS \($0)" }]
            lines.append("  (laterality and global days from the CMS fee schedule \(feeSchedule.file): \(listed.compactMap { $0 }.joined(separator: ", ")))")
        }
        if let related = entry.related, !related.isEmpty {
            lines.append("Related:")
            for item in related {
                let descriptor = knowledgeBase.procedure(item.code)?.descriptor ?? ""
                lines.append("  \(item.code)  prefer when \(item.preferWhen)" + (descriptor.isEmpty ? "" : "  (\(descriptor))"))
            }
        }
        if let diagnoses = entry.typicalDiagnoses, !diagnoses.isEmpty {
            lines.append("Typical diagnoses: " + diagnoses.map { code in
                knowledgeBase.diagnosis(code).map { "\(code) \($0.description)" } ?? code
            }.joined(separator: "; "))
        }
        if let notes = entry.notes, !notes.isEmpty {
            lines.append("Notes:")
            for note in notes { lines.append("  - \(note)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
