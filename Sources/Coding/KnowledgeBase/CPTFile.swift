/// One `cpt-*.json` file: a section of the code range with its entries.
struct CPTFile: Codable, Sendable {
    static let format = "caseconsultant-cpt/1"
    var format: String
    var section: String?
    /// Extension (docs/knowledge-base.md): how the engine recognises facts this file's entries
    /// name beyond the standard list, e.g. "posteriorLipFixation": ["posterior malleolus fixed", …].
    /// Phrases are negation-aware: "posterior malleolus was not fixed" documents the fact as false.
    var detect: [String: [String]]?
    /// Extension (docs/knowledge-base.md "includes"): steps added to codes defined in this or an
    /// earlier file, by code, without replacing their entries (a deployment's own bundling list).
    var includes: [String: [IncludedStep]]?
    var entries: [ProcedureEntry]
}

/// The closed vocabularies of the format; validation names the allowed values in its errors.
enum CPTVocabulary {
    static let actions: Set<String> = [
        "incision", "drainage", "decompression", "excision", "biopsy", "tumor-excision", "radical-resection",
        "debridement", "introduction-injection", "removal-foreign-body", "removal-implant", "repair",
        "reconstruction", "tenotomy", "tendon-lengthening", "tendon-transfer", "osteotomy", "arthroplasty",
        "arthrodesis", "arthrotomy", "synovectomy", "fracture-treatment", "dislocation-treatment",
        "manipulation", "amputation", "disarticulation", "epiphyseal-arrest", "graft", "fasciotomy",
        "capsulotomy", "neurectomy", "other", "unlisted",
    ]
    static let approaches: Set<String> = ["open", "closed", "percutaneous", "arthroscopic", "endoscopic", "any"]
    static let lateralities: Set<String> = ["side", "bilateral-50", "inherent-bilateral", "none"]
    static let fixations: Set<String> = ["internal", "external", "intramedullary", "plate-screws", "percutaneous", "none"]
    static let globalDays: Set<Int> = [0, 10, 90]
}
