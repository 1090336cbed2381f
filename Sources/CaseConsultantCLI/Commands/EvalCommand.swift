import Coding
import Foundation

/// `caseconsultant eval`: accuracy of `suggest` on labelled JSON Lines corpora, each file reported
/// on its own (so tuning and held-out figures are never mixed).
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "measure suggestion accuracy on labelled cases (JSON Lines)"
    static let signature = CommandSignature(options: [], flags: ["json", "summary", "calibration"], maxPositionals: .max)
    static let help = """
    Usage: caseconsultant eval FILE.jsonl|DIRECTORY ... [--json] [--summary] [--calibration]

    Runs every case through `suggest` and prints top-1 and top-3 accuracy, abstention accuracy
    on out-of-range cases, further-procedure and diagnosis agreement, the precision of
    suggestions at confidence 0.9 or more, top-1 per with/without pair tag, modifiers right (cases
    with a `modifiers` label whose first code was right; `alsoModifiers` for further codes), and
    every miss.
    A directory means every *.jsonl file in it; each file is reported separately.

    A case: {"id": "...", "text": "narrative", "expect": ["27057"], "also": [...], "tags": [...], "diagnoses": [...],
             "modifiers": ["RT"], "alsoModifiers": {"27603": ["LT", "XS"]}}
    (expect empty = the engine must abstain).

    Options:
      --json      the figures and misses as JSON (an array, one object per file)
      --summary   figures only, no list of misses
      --calibration  first suggestions by confidence bucket (right/total) per file and over all
                  files named, and every wrong first suggestion at confidence 0.8 or more

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard !arguments.positionals.isEmpty else { throw CLIError.usage("name a corpus file or directory") }
        var files: [URL] = []
        for path in arguments.positionals {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.unreadableInput(path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += contents.filter { $0.hasSuffix(".jsonl") }.sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        guard !files.isEmpty else { throw CLIError.badInput("no .jsonl corpus found in \(arguments.positionals.joined(separator: " "))") }
        let engine = CodingEngine(knowledgeBase: try KnowledgeBase.load(environment: context.environment))
        var evaluations: [Evaluation] = []
        for file in files {
            evaluations.append(Evaluation.run(try EvaluationCase.load(file), name: file.lastPathComponent, engine: engine))
        }
        if arguments.has("calibration") {
            context.writeOutput(renderCalibration(evaluations))
        } else if arguments.has("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            context.writeOutput(String(decoding: try encoder.encode(evaluations), as: UTF8.self) + "\n")
        } else {
            context.writeOutput(evaluations.map { render($0, misses: !arguments.has("summary")) }.joined(separator: "\n"))
        }
        return .success
    }

    /// Confidence bucket → right/total, per file and over all files, then the confident mistakes.
    static func renderCalibration(_ evaluations: [Evaluation]) -> String {
        let bounds = Evaluation.calibrationBounds
        let labels = bounds.indices.map { index in
            index + 1 < bounds.count ? String(format: "%.2f-%.2f", bounds[index], bounds[index + 1]) : String(format: "≥%.2f", bounds[index])
        }
        func row(_ name: String, _ buckets: [Evaluation.Ratio]) -> String {
            name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + buckets.map { "\($0.correct)/\($0.total)".padding(toLength: 11, withPad: " ", startingAt: 0) }.joined()
        }
        var total = bounds.map { _ in Evaluation.Ratio(correct: 0, total: 0) }
        var lines = [row("confidence", []) + labels.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined()]
        for evaluation in evaluations {
            lines.append(row(evaluation.name, evaluation.calibration))
            for index in total.indices {
                total[index].correct += evaluation.calibration[index].correct
                total[index].total += evaluation.calibration[index].total
            }
        }
        if evaluations.count > 1 { lines.append(row("all", total)) }
        let high = total.indices.filter { bounds[$0] >= 0.9 }.reduce(into: Evaluation.Ratio(correct: 0, total: 0)) {
            $0.correct += total[$1].correct
            $0.total += total[$1].total
        }
        lines.append(String(format: "confidence ≥ 0.9: %d/%d right (%.1f%%)", high.correct, high.total, high.value * 100))
        lines.append("wrong first suggestions at confidence ≥ 0.8:")
        for evaluation in evaluations {
            for miss in evaluation.misses where (miss.confidence ?? 0) >= 0.8 && miss.problem != "missing further procedure" {
                lines.append(String(format: "  %.2f  %@ %@: expected %@, got %@", miss.confidence ?? 0, evaluation.name, miss.id,
                                    miss.expected.isEmpty ? "(abstain)" : miss.expected.joined(separator: "|"), miss.got.joined(separator: " ")))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ evaluation: Evaluation, misses: Bool) -> String {
        func ratio(_ value: Evaluation.Ratio) -> String {
            value.total == 0 ? "n/a" : String(format: "%.1f%% (%d/%d)", value.value * 100, value.correct, value.total)
        }
        var lines = ["\(evaluation.name): \(evaluation.cases) cases"]
        lines.append("  top-1            \(ratio(evaluation.top1))")
        lines.append("  top-3            \(ratio(evaluation.top3))")
        lines.append("  abstention       \(ratio(evaluation.abstention))")
        lines.append("  also-procedures  \(ratio(evaluation.also))")
        lines.append("  nothing extra    \(ratio(evaluation.nothingExtra))")
        lines.append("  diagnoses        \(ratio(evaluation.diagnoses))")
        lines.append("  confidence≥0.9   \(ratio(evaluation.highConfidence)) right")
        if evaluation.modifiers.total > 0 { lines.append("  modifiers right  \(ratio(evaluation.modifiers))") }
        if evaluation.alsoModifiers.total > 0 { lines.append("  also-modifiers   \(ratio(evaluation.alsoModifiers))") }
        let pairs = evaluation.pairs.sorted { $0.key < $1.key }
        if !pairs.isEmpty {
            let perfect = pairs.filter { $0.value.correct == $0.value.total }.count
            lines.append("  pairs            \(perfect)/\(pairs.count) tags all right")
            for (tag, value) in pairs where value.correct < value.total { lines.append("    \(tag): \(ratio(value))") }
        }
        if misses, !evaluation.misses.isEmpty {
            lines.append("  misses:")
            for miss in evaluation.misses {
                let got = miss.got.isEmpty ? "(abstained)" : miss.got.joined(separator: " ")
                let confidence = miss.confidence.map { String(format: " conf %.2f", $0) } ?? ""
                lines.append("    \(miss.id): \(miss.problem); expected \(miss.expected.isEmpty ? "(abstain)" : miss.expected.joined(separator: "|")), got \(got)\(confidence)")
            }
        }
        if misses, !evaluation.diagnosisMisses.isEmpty {
            lines.append("  diagnosis misses:")
            for miss in evaluation.diagnosisMisses {
                lines.append("    \(miss.id): expected \(miss.expected.joined(separator: " ")), got \(miss.got.isEmpty ? "(none)" : miss.got.joined(separator: " "))")
            }
        }
        if misses, !evaluation.modifierMisses.isEmpty {
            lines.append("  modifier misses:")
            for miss in evaluation.modifierMisses {
                lines.append("    \(miss.id): \(miss.problem); expected [\(miss.expected.joined(separator: " "))], got [\(miss.got.joined(separator: " "))]")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
