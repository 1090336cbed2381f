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
        let (analyzed, features, laterality, ranking) = rank(narrative)
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
    /// The narrative read, its facts and sides, and its procedures ranked. An operating record whose
    /// only procedure words stand in its administrative fields (an intra-op nursing record: "Side: LEFT",
    /// times, then "Implants: Fibula - 1/3 tubular plate … Medial malleolus - 4.0 cannulated x2"; a
    /// specimen line under a header) documents the operation in those fields: when nothing else
    /// documents a procedure, they are read again as the note's own words. Their scope (a plan, a
    /// booking, history) stays as it was.
    func rank(_ narrative: String) -> (AnalyzedNarrative, DetectedFeatures, LateralityReader, ProcedureRanker.Ranking) {
        let ranker = ProcedureRanker(knowledgeBase: knowledgeBase)
        let analyzed = knowledgeBase.analyzer.analyze(narrative)
        let features = FeatureDetector.detect(analyzed, features: knowledgeBase.features)
        let laterality = LateralityReader(analyzed)
        let ranking = ranker.rank(analyzed, features: features, laterality: laterality)
        guard ranking.selected.isEmpty, analyzed.tokens.contains(where: { $0.section == .administrative && $0.isAffirmed }) else {
            return (analyzed, features, laterality, ranking)
        }
        let fields = AnalyzedNarrative(text: analyzed.text, tokens: analyzed.tokens.map { token in
            var token = token
            if token.section == .administrative { token.section = .general }
            return token
        })
        let fieldFeatures = FeatureDetector.detect(fields, features: knowledgeBase.features)
        let fieldLaterality = LateralityReader(fields)
        let fieldRanking = ranker.rank(fields, features: fieldFeatures, laterality: fieldLaterality)
        guard !fieldRanking.selected.isEmpty else { return (analyzed, features, laterality, ranking) }
        return (fields, fieldFeatures, fieldLaterality, fieldRanking)
    }

    /// Every candidate with its score and what went into it, best first: for tuning and for
    /// explaining a ranking (`caseconsultant suggest --explain`).
    public func explain(_ narrative: String) -> [String] {
        let (analyzed, features, _, ranking) = rank(narrative)
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
