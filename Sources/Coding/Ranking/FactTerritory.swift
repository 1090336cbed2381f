/// Facts read per procedure when a narrative documents several.
///
/// Facts such as a lesion's size, `radical`, `multiple` tendons or a fixation belong to the
/// procedure they are said of: in "radical resection of a 9 cm liposarcoma, right thigh; 2.
/// excision of a 2 cm subcutaneous lipoma, left knee" the 9 cm and `radical` are not the
/// lipoma's. Each procedure the narrative documents (an anchor: the best code of its group of
/// neighbours, told in words no earlier anchor used) claims the words of its statement; a fact
/// word in a sentence that names several procedures belongs to the nearest one (same clause
/// first, then fewest words away). Sentences that name no procedure (findings, anaesthesia,
/// the indications) are shared. A narrative with one procedure reads facts over the whole text.
struct FactTerritory {
    /// Required words of each anchor, with the group of neighbours it stands for.
    struct Anchor {
        let cluster: Int
        let entryIndex: Int
        let hits: [Phrase.Hit]
    }

    let anchors: [Anchor]

    /// The procedures told in separate words: in score order, the best candidate of each group
    /// of neighbours whose required words no earlier anchor used (companions, add-ons, unlisted
    /// codes and entries mixing words of two statements do not stand for a procedure).
    init(candidates: [ScoredCandidate], cluster: [Int], compiled: [CompiledEntry], narrative: AnalyzedNarrative) {
        var anchors: [Anchor] = []
        var used: [ClosedRange<Int>] = []
        let top = candidates.first?.score ?? 0
        for (position, candidate) in candidates.enumerated() {
            let minimum = anchors.isEmpty ? ProcedureRanker.minimumScore : max(ProcedureRanker.secondaryMinimum, ProcedureRanker.secondaryRatio * top)
            // Judged without its facts and approach: another procedure's may be what contradicts it.
            let factScore = candidate.facts.reduce(0) { $0 + $1.score }
            guard candidate.score - min(factScore, 0) - min(candidate.approachScore, 0) >= minimum else { continue }
            let entry = compiled[candidate.entryIndex]
            if candidate.mixed || entry.entry.isAddOn || entry.entry.isUnlisted { continue }
            // A neighbour told apart (on the other side, in another list item) is a procedure of
            // its own: "R: ORIF bimalleolar #. L: lateral malleolus # in a boot" reads the boot for
            // the left ankle only.
            let site = candidate.required.first.map { $0.first...$0.last }
            if anchors.contains(where: { $0.cluster == cluster[position] && !Self.apart(site, $0.hits, narrative: narrative)
                && !ProcedureStatements.toldApart(candidate.required, $0.hits, entry, compiled[$0.entryIndex], in: narrative) }) { continue }
            if anchors.contains(where: { entry.companions.contains(compiled[$0.entryIndex].entry.code) || compiled[$0.entryIndex].companions.contains(entry.entry.code) }) { continue }
            let ranges = candidate.required.map { $0.first...$0.last }
            if ranges.contains(where: { range in used.contains { $0.overlaps(range) } }) { continue }
            // Its own statement: a list item, a part joined by "and", "plus", "then", another side.
            // The description of the operation goes with its title.
            if !ranges.allSatisfy({ range in used.allSatisfy { ProcedureStatements.separated($0, range, in: narrative) } }) { continue }
            // A code of an earlier anchor's group that takes these words as its own describes both
            // statements as one procedure (the pilon code's "ORIF of the fibula").
            func overlaps(_ hits: [Phrase.Hit], _ other: [ClosedRange<Int>]) -> Bool {
                hits.contains { hit in other.contains { $0.overlaps(hit.first...hit.last) } }
            }
            let combined = anchors.contains { anchor in
                let anchorRanges = anchor.hits.map { $0.first...$0.last }
                return candidates.indices.contains { other in
                    cluster[other] == anchor.cluster && !candidates[other].mixed && candidates[other].score >= ProcedureRanker.minimumScore
                        && overlaps(candidates[other].required, anchorRanges) && overlaps(candidates[other].required, ranges)
                }
            }
            if combined { continue }
            anchors.append(Anchor(cluster: cluster[position], entryIndex: candidate.entryIndex, hits: candidate.required))
            used += ranges
        }
        self.anchors = anchors
    }

    var severalProcedures: Bool { anchors.count >= 2 }

    /// Whether a site stands apart (another side, another list item) from every word of an anchor.
    static func apart(_ site: ClosedRange<Int>?, _ hits: [Phrase.Hit], narrative: AnalyzedNarrative) -> Bool {
        guard let site, !hits.isEmpty else { return false }
        return hits.allSatisfy { ProcedureStatements.apart(site, $0.first...$0.last, in: narrative) }
    }

    /// Token positions whose words count for a candidate's facts; nil = the whole narrative
    /// (no other procedure claims any word).
    func tokens(for candidate: ScoredCandidate, cluster: Int, compiled: [CompiledEntry], narrative: AnalyzedNarrative) -> [Bool]? {
        let entry = compiled[candidate.entryIndex]
        let site = candidate.required.first.map { $0.first...$0.last }
        let others = anchors.filter { anchor in
            guard anchor.cluster != cluster && !ProcedureStatements.neighbours(entry, compiled[anchor.entryIndex]) else {
                // A neighbour's statement on the other side or in another list item is another procedure's.
                return anchor.entryIndex != candidate.entryIndex && (Self.apart(site, anchor.hits, narrative: narrative)
                    || ProcedureStatements.toldApart(candidate.required, anchor.hits, entry, compiled[anchor.entryIndex], in: narrative))
            }
            return !entry.companions.contains(compiled[anchor.entryIndex].entry.code)
                && !compiled[anchor.entryIndex].companions.contains(entry.entry.code)
        }.flatMap(\.hits)
        guard !others.isEmpty else { return nil }
        let own = candidate.required
        let tokens = narrative.tokens
        func distance(_ index: Int, _ hits: [Phrase.Hit]) -> Int? {
            hits.filter { $0.sentence == tokens[index].sentence }.map { hit in
                let words = index < hit.first ? hit.first - index : index > hit.last ? index - hit.last : 0
                return abs(tokens[index].clause - tokens[hit.first].clause) * 1_000 + words
            }.min()
        }
        return tokens.indices.map { index in
            guard let theirs = distance(index, others) else { return true }
            guard let mine = distance(index, own) else { return false }
            return mine <= theirs
        }
    }
}
