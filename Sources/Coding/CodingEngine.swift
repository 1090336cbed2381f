import Foundation

/// From a case narrative to CPT codes with modifiers, ICD-10-CM codes, bundling warnings and
/// documentation queries. Pure: the knowledge base is loaded once and shared.
public struct CodingEngine: Sendable {
    public let knowledgeBase: KnowledgeBase
    /// Date of service (YYYYMMDD) for NCCI edit effective dates.
    public var serviceDate: String

    public init(knowledgeBase: KnowledgeBase, serviceDate: String? = nil) {
        self.knowledgeBase = knowledgeBase
        if let serviceDate {
            self.serviceDate = serviceDate
        } else {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd"
            self.serviceDate = formatter.string(from: Date())
        }
    }

    public func suggest(_ narrative: String) -> SuggestionReport {
        let analyzed = knowledgeBase.analyzer.analyze(narrative)
        let features = FeatureDetector.detect(analyzed, features: knowledgeBase.features)
        let laterality = LateralityReader(analyzed)
        let ranking = ProcedureRanker(knowledgeBase: knowledgeBase).rank(analyzed, features: features, laterality: laterality)
        var report = SuggestionReport()
        ReportBuilder(knowledgeBase: knowledgeBase, narrative: ranking.narrative, features: features, laterality: laterality,
                      ranking: ranking, serviceDate: serviceDate).fill(&report)
        let diagnoses = DiagnosisCoder(knowledgeBase: knowledgeBase).code(analyzed, laterality: laterality, features: features)
        report.diagnoses = diagnoses.suggestions
        report.queries += diagnoses.queries
        report.warnings += diagnoses.warnings
        return report
    }
}

extension CodingEngine {
    /// Every candidate with its score and what went into it, best first: for tuning and for
    /// explaining a ranking (`caseconsultant suggest --explain`).
    public func explain(_ narrative: String) -> [String] {
        let analyzed = knowledgeBase.analyzer.analyze(narrative)
        let features = FeatureDetector.detect(analyzed, features: knowledgeBase.features)
        let laterality = LateralityReader(analyzed)
        let ranking = ProcedureRanker(knowledgeBase: knowledgeBase).rank(analyzed, features: features, laterality: laterality)
        let detected = features.states.sorted { $0.key < $1.key }.map { key, state in
            "\(key)=" + (state.present ? String(format: "%.2f", state.weight) : "") + (state.negated ? "(negated)" : "")
        }
        let header = "features: " + detected.joined(separator: " ") + " | approach: \(features.effectiveApproach ?? "none")"
        return [header] + ranking.candidates.enumerated().map { position, candidate in
            let entry = knowledgeBase.compiled[candidate.entryIndex].entry
            let facts = candidate.facts.map { "\($0.key)=\($0.required):\($0.outcome)(\(String(format: "%+.1f", $0.score)))" }
            let region = features.regionAgreement(code: entry.code)
            return String(format: "%@ %6.2f cluster %d approach %+.1f region %+.2f ", entry.code, candidate.score, ranking.cluster[position], candidate.approachScore, region)
                + "required [\(candidate.required.map { analyzed.quote($0.first, $0.last) }.joined(separator: "|"))] "
                + "any [\(candidate.supporting.map { analyzed.quote($0.first, $0.last) }.joined(separator: "|"))] "
                + facts.joined(separator: " ")
        }
    }
}
