import Coding

/// The Coding engine behind the desk's suggestion seam.
public struct CodingSuggester: CaseSuggester {
    let engine: CodingEngine

    public init(engine: CodingEngine) { self.engine = engine }

    /// The bundled knowledge base with the deployment's files on top (bundled alone when none).
    public static func load(_ files: KnowledgeBaseFiles) throws -> CodingSuggester {
        CodingSuggester(engine: CodingEngine(knowledgeBase: try KnowledgeBase.load(files)))
    }

    public func analyse(_ narrative: String) -> CaseAnalysis {
        let report = engine.suggest(narrative)
        func code(_ item: CodeSuggestion) -> CaseAnalysis.Code {
            .init(code: item.code, descriptor: item.descriptor, summary: item.summary, confidence: item.confidence,
                  modifiers: item.modifiers, evidence: item.evidence)
        }
        return CaseAnalysis(
            procedures: report.procedures.map(code), diagnoses: report.diagnoses.map(code),
            alternatives: report.alternatives.map { .init(code: $0.code, descriptor: $0.descriptor, reason: $0.reason) },
            warnings: report.warnings.map { .init(kind: $0.kind, message: $0.message, codes: $0.codes) },
            queries: report.queries.map { .init(topic: $0.topic, question: $0.question) })
    }
}
