/// How one fact of an entry compares with what the narrative documents.
struct FactComparison: Sendable {
    enum Outcome: Sendable { case agrees, contradicts, undocumented, notDetectable }
    var key: String
    var required: FactValue
    var outcome: Outcome
    var score: Double
    var evidence: Phrase.Hit?
    /// What the narrative shows for this fact, in words for a reason or a query.
    var documented: String
}

/// Compares entry facts and approach with detected features. The numbers are the engine's
/// scoring weights: agreement adds, contradiction subtracts more, silence costs a little for a
/// fact the code requires and gains a little for a fact it rules out (absence is the default).
enum FactMatcher {
    static let standardDetectable: Set<String> = [
        "manipulation", "anesthesia", "debridement", "nonviableMuscleDebridement", "graft", "revision", "traumatic",
        "bilateral", "tractionOrSkeletalPins", "arthrotomy", "deep", "radicalResection", "imageGuidance", "boneTumor",
        "prophylactic", "osteotomy", "multipleTendons",
    ]

    static func compare(_ key: String, _ value: FactValue, features: DetectedFeatures, bilateralBySide: Bool, detectable: Set<String>) -> FactComparison {
        if let threshold = sizeThreshold(key), case .bool(let required) = value { return size(key, threshold, required, features) }
        switch (key, value) {
        case ("fixation", .string(let required)):
            return fixation(required, features)
        case ("components", .string(let required)):
            let state = features.state("components:" + required)
            let other = features.state("components:" + (required == "one" ? "both" : "one"))
            if state.present { return .init(key: key, required: value, outcome: .agrees, score: 1.5 * state.weight, evidence: state.evidence, documented: required) }
            if other.present { return .init(key: key, required: value, outcome: .contradicts, score: -2.5 * other.weight, evidence: other.evidence, documented: required == "one" ? "both" : "one") }
            return .init(key: key, required: value, outcome: .undocumented, score: required == "both" ? 0.1 : -0.1, evidence: nil, documented: "not stated")
        case ("compartments", _):
            return compartments(value, features)
        case (_, .bool(let required)):
            return boolean(key, required, features, bilateralBySide: bilateralBySide, detectable: detectable)
        default:
            return .init(key: key, required: value, outcome: .notDetectable, score: 0, evidence: nil, documented: "")
        }
    }

    private static func boolean(_ key: String, _ required: Bool, _ features: DetectedFeatures, bilateralBySide: Bool, detectable: Set<String>) -> FactComparison {
        guard detectable.contains(key) else {
            return .init(key: key, required: .bool(required), outcome: .notDetectable, score: 0, evidence: nil, documented: "")
        }
        var state = features.state(key)
        // Facts with a named opposite: primary vs revision, developmental vs traumatic.
        if key == "revision", !state.present, features.state("primary").present { state.negated = true }
        // "no fracture" says nothing about whether the cause was trauma: only the opposite words count.
        if key == "traumatic" { state.negated = false }
        if key == "traumatic", features.state("nontraumatic").present {
            if !state.present || features.state("nontraumatic").weight >= state.weight { state = .init(weight: 0, negated: true, evidence: features.state("nontraumatic").evidence) }
        }
        // "Patellectomy for a painful nonunion two years after the fracture": a code for a
        // non-acute condition is not contradicted by the injury the nonunion comes from.
        if key == "traumatic", !required, state.present, features.state("lateCondition").present { state = .init() }
        if key == "bilateral", bilateralBySide, !state.present { state.weight = 0.85 }
        // A fracture held in skeletal traction, with no word that it was not reduced, was brought
        // into place by the pull through the pin ("distal femoral pin, longitudinal and lateral
        // traction; femoral head back under the dome"): the closed treatment with manipulation
        // whose code includes the traction. "Skeletal traction only, no reduction" keeps its denial.
        if key == "manipulation", !state.present, !state.negated {
            let traction = features.state("skeletalTraction")
            if traction.present { state = .init(weight: 0.8 * traction.weight, negated: false, evidence: traction.evidence) }
        }
        // "No debridement", "nothing was excised": no dead muscle was removed either.
        if key == "nonviableMuscleDebridement", !state.present,
           features.state("debridement").negated || (features.state("tissueRemoval").negated && !features.state("tissueRemoval").present) {
            state.negated = true
        }
        // "Posterior malleolus not fixed", "posterior fragment left alone": what the fact is about
        // (its `hint:` words) stated as not done, and nothing says it was.
        let hint = features.state("hint:" + key)
        if !state.present, hint.negated, hint.weight < 0.5 { state.negated = true }
        let value = FactValue.bool(required)
        if state.present {
            return required
                ? .init(key: key, required: value, outcome: .agrees, score: 1.6 * state.weight, evidence: state.evidence, documented: "documented")
                : .init(key: key, required: value, outcome: .contradicts, score: -3.0 * state.weight, evidence: state.evidence, documented: "documented")
        }
        if state.negated {
            return required
                ? .init(key: key, required: value, outcome: .contradicts, score: -3.5, evidence: nil, documented: "stated as not done")
                : .init(key: key, required: value, outcome: .agrees, score: 1.2, evidence: nil, documented: "stated as not done")
        }
        // A `detect` key "hint:FACT" names what the fact is about ("posterior malleolus"): the note
        // speaks of it without saying whether it was done, which is a question, not silence.
        let hinted = state.hinted || features.state("hint:" + key).weight >= 0.5
        return .init(key: key, required: value, outcome: .undocumented, score: required ? -0.8 : 0.3, evidence: nil,
                     documented: hinted ? Self.hintedOnly : "not documented")
    }

    /// `documented` of a fact the narrative hints at without documenting it ("muscle dusky").
    static let hintedOnly = "described, but not documented as done"

    /// "sizeAtLeast5cm" → 5: facts about the size of a lesion, read from the measurements.
    static func sizeThreshold(_ key: String) -> Double? {
        guard key.hasPrefix("sizeAtLeast"), key.hasSuffix("cm") else { return nil }
        return Double(key.dropFirst("sizeAtLeast".count).dropLast(2))
    }

    private static func size(_ key: String, _ threshold: Double, _ required: Bool, _ features: DetectedFeatures) -> FactComparison {
        guard let size = features.largestSizeCM else {
            return .init(key: key, required: .bool(required), outcome: .undocumented, score: required ? -0.4 : 0.2, evidence: nil, documented: "size not stated")
        }
        let documented = "\(size.formatted()) cm"
        let agrees = (size >= threshold) == required
        return .init(key: key, required: .bool(required), outcome: agrees ? .agrees : .contradicts, score: agrees ? 1.6 : -2.5, evidence: nil, documented: documented)
    }

    private static func fixation(_ required: String, _ features: DetectedFeatures) -> FactComparison {
        let found = features.fixations
        let value = FactValue.string(required)
        let described = found.isEmpty ? "none documented" : found.sorted().joined(separator: ", ")
        if required == "none" {
            if found.isEmpty { return .init(key: "fixation", required: value, outcome: features.fixationNegated ? .agrees : .undocumented, score: features.fixationNegated ? 1.2 : 0.3, evidence: nil, documented: described) }
            return .init(key: "fixation", required: value, outcome: .contradicts, score: -2.5, evidence: evidence(found, features), documented: described)
        }
        if found.contains(required) {
            return .init(key: "fixation", required: value, outcome: .agrees, score: 1.6, evidence: features.state("fixation:" + required).evidence, documented: described)
        }
        if found.isEmpty {
            // "No fixation possible today": the code's fixation is stated as not done.
            if features.fixationNegated {
                return .init(key: "fixation", required: value, outcome: .contradicts, score: -2.5, evidence: nil, documented: described)
            }
            return .init(key: "fixation", required: value, outcome: .undocumented, score: -0.8, evidence: nil, documented: described)
        }
        return .init(key: "fixation", required: value, outcome: .contradicts, score: -2.0, evidence: evidence(found, features), documented: described)
    }

    private static func evidence(_ found: Set<String>, _ features: DetectedFeatures) -> Phrase.Hit? {
        found.sorted().compactMap { features.state("fixation:" + $0).evidence }.first
    }

    private static func compartments(_ value: FactValue, _ features: DetectedFeatures) -> FactComparison {
        let found = features.compartments
        let described = found.isEmpty ? "not stated" : found.sorted().joined(separator: ", ")
        // The leg's two sides, front and outer (anterior, lateral) and back (posterior): a code that
        // needs a side released is ruled out when the note says every compartment of that side it
        // lists was not ("posterior compartments left alone" against a four-compartment code),
        // whatever else was released. One of two left ("lateral soft and left alone") is not enough.
        if case .list(let names) = value, !features.state("compartment:all").present {
            let listed = Set(names.map { $0.lowercased() }.compactMap { name in
                ["posterior", "anterior", "lateral"].first { name.contains($0) }
            })
            func refused(_ name: String) -> Bool { features.state("compartment:" + name).negated && !features.state("compartment:" + name).present }
            let front = listed.intersection(["anterior", "lateral"])
            if (listed.contains("posterior") && refused("posterior")) || (!front.isEmpty && front.allSatisfy(refused)) {
                return .init(key: "compartments", required: value, outcome: .contradicts, score: -2.5, evidence: nil, documented: described)
            }
        }
        guard !found.isEmpty else {
            return .init(key: "compartments", required: value, outcome: .undocumented, score: 0, evidence: nil, documented: described)
        }
        let required: Set<String>
        switch value {
        case .list(let names):
            required = Set(names.map { name in
                let lower = name.lowercased()
                if lower.contains("posterior") { return "posterior" }
                if lower.contains("anterior") { return "anterior" }
                if lower.contains("lateral") { return "lateral" }
                return lower
            })
        case .number(let count):
            // A count: compare with how many are named (all four = anterior, lateral, two posterior).
            let named = found.contains("posterior") ? found.count + 1 : found.count
            let agrees = Int(count) == named || (Int(count) >= 3 && named >= 3)
            return .init(key: "compartments", required: value, outcome: agrees ? .agrees : .contradicts, score: agrees ? 1.5 : -2.0, evidence: nil, documented: described)
        default:
            return .init(key: "compartments", required: value, outcome: .notDetectable, score: 0, evidence: nil, documented: described)
        }
        let covered = found.isSubset(of: required)
        let overlap = Double(found.intersection(required).count) / Double(max(required.count, 1))
        if covered { return .init(key: "compartments", required: value, outcome: .agrees, score: 1.0 + overlap, evidence: nil, documented: described) }
        return .init(key: "compartments", required: value, outcome: .contradicts, score: -2.5 + overlap, evidence: nil, documented: described)
    }

    static let arthroscopicPenalty = 4.0

    /// How well the documented approach fits the entry's.
    /// `treatsInjury`: the code treats a fracture or a dislocation, whose named exposure is its open approach.
    static func approach(_ required: String, _ features: DetectedFeatures, sentences: Set<Int>, clauses: Set<Int> = [],
                         treatsInjury: Bool = false) -> (score: Double, documented: String?) {
        let effective = features.effectiveApproach(near: sentences, clauses: clauses, namedIsOpen: treatsInjury)
        let arthroscopic = features.state("approach:arthroscopic").weight
        switch required {
        case "arthroscopic":
            return arthroscopic > 0 ? (2.0 * arthroscopic, "arthroscopic") : (-3.0, effective)
        case "endoscopic":
            let endoscopic = features.state("approach:endoscopic").weight
            return endoscopic > 0 ? (2.0 * endoscopic, "endoscopic") : (-3.0, effective)
        case "any":
            return (0, effective)
        default:
            var score: Double
            switch (required, effective) {
            // Closed treatment is care too: a cast, a splint, a brace or "nonoperative" is expected.
            // A fracture merely named (its wound washed out, say) is not its closed treatment.
            // A reduction not said to be open or percutaneous ("knee dislocation reduced") is closed.
            case (_, nil):
                // So is care said in other words ("donut cushion", "bed rest"), and a note that says the
                // fracture was not reduced: that is the closed treatment without manipulation.
                let closedCare = features.state("immobilization").present || features.state("manipulation").present
                    || features.state("manipulation").negated || features.state("conservativeCare").present
                    // A limb set up in skeletal traction, nothing opened or fixed, is treated closed.
                    || features.state("tractionOrSkeletalPins").present
                // A closed reduction said to have failed ("tried two times but could not reduce"), then
                // a named exposure ("therefore posterior approach was done"): the closed care was not
                // the treatment.
                let closedFailed = treatsInjury && features.state("approach:closed").negated && !features.state("approach:closed").present
                    && !(features.approachSentences["named"] ?? []).isEmpty
                score = required == "closed" ? (closedCare && !closedFailed ? 0.5 : -1.5) : -0.3
            case let (a, b?) where a == b: score = 2.0
            // Closed treatment "with or without percutaneous fixation" is common wording: pins
            // alone do not contradict a closed code as much as an open exposure does.
            case ("closed", "percutaneous"?): score = -1.0
            case ("closed", _): score = -2.5
            case ("percutaneous", "closed"?): score = -1.0
            case ("open", "percutaneous"?): score = -2.0
            case ("open", "closed"?): score = -2.5
            case ("percutaneous", "open"?): score = -2.5
            default: score = -1.5
            }
            // Every arthroscopic procedure has a code of its own outside this range (29805-29999,
            // arthroscopically aided fracture care included): arthroscopy without an open
            // exposure is not this code's approach.
            if arthroscopic >= 0.5, effective != "open" { score -= arthroscopicPenalty }
            return (score, effective)
        }
    }

    /// Words for a fact in reasons and queries.
    static func phrase(for key: String) -> String {
        switch key {
        case "manipulation": "manipulation (reduction)"
        case "anesthesia": "anesthesia for the manipulation"
        case "debridement": "debridement"
        case "nonviableMuscleDebridement": "debridement of nonviable muscle"
        case "graft": "bone graft"
        case "revision": "revision of earlier surgery"
        case "traumatic": "a traumatic cause"
        case "bilateral": "treatment of both sides"
        case "tractionOrSkeletalPins": "skeletal traction or pins"
        case "arthrotomy": "an arthrotomy"
        case "fixation": "fixation"
        case "components": "the components revised"
        case "compartments": "the compartments released"
        case _ where key.hasPrefix("sizeAtLeast") && key.hasSuffix("cm"):
            "size at least \(key.dropFirst("sizeAtLeast".count).dropLast(2)) cm"
        default:
            // lowerCamelCase → words
            key.reduce(into: "") { text, character in
                if character.isUppercase { text += " " + character.lowercased() } else { text.append(character) }
            }
        }
    }
}
