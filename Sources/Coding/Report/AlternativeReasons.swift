/// Says, in a coder's words, why a neighbouring code was not chosen.
enum AlternativeReasons {
    static func reason(winner: ProcedureEntry, winnerCandidate: ScoredCandidate, loser: ProcedureEntry,
                       loserCandidate: ScoredCandidate?, narrative: AnalyzedNarrative) -> String {
        var reasons: [String] = []
        if let loserCandidate {
            for fact in loserCandidate.facts where fact.outcome == .contradicts || (fact.outcome == .undocumented && fact.score < 0) {
                // Only facts on which the two codes differ explain the choice.
                if winner.facts[fact.key] == fact.required { continue }
                reasons.append(describe(fact, narrative: narrative))
            }
            if loserCandidate.approachScore < winnerCandidate.approachScore, loser.approach != winner.approach {
                if let documented = loserCandidate.approachDocumented {
                    reasons.append("the treatment documented is \(documented), not \(loser.approach)")
                } else {
                    reasons.append("no \(loser.approach) treatment is documented")
                }
            }
            if reasons.isEmpty {
                reasons.append("fewer of the details that set it apart are documented")
            }
        } else {
            reasons.append("the narrative does not describe it")
        }
        var text = "\(winner.code) rather than \(loser.code): " + reasons.joined(separator: "; ")
        if let prefer = winner.related?.first(where: { $0.code == loser.code })?.preferWhen {
            text += " (\(loser.code) fits when \(prefer))"
        }
        return text
    }

    static func describe(_ fact: FactComparison, narrative: AnalyzedNarrative) -> String {
        let name = FactMatcher.phrase(for: fact.key)
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
            return "no \(name) was documented"
        case (_, .bool(true), _):
            return "the note says no \(name) was done"
        case (_, .bool(false), _):
            return "\(name) was documented\(quote)"
        default:
            return "\(name): \(fact.documented)"
        }
    }
}
