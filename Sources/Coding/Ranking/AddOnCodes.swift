/// Add-on codes (`addOn: true`, e.g. 27358 fixation of the femur with a curettage, 27692 each
/// further tendon transfer) are reported beside a chosen primary code they are related to, never
/// on their own. One is added when the narrative documents the extra work:
/// - every fact the add-on requires is positively documented (27358: internal fixation), or
///   its own supporting words are ("an additional tendon", "second transfer"); or
/// - its required words are documented a second time in another statement of the same
///   sentence or list, in words the primary did not use ("tibialis posterior transfer …, plus
///   transfer of the FDL"). A description that tells the same procedure again does not count.
/// A neighbour of the primary chosen as a second procedure is that second instance: the
/// add-on replaces it (two transfers are a transfer plus 27692, not two transfer codes).
enum AddOnCodes {
    static func add(to selected: inout [Int], candidates: [ScoredCandidate], cluster: [Int], compiled: [CompiledEntry], narrative: AnalyzedNarrative) {
        for (position, candidate) in candidates.enumerated() where compiled[candidate.entryIndex].entry.isAddOn && !selected.contains(position) {
            guard candidate.score >= ProcedureRanker.minimumScore, candidate.approachScore > -1,
                  !candidate.facts.contains(where: { $0.outcome == .contradicts }) else { continue }
            let primaries = selected.filter { !compiled[candidates[$0].entryIndex].entry.isAddOn }
            guard let primary = Self.primary(of: position, in: primaries, candidates: candidates, compiled: compiled) else { continue }
            let addOn = compiled[candidate.entryIndex]
            if let twin = selected.first(where: { $0 != primary && cluster[$0] == cluster[primary] && related(addOn, compiled[candidates[$0].entryIndex]) }) {
                selected[selected.firstIndex(of: twin)!] = position
                continue
            }
            let required = candidate.facts.filter { $0.required != .bool(false) }
            let factsDocumented = !required.isEmpty && required.allSatisfy { $0.outcome == .agrees }
            if factsDocumented || !candidate.supporting.isEmpty
                || secondInstance(addOn, primaryHits: candidates[primary].required, narrative: narrative) {
                // The add-on describes that work better than its neighbours chosen for it
                // (27358 rather than a prophylactic fixation code beside the curettage).
                selected.removeAll { $0 != primary && cluster[$0] == cluster[position] && !compiled[candidates[$0].entryIndex].entry.isAddOn }
                selected.append(position)
            }
        }
    }

    /// The chosen code an add-on goes with: one documented by the same words (the curettage a
    /// fixation add-on is added to), else one that names it in `related` or that it names (a
    /// related code may also be its alternative: 27495 for 27358).
    static func primary(of addOn: Int, in primaries: [Int], candidates: [ScoredCandidate], compiled: [CompiledEntry]) -> Int? {
        let entry = compiled[candidates[addOn].entryIndex]
        let own = candidates[addOn].required.map { $0.first...$0.last }
        let sharing = primaries.first { primary in
            let words = candidates[primary].required.map { $0.first...$0.last }
            return words.filter { range in own.contains { $0.overlaps(range) } }.count * 2 >= words.count
        }
        return sharing ?? primaries.first { related(entry, compiled[candidates[$0].entryIndex]) }
    }

    /// Whether the narrative is a question about an add-on code ("add-on", "addon").
    static func asksForAddOn(_ narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        return tokens.indices.contains { index in
            tokens[index].text == "addon" || (tokens[index].text == "add" && index + 1 < tokens.count && tokens[index + 1].text == "on")
        }
    }

    static func related(_ a: CompiledEntry, _ b: CompiledEntry) -> Bool {
        a.entry.related?.contains { $0.code == b.entry.code } == true || b.entry.related?.contains { $0.code == a.entry.code } == true
    }

    /// Every required group of the add-on affirmed in one clause that holds none of the
    /// primary's words, in a sentence of the primary's (or another item of its list), in words
    /// the primary did not use.
    static func secondInstance(_ addOn: CompiledEntry, primaryHits: [Phrase.Hit], narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        let primaryClauses = Set(primaryHits.map { tokens[$0.first].clause })
        let primarySentences = Set(primaryHits.map(\.sentence))
        let listed = primarySentences.isSubset(of: narrative.listItemSentences)
        var clauses: Set<Int>?
        for group in addOn.all {
            var found: Set<Int> = []
            for index in group.indices where narrative.mayContain(group[index]) {
                for hit in group[index].hits(in: narrative) where hit.affirmed && hit.section.procedureWeight >= 0.85 {
                    let clause = tokens[hit.first].clause
                    guard !primaryClauses.contains(clause),
                          !primaryHits.contains(where: { ($0.first...$0.last).overlaps(hit.first...hit.last) }),
                          primarySentences.contains(hit.sentence) || (listed && narrative.listItemSentences.contains(hit.sentence)) else { continue }
                    found.insert(clause)
                }
            }
            clauses = clauses.map { $0.intersection(found) } ?? found
        }
        return !(clauses ?? []).isEmpty
    }
}
