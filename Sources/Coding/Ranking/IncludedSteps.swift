/// Steps that are part of another chosen code (the knowledge base's `includes`): the lateral
/// release of a total knee, the fibular osteotomy of a transfibular ankle fusion, the arthrotomy
/// that is the approach of an open fracture treatment, the removal of the implant a revision
/// replaces. Such a step is not a further procedure: it is taken out of the suggestions and the
/// report says why in one line. It stays a procedure of its own when the note puts it apart:
/// on the other side, or (unless the code's descriptor names the step, `anyIncision`) at a
/// separate site it documents in its own words ("through a separate incision"); then the report
/// keeps it with the modifier a separate structure needs.
///
/// This is not the NCCI check: NCCI edits are read for pairs that are both suggested, and this
/// decides whether the pair is suggested at all. A deployment's NCCI file may still warn about
/// a pair kept apart here (the two agree: a pair kept on one side carries XS either way).
enum IncludedSteps {
    /// A chosen code taken out because another chosen code includes it.
    struct Included: Sendable {
        let position: Int
        let by: Int
        let step: IncludedStep
    }

    /// A pair of chosen codes, one normally part of the other, kept because the note puts them apart.
    struct Apart: Sendable {
        let position: Int
        let by: Int
        let step: IncludedStep
        /// The note's words for the separate site, or nil when the two are on different sides.
        let separateSite: String?
    }

    /// `selected`: the chosen codes in the report's order (principal procedure first).
    static func apply(to selected: inout [Int], candidates: [ScoredCandidate], compiled: [CompiledEntry],
                      narrative: AnalyzedNarrative) -> (included: [Included], apart: [Apart]) {
        guard selected.count > 1 else { return ([], []) }
        var included: [Included] = [], apart: [Apart] = []
        for step in selected {
            let part = compiled[candidates[step].entryIndex].entry
            // Only a code reported before the step takes it in: a step that comes first is the
            // engine's reading of the principal procedure, the larger code a weaker second reading
            // ("bimalleolar ORIF (lateral and posterior) … posterior malleolus screws" is 27814,
            // not 27823 with 27814 inside it).
            for whole in selected.prefix(while: { $0 != step }) where !included.contains(where: { $0.position == whole }) {
                let including = compiled[candidates[whole].entryIndex].entry
                guard let rule = including.includes?.first(where: { $0.covers(part) }) else { continue }
                if let separate = separation(candidates[whole], candidates[step], rule: rule, narrative: narrative) {
                    apart.append(.init(position: step, by: whole, step: rule, separateSite: separate.site))
                    continue
                }
                included.append(.init(position: step, by: whole, step: rule))
                break
            }
        }
        // A step of another kind listed first is still that code's step: "1. Lateral parapatellar
        // arthrotomy 2. ORIF of the intercondylar distal femur", a meniscus repaired through the
        // submeniscal arthrotomy of a plateau ORIF. An arthrotomy told first is the approach of
        // whatever open procedure follows on that joint ("a lateral mini-arthrotomy … implantation
        // of an osteochondral allograft plug", "medial arthrotomy done, capsule freed … MCL
        // repaired"). (Neighbours of one kind keep the rule above.)
        for (offset, step) in selected.enumerated() where !included.contains(where: { $0.position == step }) {
            let part = compiled[candidates[step].entryIndex].entry
            for whole in selected.dropFirst(offset + 1) where !included.contains(where: { $0.position == whole }) {
                let including = compiled[candidates[whole].entryIndex].entry
                guard including.action != part.action,
                      including.action == "fracture-treatment" || part.action == "arthrotomy",
                      let rule = including.includes?.first(where: { $0.covers(part) }) else { continue }
                if separation(candidates[whole], candidates[step], rule: rule, narrative: narrative) != nil { continue }
                included.append(.init(position: step, by: whole, step: rule))
                break
            }
        }
        let removed = Set(included.map(\.position))
        selected.removeAll { removed.contains($0) }
        apart.removeAll { removed.contains($0.position) || removed.contains($0.by) }
        return (included, apart)
    }

    /// What puts a step apart from the code that would include it: the two on different sides
    /// (site nil), or a separate site the note documents for them (its words). Nil: same site.
    enum Separation {
        case otherSide, site(String)
        /// The separate site's words; nil on the other side.
        var site: String? { if case .site(let words) = self { words } else { nil } }
    }

    static func separation(_ whole: ScoredCandidate, _ part: ScoredCandidate, rule: IncludedStep,
                           narrative: AnalyzedNarrative) -> Separation? {
        let (wholeSides, partSides) = (sides(of: whole, in: narrative), sides(of: part, in: narrative))
        if !wholeSides.isEmpty, !partSides.isEmpty, wholeSides.isDisjoint(with: partSides) { return .otherSide }
        if rule.anyIncision == true { return nil }
        return ReportBuilder.distinctSite(whole.required, part.required, in: narrative).map { .site($0) }
    }

    /// The sides a chosen code's statements name: those of its required words, else (a sentence
    /// that names no side, "ORIF incl. posterior malleolus fixed") those of its supporting words.
    static func sides(of candidate: ScoredCandidate, in narrative: AnalyzedNarrative) -> Set<Side> {
        for hits in [candidate.required, candidate.supporting] {
            let named = hits.reduce(into: Set<Side>()) { $0.formUnion(ProcedureStatements.sides(at: $1.first, in: narrative)) }
            if !named.isEmpty { return named }
        }
        return []
    }

    /// The one line the report gives for an included step.
    static func sentence(part: ProcedureEntry, whole: ProcedureEntry, step: IncludedStep) -> String {
        "\(part.code) is part of \(whole.code) as documented; not reported separately (\(step.reason))."
    }
}
