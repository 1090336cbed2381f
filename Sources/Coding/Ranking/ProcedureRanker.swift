import Foundation

/// Ranks candidates, groups neighbouring codes so each procedure is chosen once, and decides
/// which procedures of a narrative to suggest.
struct ProcedureRanker: Sendable {
    let knowledgeBase: KnowledgeBase

    /// The smallest score that counts as a documented procedure (below it: abstain).
    static let minimumScore = 2.5
    /// A further procedure must be this strong, absolutely and relative to the first.
    static let secondaryMinimum = 3.0
    static let secondaryRatio = 0.35

    struct Ranking: Sendable {
        var candidates: [ScoredCandidate]     // best first
        var cluster: [Int]                    // candidate position → cluster id
        var selected: [Int]                   // candidate positions suggested, best first
    }

    func rank(_ narrative: AnalyzedNarrative, features: DetectedFeatures, laterality: LateralityReader) -> Ranking {
        var candidates: [ScoredCandidate] = []
        for (index, compiled) in knowledgeBase.compiled.enumerated() {
            if let candidate = ProcedureScorer.score(compiled, index: index, narrative: narrative, features: features,
                                                     bilateralBySide: laterality.bothSides, detectable: knowledgeBase.detectableFacts) {
                candidates.append(candidate)
            }
        }
        penalizeShorterMatches(&candidates)
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && entry($0).code < entry($1).code) }
        let cluster = clusters(candidates)
        var selected: [Int] = []
        var seenClusters: Set<Int> = []
        var usedTokens: [ClosedRange<Int>] = []
        let top = candidates.first?.score ?? 0
        for (position, candidate) in candidates.enumerated() {
            if !seenClusters.insert(cluster[position]).inserted {
                // A neighbour is a second procedure only when different words document it
                // (percutaneous sacral screws and a symphysis plate): never the same words twice.
                // Its site (the first required group) must be its own; a generic word such as
                // "fracture" may be shared when each procedure names its own site.
                let ranges = candidate.required.map { $0.first...$0.last }
                let unused = ranges.filter { range in !usedTokens.contains { $0.overlaps(range) } }
                guard !selected.isEmpty, let site = ranges.first, unused.contains(site),
                      unused.count * 2 >= ranges.count else { continue }
            }
            if selected.isEmpty {
                guard candidate.score >= Self.minimumScore else { break }
            } else {
                guard candidate.score >= max(Self.secondaryMinimum, Self.secondaryRatio * top) else { continue }
                // A further procedure needs its own treatment documented, not just its condition
                // named ("compartment syndrome after a plateau fracture" is no plateau treatment).
                guard candidate.approachScore > -1, !candidate.facts.contains(where: { $0.outcome == .contradicts }) else { continue }
                // The same words already explain a chosen procedure: not a second procedure.
                let ranges = candidate.required.map { $0.first...$0.last }
                if ranges.allSatisfy({ range in usedTokens.contains { $0.overlaps(range) } }) { continue }
                if entry(candidate).isUnlisted { continue }
            }
            selected.append(position)
            usedTokens += candidate.required.map { $0.first...$0.last }
        }
        // Companion procedures (one names the other "report both"): in the order the surgeon
        // lists them, by where each code is fully documented (its last required word; shared
        // words like "open reduction" do not decide). Other procedures stay in score order.
        func position(_ candidate: ScoredCandidate) -> Int {
            let hits = candidate.required
            let strong = hits.filter { $0.section.procedureWeight >= 0.85 }
            return strong.count == hits.count ? (strong.map(\.first).max() ?? 0) : (hits.map(\.first).max() ?? 0) + 1_000_000
        }
        if selected.count > 1 {
            for i in 0..<(selected.count - 1) {
                let a = candidates[selected[i]], b = candidates[selected[i + 1]]
                let (first, second) = (compiled(a), compiled(b))
                let companions = first.companions.contains(second.entry.code) || second.companions.contains(first.entry.code)
                if companions, position(b) < position(a) { selected.swapAt(i, i + 1) }
            }
        }
        return Ranking(candidates: candidates, cluster: cluster, selected: selected)
    }

    func entry(_ candidate: ScoredCandidate) -> ProcedureEntry { knowledgeBase.compiled[candidate.entryIndex].entry }
    func compiled(_ candidate: ScoredCandidate) -> CompiledEntry { knowledgeBase.compiled[candidate.entryIndex] }

    /// Longest match wins: a required word that is only part of a longer phrase another code
    /// matched ("dislocation" inside "surgical dislocation") counts for less.
    static let shorterMatchPenalty = 0.75

    private func penalizeShorterMatches(_ candidates: inout [ScoredCandidate]) {
        let spans = candidates.map { ($0.required + $0.supporting).map { $0.first...$0.last } }
        for index in candidates.indices {
            for hit in candidates[index].required {
                let own = hit.first...hit.last
                let covered = spans.indices.contains { other in
                    other != index && spans[other].contains { span in
                        span.lowerBound <= own.lowerBound && span.upperBound >= own.upperBound && span.count > own.count
                            && !spans[index].contains { $0.lowerBound <= span.lowerBound && $0.upperBound >= span.upperBound }
                    }
                }
                if covered { candidates[index].score -= Self.shorterMatchPenalty }
            }
        }
    }

    /// Neighbours compete: codes linked by `related`, or doing the same action on the same anatomy.
    private func clusters(_ candidates: [ScoredCandidate]) -> [Int] {
        var parent = Array(candidates.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var positionByCode: [String: Int] = [:]
        for (position, candidate) in candidates.enumerated() { positionByCode[entry(candidate).code] = position }
        for (position, candidate) in candidates.enumerated() {
            let currentCompiled = compiled(candidate)
            let current = currentCompiled.entry
            for code in currentCompiled.competitors {
                guard let other = positionByCode[code] else { continue }
                // Companions named from the other side stay apart too.
                if compiled(candidates[other]).companions.contains(current.code) { continue }
                parent[find(position)] = find(other)
            }
            for other in candidates.indices where other > position {
                let neighbour = entry(candidates[other])
                guard neighbour.action == current.action, let a = current.anatomy.first, let b = neighbour.anatomy.first else { continue }
                if neighbour.anatomy.contains(a) || current.anatomy.contains(b) { parent[find(position)] = find(other) }
            }
        }
        return candidates.indices.map(find)
    }
}
