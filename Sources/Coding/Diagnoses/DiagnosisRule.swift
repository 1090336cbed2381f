/// How a stated condition becomes an ICD-10-CM code (Resources/diagnoses/diagnosis-rules.json).
///
/// A rule names a stem of the tabular (a category or subcategory); the engine picks the
/// billable code under it from the real ICD-10-CM data: side and displacement from the
/// narrative, the best-fitting descriptive words, then the 7th character for the encounter.
struct DiagnosisRule: Codable, Sendable {
    var id: String
    /// Phrase groups, each needed (like the CPT `match.all`).
    var all: [[String]]
    /// Any of these present rules the rule out.
    var none: [String]?
    var stem: String
    /// fracture (7th character by open/closed and healing), injury (A/D/S), complication (A), none.
    var kind: String
    /// Rules sharing a group are alternatives: the first that matches wins.
    var group: String?
    /// Narrative word → word of the ICD-10-CM descriptions ("subcapital" → "intracapsular").
    var synonyms: [String: String]?
    /// Description words assumed when the narrative says nothing ("primary" osteoarthritis).
    var defaults: [String]?
    /// Indices of `all` groups that may be stated as history: the prosthesis of "s/p TKA, now
    /// arthrofibrosis" is the context of today's condition, not the condition itself.
    var context: [Int]?
    /// A sign or symptom (hip pain, a mass): coded only when no definitive diagnosis is.
    var symptom: Bool?
    /// A question for the surgeon whenever the rule is used (its stem is the unspecified code).
    var query: String?
    /// Words of direction ("posterior", "posteriorly", "posterolateral" → "other") that describe the
    /// condition only beside its own word ("posterior knee dislocation", "dislocated anteriorly"),
    /// not elsewhere in the sentence ("via a medial approach", "repair of the posterolateral corner").
    var directions: [String: String]?
    /// Indices of `all` groups that may be stated in any sentence of the narrative, not only the
    /// condition's ("Left DDH, 11 months. Closed reduction under GA …": the reduction says the hip
    /// was dislocated; "L side, aseptic loosening" of a revision THA told in another sentence).
    var anywhere: [Int]?
}

struct DiagnosisRuleFile: Codable, Sendable {
    var format: String
    var rules: [DiagnosisRule]
}

/// A class: the coder walks every rule for every narrative, and copying a struct of arrays and a
/// rule of optionals retained each of them (3% of the benchmark's time).
final class CompiledDiagnosisRule: Sendable {
    let rule: DiagnosisRule
    let all: [[Phrase]]
    let none: [Phrase]
    /// The reportable rows under the stem with the words of their descriptions (decoded once).
    let rows: [(row: Int, words: [String])]
    /// The group of a fracture rule that says the bone is broken ("fracture", "fractured", "nonunion"):
    /// a fracture pattern or classification beside the site says it too ("spiral", "Schatzker II").
    let fractureGroup: Int?
    /// Read from the rule once rather than for every narrative: whether it is a fracture's, the
    /// groups that may be history (`context`), the description words of each row, and the words
    /// its synonyms map to.
    let isFracture: Bool
    let contextGroups: Set<Int>
    let wordsByRow: [Int: [String]]
    let synonymTargets: Set<String>

    init(rule: DiagnosisRule, compiler: inout PhraseCompiler, icd: ICD10CMTable) {
        self.rule = rule
        isFracture = rule.kind == "fracture"
        contextGroups = Set(rule.context ?? [])
        synonymTargets = Set((rule.synonyms ?? [:]).values.flatMap { $0.split(separator: " ").map(String.init) })
        all = rule.all.map { $0.map { compiler.compile($0) } }
        none = (rule.none ?? []).map { compiler.compile($0) }
        fractureGroup = isFracture ? rule.all.firstIndex { $0.contains("fracture") } : nil
        rows = icd.rows(under: rule.stem).filter { icd.kind(row: $0) != "H" }.map { row in
            (row, icd.description(row: row).lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        }
        var wordsByRow: [Int: [String]] = [:]
        for (row, words) in rows { wordsByRow[row] = words }
        self.wordsByRow = wordsByRow
    }
}
