/// The best affirmed hit of each distinct `all` group of the knowledge base in one narrative
/// (`ProcedureScorer.best` with nothing excluded), read once: entries share groups (a fracture's
/// anatomy group is in each of its treatment codes), and the ranker reads the groups of every
/// entry, twice when the narrative has statements of its own. Only for one narrative's tokens.
final class GroupBests {
    private let groups: [[Phrase]]
    private let heads: PhraseGroupHeads
    private let narrative: AnalyzedNarrative
    /// -1: not read yet; -2: no hit; else the hit's index in `found`.
    private var slots: [Int32]
    private var found: [Phrase.Hit] = []

    /// `groups`, `heads`: `KnowledgeBase.groups`, `groupHeads`.
    init(_ groups: [[Phrase]], heads: PhraseGroupHeads, in narrative: AnalyzedNarrative) {
        self.groups = groups
        self.heads = heads
        self.narrative = narrative
        slots = [Int32](repeating: -1, count: groups.count)
    }

    /// The best hit of group `id` (`ProcedureScorer.best` of `groups[id]` in the narrative).
    func best(_ id: Int) -> Phrase.Hit? {
        let slot = slots[id]
        if slot >= 0 { return found[Int(slot)] }
        if slot == -2 { return nil }
        // No phrase of the group may be in the narrative (`best` would find no phrase that
        // `mayContain`): none, without reading the phrases.
        guard heads.mayMatch(id, in: narrative) else {
            slots[id] = -2
            return nil
        }
        let hit = ProcedureScorer.best(groups[id], in: narrative)
        if let hit {
            slots[id] = Int32(found.count)
            found.append(hit)
        } else {
            slots[id] = -2
        }
        return hit
    }
}
