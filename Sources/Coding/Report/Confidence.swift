import Foundation

/// Turns a winner's score and its lead over the nearest neighbour into a probability-like
/// confidence. The constants are fitted on the tuning corpora (docs/coding.md) so that
/// suggestions at 0.9 or more are right at least 95% of the time.
enum Confidence {
    static let marginWeight = 1.1
    static let strengthWeight = 0.35
    static let strengthCenter = 3.0

    /// Below 0.9 whenever the choice over the nearest neighbour rests on something the note
    /// does not document: a high score alone is not certainty.
    static let unverifiedCap = 0.85

    static func of(score: Double, runnerUp: Double?, verified: Bool = true) -> Double {
        let margin = runnerUp.map { score - $0 } ?? score
        let x = marginWeight * margin + strengthWeight * (score - strengthCenter)
        var value = 1 / (1 + exp(-x))
        if !verified { value = min(value, unverifiedCap) }
        return (value * 100).rounded() / 100
    }

    /// Words of plans and doubt. Their scope rules are about what follows them; a clause that has
    /// one anywhere ("ORIF planned when the swelling settles", "plating was discussed but not
    /// done", "lengthening vs tenotomy?") is not certain evidence for today's procedure.
    static let planOrDoubtWords: Set<String> = [
        "plan", "plans", "planned", "planning", "will", "would", "scheduled", "staged", "later", "future", "eventual", "eventually",
        "recommend", "recommended", "consider", "considering", "considered", "contemplated", "entertained", "discussed", "discussion",
        "option", "options", "possible", "possibly", "probable", "probably", "suspected", "suspect", "questionable", "versus", "vs",
        "may", "might", "likely", "presumed",
    ]

    /// Whether a clause that documents the winner (a required word, a fact's evidence, the
    /// approach it was credited with) also speaks of a plan or a doubt.
    static func hedged(_ candidate: ScoredCandidate, narrative: AnalyzedNarrative, features: DetectedFeatures) -> Bool {
        var hits = candidate.required + candidate.facts.compactMap(\.evidence)
        if let approach = candidate.approachDocumented, candidate.approachScore > 0,
           let evidence = features.state("approach:" + approach).evidence { hits.append(evidence) }
        let clauses = Set(hits.map { narrative.tokens[$0.first].clause })
        return narrative.tokens.contains { clauses.contains($0.clause) && planOrDoubtWords.contains($0.text) }
    }

    /// The winner rests on its required words alone: none of the words that usually come with the
    /// code (its `any` groups: approach, technique, typical indication) is in the note. On blind
    /// cases such matches were wrong far more often than 1 in 20 (a bedside wound care of an old
    /// amputation stump read as a new amputation, a superficial abscess as a deep one).
    static func onlyRequiredWords(_ candidate: ScoredCandidate, anyGroups: Int) -> Bool {
        anyGroups > 0 && candidate.supporting.isEmpty
    }

    /// Facts that describe the injury rather than the work done: silence is not their absence.
    static let injuryPatternFacts: Set<String> = ["bicondylar", "intercondylarExtension"]

    /// Whether every fact (and the approach) on which the winner differs from its nearest rival
    /// is positively documented in the narrative's favour of the winner.
    static func decidedByDocumentedFacts(winner: ProcedureEntry, candidate: ScoredCandidate, rival: ProcedureEntry) -> Bool {
        let keys = Set(winner.facts.keys).union(rival.facts.keys).filter { winner.facts[$0] != rival.facts[$0] }
        for key in keys {
            guard let comparison = candidate.facts.first(where: { $0.key == key }) else {
                // The rival requires something the winner does not care about: documented absence
                // (or silence, the default) is what the winner relies on.
                continue
            }
            switch comparison.outcome {
            case .agrees: continue
            // Silence is what a code that rules something out relies on; a hint is not silence.
            // Not for the pattern of the injury: a plateau fracture said nothing of is not thereby
            // unicondylar, nor a distal femur fracture extra-articular (the report asks).
            case .undocumented where comparison.required == .bool(false) && comparison.documented != FactMatcher.hintedOnly
                && !injuryPatternFacts.contains(key): continue
            default: return false
            }
        }
        if winner.approach != rival.approach, candidate.approachScore <= 0 { return false }
        return true
    }
}
