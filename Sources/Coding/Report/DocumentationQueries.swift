/// What a consultant would ask the surgeon when the note leaves the code open.
enum DocumentationQueries {
    static func forProcedure(_ winner: ProcedureEntry, candidate: ScoredCandidate, rivals: [ScoredCandidate],
                             knowledgeBase: KnowledgeBase, features: DetectedFeatures, sides: Set<Side>) -> [DocumentationQuery] {
        var queries: [DocumentationQuery] = []
        if sides.isEmpty, winner.laterality == "side" || winner.laterality == "bilateral-50" {
            queries.append(DocumentationQuery(topic: "laterality", question: "Which side was operated on (right, left or both)? \(winner.code) is reported with RT or LT (or 50 for both sides)."))
        }
        var rivalEntries = rivals.map { knowledgeBase.compiled[$0.entryIndex].entry }
        // Neighbours the knowledge base names count too when the narrative did not make them
        // candidates: "ORIF trimalleolar fracture" says nothing of the posterior lip, and 27823
        // (which needs it fixed) is exactly what the surgeon should be asked about.
        for related in winner.related ?? [] where !rivalEntries.contains(where: { $0.code == related.code }) {
            if let entry = knowledgeBase.procedure(related.code) { rivalEntries.append(entry) }
        }
        var asked: Set<String> = []
        for fact in candidate.facts where fact.outcome == .undocumented {
            // A primary arthroplasty is what a replacement is unless the note hints at an earlier
            // one or at hardware in the joint ("failed UKA", "spacer", "removal of the DHS"): a
            // consultant asks about a revision only then, not on every plain "Right TKA".
            if fact.key == "revision", fact.required == .bool(false), fact.documented != FactMatcher.hintedOnly { continue }
            // A unicompartmental knee is not asked whether both compartments were replaced.
            if fact.key == "bothTibiofemoralCompartments", fact.required == .bool(false) { continue }
            // Only facts on which a competing code differs decide anything; one question per topic
            // ("debridement" and "nonviable muscle debridement" are one question).
            let differing = rivalEntries.filter { $0.facts[fact.key] != nil && $0.facts[fact.key] != fact.required }
            guard let rival = differing.first, asked.insert(fact.key == "posteriorLipFixation" ? fact.key : topic(fact.key)).inserted else { continue }
            queries.append(DocumentationQuery(topic: topic(fact.key), question: question(fact.key, winner: winner.code, rival: rival.code)))
        }
        let prosthesisPlaced = winner.approach == "open" && features.state("prostheticReplacement").present
        if features.effectiveApproach == nil, winner.action == "fracture-treatment", !prosthesisPlaced,
           rivalEntries.contains(where: { $0.approach != winner.approach }) {
            queries.append(DocumentationQuery(topic: "approach", question: "Was the fracture treated closed, percutaneously or open? The note does not say; \(winner.code) assumes \(winner.approach)."))
        } else if impliedPercutaneous(winner, features: features), let open = rivalEntries.first(where: { $0.approach == "open" }) {
            queries.append(DocumentationQuery(topic: "approach", question: "Were the implants placed percutaneously (stab incisions) or through an open exposure? The note names only the implant; it decides between \(winner.code) and \(open.code)."))
        }
        return queries
    }

    /// A percutaneous code chosen on the implant alone ("cannulated screws", "K-wires"), with no word
    /// of the approach and no open approach documented.
    static func impliedPercutaneous(_ winner: ProcedureEntry, features: DetectedFeatures) -> Bool {
        winner.approach == "percutaneous" && features.effectiveApproach == "percutaneous" && !features.state("percutaneousStated").present
    }

    static func topic(_ key: String) -> String {
        switch key {
        case "nonviableMuscleDebridement", "debridement": "debridement"
        case "compartments", "multipleCompartments": "compartments"
        case "posteriorLipFixation": "fixation"
        case "fixation": "fixation"
        case "anesthesia": "anesthesia"
        case "manipulation": "manipulation"
        default: key
        }
    }

    static func question(_ key: String, winner: String, rival: String) -> String {
        switch key {
        case "nonviableMuscleDebridement", "debridement":
            "Was any nonviable muscle (or other tissue) debrided? The note does not say; it decides between \(winner) and \(rival)."
        case "compartments":
            "Which compartments were released (anterior, lateral, superficial and deep posterior)? It decides between \(winner) and \(rival)."
        case "fixation":
            "What fixation was used (none, percutaneous pins or screws, plate and screws, intramedullary nail, external fixator)? It decides between \(winner) and \(rival)."
        case "anesthesia":
            "Was the manipulation done under anesthesia (general, spinal or regional)? It decides between \(winner) and \(rival)."
        case "manipulation":
            "Was the fracture or dislocation reduced (manipulated)? It decides between \(winner) and \(rival)."
        case "posteriorLipFixation":
            "Was the posterior malleolus (posterior lip) fragment fixed? The note does not say; it decides between \(winner) and \(rival)."
        case "multipleCompartments":
            "How many compartments were released (one, or two or more)? It decides between \(winner) and \(rival)."
        default:
            "The note does not say whether there was \(FactMatcher.phrase(for: key)); it decides between \(winner) and \(rival)."
        }
    }
}
