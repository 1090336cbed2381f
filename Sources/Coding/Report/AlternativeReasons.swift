/// Says, in a coder's words, why a neighbouring code was not chosen.
enum AlternativeReasons {
    /// Why a matched neighbour was not chosen, and whether the note rules it out rather than merely
    /// supporting it less: a fact on which the two codes differ is contradicted ("fixation was
    /// documented" against a closed code), or another approach than the loser's is documented.
    static func reasonAndExclusion(winner: ProcedureEntry, winnerCandidate: ScoredCandidate, loser: ProcedureEntry,
                                   loserCandidate: ScoredCandidate, narrative: AnalyzedNarrative) -> (reason: String, ruledOut: Bool) {
        var reasons: [String] = []
        var ruledOut = false
        for fact in loserCandidate.facts where fact.outcome == .contradicts || (fact.outcome == .undocumented && fact.score < 0) {
            // Only facts on which the two codes differ explain the choice.
            if winner.facts[fact.key] == fact.required { continue }
            reasons.append(describe(fact, narrative: narrative))
            if fact.outcome == .contradicts { ruledOut = true }
        }
        if loserCandidate.approachScore < winnerCandidate.approachScore, loser.approach != winner.approach {
            if let documented = loserCandidate.approachDocumented {
                reasons.append("the treatment documented is \(documented), not \(loser.approach)")
                ruledOut = true
            } else {
                reasons.append("no \(loser.approach) treatment is documented")
            }
        }
        if reasons.isEmpty {
            reasons.append("fewer of the details that set it apart are documented")
        }
        var text = "\(winner.code) rather than \(loser.code): " + reasons.joined(separator: "; ")
        if let prefer = winner.related?.first(where: { $0.code == loser.code })?.preferWhen {
            text += " (\(loser.code) fits when \(prefer))"
        }
        return (text, ruledOut)
    }

    static func describe(_ fact: FactComparison, narrative: AnalyzedNarrative) -> String {
        let name = FactMatcher.phrase(for: fact.key)
        // After "no", without the article: "no traumatic cause", not "no a traumatic cause".
        let noName = name.hasPrefix("a ") ? String(name.dropFirst(2)) : name.hasPrefix("an ") ? String(name.dropFirst(3)) : name
        let quote = fact.evidence.map { " (\"\(narrative.quote($0.first, $0.last))\")" } ?? ""
        switch (fact.key, fact.required, fact.outcome) {
        case ("fixation", .string(let required), _):
            if required == "none" { return "fixation was documented\(quote)" }
            return fact.documented == "none documented" ? "no \(required) fixation is documented" : "the fixation documented is \(fact.documented), not \(required)\(quote)"
        case ("compartments", _, _):
            return "the compartments documented (\(fact.documented)) are not the ones it covers (\(fact.required))"
        case ("components", .string(let required), _):
            return "it needs \(required == "one" ? "one component" : "both components") revised; the note documents \(fact.documented)"
        case ("nonviableMuscleDebridement", .bool(true), .undocumented) where fact.documented == FactMatcher.hintedOnly:
            return "muscle that looked nonviable is described, but its removal is not documented"
        case (_, .bool(true), .undocumented):
            return "no \(noName) was documented"
        case (_, .bool(true), _):
            return "the note says no \(noName) was done"
        case (_, .bool(false), _):
            return "\(name) was documented\(quote)"
        default:
            return "\(name): \(fact.documented)"
        }
    }
}
