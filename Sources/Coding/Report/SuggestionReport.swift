/// What `suggest` returns: the JSON shape of DESIGN.md (`suggest --json`).
public struct SuggestionReport: Codable, Sendable, Equatable {
    /// CPT codes, best first. Empty when the narrative is outside the knowledge base.
    public var procedures: [CodeSuggestion]
    /// ICD-10-CM codes, each billable in the bundled tabular.
    public var diagnoses: [CodeSuggestion]
    /// Codes considered and why each was not chosen, strongest first.
    public var alternatives: [Alternative]
    public var warnings: [ReportWarning]
    public var queries: [DocumentationQuery]

    public init(procedures: [CodeSuggestion] = [], diagnoses: [CodeSuggestion] = [], alternatives: [Alternative] = [],
                warnings: [ReportWarning] = [], queries: [DocumentationQuery] = []) {
        self.procedures = procedures
        self.diagnoses = diagnoses
        self.alternatives = alternatives
        self.warnings = warnings
        self.queries = queries
    }

    /// Codes in rank order for top-k measures: the suggestions, then the alternatives.
    public var rankedCodes: [String] {
        var seen: Set<String> = []
        return (procedures.map(\.code) + alternatives.map(\.code)).filter { seen.insert($0).inserted }
    }
}

public struct CodeSuggestion: Codable, Sendable, Equatable {
    public var code: String
    public var descriptor: String
    public var summary: String
    /// 0–1; calibrated so that suggestions at 0.9 or more are right at least 95% of the time.
    public var confidence: Double
    public var modifiers: [String]
    /// The narrative's own words that support the code.
    public var evidence: [String]

    public init(code: String, descriptor: String, summary: String, confidence: Double, modifiers: [String] = [], evidence: [String] = []) {
        self.code = code
        self.descriptor = descriptor
        self.summary = summary
        self.confidence = confidence
        self.modifiers = modifiers
        self.evidence = evidence
    }
}

public struct Alternative: Codable, Sendable, Equatable {
    public var code: String
    public var descriptor: String
    /// Why it was not chosen: "27027 rather than 27057: no debridement of nonviable muscle was documented".
    public var reason: String
}

public struct ReportWarning: Codable, Sendable, Equatable {
    /// "coverage", "bundling", "modifier", "diagnosis", "knowledge-base".
    public var kind: String
    public var message: String
    public var codes: [String]
}

public struct DocumentationQuery: Codable, Sendable, Equatable {
    /// "laterality", "compartments", "debridement", "fixation", "anesthesia", "encounter", "displacement", …
    public var topic: String
    public var question: String
}
