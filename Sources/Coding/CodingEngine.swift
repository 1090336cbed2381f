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
        ReportBuilder(knowledgeBase: knowledgeBase, narrative: analyzed, features: features, laterality: laterality,
                      ranking: ranking, serviceDate: serviceDate).fill(&report)
        let diagnoses = DiagnosisCoder(knowledgeBase: knowledgeBase).code(analyzed, laterality: laterality, features: features)
        report.diagnoses = diagnoses.suggestions
        report.queries += diagnoses.queries
        report.warnings += diagnoses.warnings
        return report
    }
}
