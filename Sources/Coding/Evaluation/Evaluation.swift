/// Accuracy figures of the engine on one corpus, and every miss.
public struct Evaluation: Codable, Sendable {
    public struct Miss: Codable, Sendable, Equatable {
        public var id: String
        public var expected: [String]
        /// The first three ranked codes (suggestions, then alternatives); empty = abstained.
        public var got: [String]
        public var confidence: Double?
        public var problem: String
    }

    public struct Ratio: Codable, Sendable, Equatable {
        public var correct: Int
        public var total: Int
        public init(correct: Int, total: Int) {
            self.correct = correct
            self.total = total
        }
        public var value: Double { total == 0 ? 1 : Double(correct) / Double(total) }
    }

    public var name: String
    public var cases: Int
    public var top1: Ratio
    public var top3: Ratio
    public var abstention: Ratio
    /// Further procedures (`also`) found among the suggestions.
    public var also: Ratio
    /// Cases that state their further procedures (an `also` key, empty when there are none):
    /// how many got no procedure beyond `expect` and `also` (a planned or negated second
    /// procedure, a step included in a combined code, is not suggested).
    public var nothingExtra: Ratio
    public var diagnoses: Ratio
    /// Of first suggestions with confidence ≥ 0.9, how many were right.
    public var highConfidence: Ratio
    /// `pair:A/B` tag → top-1 on the cases so tagged.
    public var pairs: [String: Ratio]
    /// First suggestions by confidence bucket (lower bounds `calibrationBounds`): how many were right.
    public var calibration: [Ratio] = Evaluation.calibrationBounds.map { _ in Ratio(correct: 0, total: 0) }
    public var misses: [Miss]
    /// Cases whose expected ICD-10-CM codes were not all suggested (`got`: the codes suggested).
    public var diagnosisMisses: [Miss] = []
    /// Cases with a `modifiers` label whose first code was right: how many carried exactly the
    /// labelled modifiers (and, for a code reported by side, asked for the side exactly when the
    /// label has none).
    public var modifiers: Ratio = .init(correct: 0, total: 0)
    /// Codes of `alsoModifiers` that were suggested: how many carried exactly those modifiers.
    public var alsoModifiers: Ratio = .init(correct: 0, total: 0)
    /// Wrong modifiers (`expected`: the label, `got`: what the code carried; `problem` says which code).
    public var modifierMisses: [Miss] = []

    /// Whether a suggestion carries the labelled modifiers, and a laterality query is present
    /// exactly when a code reported by side has no side in the label; nil when right, else the problem.
    static func modifierProblem(expected: [String], suggestion: CodeSuggestion, report: SuggestionReport, knowledgeBase: KnowledgeBase) -> String? {
        if expected.map({ $0.uppercased() }).sorted() != suggestion.modifiers.sorted() { return "modifiers of \(suggestion.code)" }
        guard let laterality = knowledgeBase.procedure(suggestion.code)?.laterality, laterality == "side" || laterality == "bilateral-50" else { return nil }
        let asked = report.queries.contains { $0.topic == "laterality" && $0.question.contains(suggestion.code) }
        let sideless = !expected.contains { ["RT", "LT", "50"].contains($0.uppercased()) }
        if sideless, !asked { return "modifiers of \(suggestion.code): no side and no laterality query" }
        if !sideless, asked { return "modifiers of \(suggestion.code): laterality query although the side is labelled" }
        return nil
    }

    /// Lower bounds of the confidence buckets of `calibration`.
    public static let calibrationBounds: [Double] = [0, 0.5, 0.7, 0.8, 0.9, 0.95]

    public static func calibrationBucket(_ confidence: Double) -> Int {
        calibrationBounds.lastIndex { confidence >= $0 } ?? 0
    }

    public static func run(_ cases: [EvaluationCase], name: String, engine: CodingEngine) -> Evaluation {
        var evaluation = Evaluation(name: name, cases: cases.count, top1: .init(correct: 0, total: 0), top3: .init(correct: 0, total: 0),
                                    abstention: .init(correct: 0, total: 0), also: .init(correct: 0, total: 0), nothingExtra: .init(correct: 0, total: 0),
                                    diagnoses: .init(correct: 0, total: 0), highConfidence: .init(correct: 0, total: 0), pairs: [:], misses: [])
        for item in cases {
            let report = engine.suggest(item.text)
            let first = report.procedures.first
            let ranked = Array(report.rankedCodes.prefix(3))
            let right: Bool
            if item.expect.isEmpty {
                right = report.procedures.isEmpty
                evaluation.abstention.total += 1
                if right { evaluation.abstention.correct += 1 } else {
                    evaluation.misses.append(.init(id: item.id, expected: [], got: ranked, confidence: first?.confidence, problem: "should abstain"))
                }
            } else {
                right = first.map { item.expect.contains($0.code) } ?? false
                evaluation.top1.total += 1
                evaluation.top3.total += 1
                if right { evaluation.top1.correct += 1 }
                // Conservative: a report that abstained suggested nothing, whatever it lists as considered.
                if !report.procedures.isEmpty, ranked.contains(where: item.expect.contains) { evaluation.top3.correct += 1 }
                if !right {
                    evaluation.misses.append(.init(id: item.id, expected: item.expect, got: report.procedures.isEmpty ? [] : ranked,
                                                   confidence: first?.confidence, problem: report.procedures.isEmpty ? "abstained" : "wrong first code"))
                }
            }
            if let first {
                let bucket = calibrationBucket(first.confidence)
                evaluation.calibration[bucket].total += 1
                if right { evaluation.calibration[bucket].correct += 1 }
            }
            if let first, first.confidence >= 0.9 {
                evaluation.highConfidence.total += 1
                if right { evaluation.highConfidence.correct += 1 }
            }
            for tag in item.tags ?? [] where tag.hasPrefix("pair:") {
                evaluation.pairs[tag, default: .init(correct: 0, total: 0)].total += 1
                if right { evaluation.pairs[tag]!.correct += 1 }
            }
            if let also = item.also, !also.isEmpty {
                evaluation.also.total += 1
                let suggested = Set(report.procedures.map(\.code))
                if also.allSatisfy(suggested.contains) { evaluation.also.correct += 1 } else if right {
                    evaluation.misses.append(.init(id: item.id, expected: also, got: report.procedures.map(\.code), confidence: nil, problem: "missing further procedure"))
                }
            }
            if let also = item.also, !report.procedures.isEmpty {
                evaluation.nothingExtra.total += 1
                let extra = report.procedures.map(\.code).filter { !item.expect.contains($0) && !also.contains($0) }
                if extra.isEmpty { evaluation.nothingExtra.correct += 1 } else {
                    evaluation.misses.append(.init(id: item.id, expected: item.expect + also, got: report.procedures.map(\.code), confidence: nil, problem: "procedure suggested beyond expect and also"))
                }
            }
            if let expected = item.modifiers, right, let first {
                evaluation.modifiers.total += 1
                if let problem = modifierProblem(expected: expected, suggestion: first, report: report, knowledgeBase: engine.knowledgeBase) {
                    evaluation.modifierMisses.append(.init(id: item.id, expected: expected, got: first.modifiers, confidence: nil, problem: problem))
                } else {
                    evaluation.modifiers.correct += 1
                }
            }
            for (code, expected) in (item.alsoModifiers ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let suggestion = report.procedures.first(where: { $0.code == code }) else { continue }
                evaluation.alsoModifiers.total += 1
                if let problem = modifierProblem(expected: expected, suggestion: suggestion, report: report, knowledgeBase: engine.knowledgeBase) {
                    evaluation.modifierMisses.append(.init(id: item.id, expected: expected, got: suggestion.modifiers, confidence: nil, problem: problem))
                } else {
                    evaluation.alsoModifiers.correct += 1
                }
            }
            if let expected = item.diagnoses, !expected.isEmpty {
                evaluation.diagnoses.total += 1
                let suggested = Set(report.diagnoses.map { $0.code.replacingOccurrences(of: ".", with: "") })
                if expected.allSatisfy({ suggested.contains($0.replacingOccurrences(of: ".", with: "").uppercased()) }) {
                    evaluation.diagnoses.correct += 1
                } else {
                    evaluation.diagnosisMisses.append(.init(id: item.id, expected: expected, got: report.diagnoses.map(\.code), confidence: nil,
                                                            problem: "diagnoses"))
                }
            }
        }
        return evaluation
    }
}
