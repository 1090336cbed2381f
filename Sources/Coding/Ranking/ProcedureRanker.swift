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
        /// The narrative as ranked: with sentences that tell whole procedures of their own as statements.
        var narrative: AnalyzedNarrative
        /// Chosen codes taken out as part of another chosen code, and pairs kept apart (IncludedSteps).
        var included: [IncludedSteps.Included] = []
        var apart: [IncludedSteps.Apart] = []
    }

    /// Whether two entries are the same work on the same anatomy by the same approach, told apart
    /// by a yes/no fact that one requires and the other rules out. The anatomy of one may hold a
    /// part more than the other's (27513 names the condyles its intercondylar split reaches, 27511
    /// does not; 27335 the popliteal fossa, 27334 not): still one injury or one joint.
    static func opposedByAFact(_ a: ProcedureEntry, _ b: ProcedureEntry) -> Bool {
        let (x, y) = (Set(a.anatomy), Set(b.anatomy))
        guard a.action == b.action, a.approach == b.approach, x.isSubset(of: y) || y.isSubset(of: x) else { return false }
        return a.facts.contains { key, value in
            if case .bool(let x) = value, case .bool(let y)? = b.facts[key] { return x != y }
            return false
        }
    }

    /// What mixing the words of two procedure statements costs an entry.
    static let mixedPenalty = 3.0

    func rank(_ analyzed: AnalyzedNarrative, features: DetectedFeatures, laterality: LateralityReader) -> Ranking {
        let entries = knowledgeBase.compiled
        var narrative = analyzed
        var documented: [ProcedureStatements.Documented] = []
        // Each distinct group read once for both rounds (the statements change, not the tokens);
        // an entry whose first group the narrative lacks is not documented (nor by a fact standing
        // for a later group, `requiredHits` below), and is passed over without being read (most
        // entries of the knowledge base, for any one narrative).
        let bests = GroupBests(knowledgeBase.groups, heads: knowledgeBase.groupHeads, in: narrative)
        let firstGroupIDs = knowledgeBase.firstGroupIDs, firstGroupOptional = knowledgeBase.firstGroupOptional
        for index in entries.indices where firstGroupOptional[index] || bests.best(firstGroupIDs[index]) != nil {
            let compiled = entries[index]
            if let hits = Self.requiredHits(compiled, narrative: narrative, features: features, bests: bests),
               !ProcedureScorer.genericImplantOfAnotherRegion(compiled.entry.code, hits: hits, narrative: narrative, features: features) {
                documented.append(.init(entryIndex: index, hits: hits))
            }
        }
        // Sentences that each tell a whole procedure at a site of their own are statements of
        // their own: each entry takes its words again from its own statement.
        let statements = ProcedureStatements.selfContainedSentences(documented, compiled: entries, narrative: narrative)
        let clauses = ProcedureStatements.selfContainedSeriesClauses(documented, compiled: entries, narrative: narrative)
        if !statements.isEmpty || !clauses.isEmpty {
            narrative.listItemSentences.formUnion(statements)
            narrative.listItemClauses = clauses
            documented = documented.compactMap { item in
                Self.requiredHits(entries[item.entryIndex], narrative: narrative, features: features, bests: bests).map { .init(entryIndex: item.entryIndex, hits: $0) }
            }
        }
        // The same tokens for both rounds of scoring (only the statements differ from `analyzed`).
        let note = NoteReadings(narrative)
        var candidates = scoreAll(documented, narrative, features, laterality, note: note) { _ in nil }
        var cluster = clusters(candidates)
        // Several procedures: each reads the facts of its own statement (FactTerritory).
        let territory = FactTerritory(candidates: candidates, cluster: cluster, compiled: entries, narrative: narrative)
        if territory.severalProcedures {
            var cache: [[Bool]: DetectedFeatures] = [:]
            var byEntry: [Int: DetectedFeatures] = [:]
            for (position, candidate) in candidates.enumerated() {
                guard let mask = territory.tokens(for: candidate, cluster: cluster[position], compiled: entries, narrative: narrative) else { continue }
                if cache[mask] == nil { cache[mask] = FeatureDetector.detect(narrative, features: knowledgeBase.features, tokens: mask) }
                byEntry[candidate.entryIndex] = cache[mask]
            }
            candidates = scoreAll(documented, narrative, features, laterality, note: note) { byEntry[$0] }
            cluster = clusters(candidates)
        }
        var selected: [Int] = []
        var seenClusters: Set<Int> = []
        var usedTokens: [ClosedRange<Int>] = []
        let top = candidates.first?.score ?? 0
        for (position, candidate) in candidates.enumerated() {
            // An add-on does not stand for its group when a primary code of the group matched: it
            // is added beside the primary (AddOnCodes).
            if entry(candidate).isAddOn, candidates.indices.contains(where: { cluster[$0] == cluster[position] && !entry(candidates[$0]).isAddOn }) { continue }
            // Nor when a primary it goes with (reported together, so of another group) matched well
            // enough to be chosen: the curettage is the procedure, the fixation its add-on.
            if entry(candidate).isAddOn,
               let primary = AddOnCodes.primary(of: position, in: candidates.indices.filter { !entry(candidates[$0]).isAddOn && candidates[$0].score >= Self.minimumScore },
                                                candidates: candidates, compiled: entries) {
                // Its own words (not the primary's) are the add-on's work, not a further procedure's
                // ("a lateral plate" beside the curettage is 27358, not a femoral shaft plating).
                if candidate.score >= Self.minimumScore {
                    let primaryWords = candidates[primary].required.map { $0.first...$0.last }
                    usedTokens += candidate.required.map { $0.first...$0.last }.filter { range in !primaryWords.contains { $0.overlaps(range) } }
                }
                continue
            }
            if !seenClusters.insert(cluster[position]).inserted {
                // A neighbour is a second procedure only when different words document it
                // (percutaneous sacral screws and a symphysis plate): never the same words twice.
                // Its site (the first required group) must be its own; a generic word such as
                // "fracture" may be shared when each procedure names its own site.
                let ranges = candidate.required.map { $0.first...$0.last }
                let unused = ranges.filter { range in !usedTokens.contains { $0.overlaps(range) } }
                guard !selected.isEmpty, let site = ranges.first, unused.contains(site),
                      unused.count * 2 >= ranges.count else { continue }
                // Its site said again in words a chosen neighbour already took, in the same
                // statement, is that neighbour's site: "Pipkin IV … posterior wall fixed with a spring
                // plate" is the wall of the fracture-dislocation code (27254), not a second 27226.
                let siteWords = Set(site.map { narrative.tokens[$0].text })
                if selected.contains(where: { chosen in
                    cluster[chosen] == cluster[position] && candidates[chosen].required.contains { hit in
                        let words = Set((hit.first...hit.last).map { narrative.tokens[$0].text })
                        return (words.isSubset(of: siteWords) || siteWords.isSubset(of: words))
                            && !ProcedureStatements.separated(hit.first...hit.last, site, in: narrative, joins: false)
                    }
                }) { continue }
            }
            if selected.isEmpty {
                guard candidate.score >= Self.minimumScore else { break }
            } else {
                guard candidate.score >= max(Self.secondaryMinimum, Self.secondaryRatio * top) else { continue }
                // A further procedure needs its own treatment documented, not just its condition
                // named ("compartment syndrome after a plateau fracture" is no plateau treatment).
                guard candidate.approachScore > -1, !candidate.facts.contains(where: { $0.outcome == .contradicts }) else { continue }
                // A further procedure in a region the narrative never names, while it names another
                // region again and again (a knee revision's part words read in a hip's liner
                // exchange), is the chosen procedure's words read again, not a second one.
                guard features.regionAgreement(code: entry(candidate).code) > -1.75 else { continue }
                // The same words already explain a chosen procedure: not a second procedure.
                let ranges = candidate.required.map { $0.first...$0.last }
                let used = ranges.map { range in usedTokens.contains { $0.overlaps(range) } }
                if !used.contains(false) { continue }
                // Nor when its site and most of its other words are a chosen procedure's: "excision
                // of a fibrous dysplasia lesion of the femoral shaft" is the bone lesion's excision,
                // not a soft-tissue excision beside it for the one word "lesion".
                if used.first == true, used.filter({ $0 }).count * 2 > used.count { continue }
                if entry(candidate).isUnlisted { continue }
                // A further procedure is told with an action of its own: its site's sentence says
                // nothing else it needs, and each other word it needs stands in the sentence of a
                // chosen procedure's site ("ORIF R bimalleolar ankle fracture. Syndesmosis stressed,
                // stable, no syndesmotic fixation": the ORIF is the ankle's, not the syndesmosis's).
                if let site = candidate.required.first, candidate.required.count >= 2,
                   candidate.required.dropFirst().allSatisfy({ hit in
                       hit.sentence != site.sentence && selected.contains { candidates[$0].required.first?.sentence == hit.sentence }
                   }),
                   !compiled(candidate).all.dropFirst().contains(where: { group in
                       group.indices.contains { narrative.mayContain(group[$0]) && group[$0].hits(in: narrative).contains { $0.affirmed && $0.sentence == site.sentence } }
                   }) { continue }
                let own = entry(candidate)
                let ownSides = IncludedSteps.sides(of: candidate, in: narrative)
                // Both name a side and the sides differ.
                func onOtherSide(_ chosen: Int) -> Bool {
                    let chosenSides = IncludedSteps.sides(of: candidates[chosen], in: narrative)
                    return !ownSides.isEmpty && !chosenSides.isEmpty && ownSides.isDisjoint(with: chosenSides)
                }
                // Two codes of one injury told apart only by a yes/no fact (27822/27823: the posterior
                // lip fixed or not; 27600/27892: dead muscle removed or not) are one answer or the
                // other for a side, never both: the weaker is the stronger's rival, not a second procedure.
                if selected.contains(where: { chosen in
                    cluster[chosen] == cluster[position] && Self.opposedByAFact(entry(candidates[chosen]), own) && !onOtherSide(chosen)
                }) { continue }
                // Implants taken out of a joint that gets a replacement at the same sitting are part
                // of the replacement (a conversion or revision), never a removal code beside it.
                // On the other side it is a removal of its own ("R: revision TKA. L: removal of the
                // infected TKA, spacer").
                if own.action == "removal-implant", selected.contains(where: {
                    let chosen = entry(candidates[$0])
                    return chosen.action == "arthroplasty" && !Set(chosen.anatomy).isDisjoint(with: own.anatomy) && !onOtherSide($0)
                }) { continue }
            }
            selected.append(position)
            usedTokens += candidate.required.map { $0.first...$0.last }
        }
        // A step done to reach the principal procedure is part of it ("a trochanteric osteotomy
        // to get exposure for the THA", "the anterior compartment fascia incised and tibialis
        // anterior elevated for exposure"): not a procedure of its own beside another.
        let forAccess = selected.filter { ProcedureStatements.doneForAccess(candidates[$0].required, in: narrative) }
        if !forAccess.isEmpty, forAccess.count < selected.count { selected.removeAll { forAccess.contains($0) } }
        AddOnCodes.add(to: &selected, candidates: candidates, cluster: cluster, compiled: entries, narrative: narrative)
        // Procedures told in separate statements are listed in the surgeon's order, by where
        // each code is fully documented (its last required word; shared words like "open
        // reduction" do not decide), words of the operation before those of a diagnosis line.
        // Others stay in score order; add-ons follow their primary.
        func position(_ candidate: ScoredCandidate) -> Int {
            let hits = candidate.required
            let strong = hits.filter { $0.section.procedureWeight >= 0.85 }
            return strong.count == hits.count ? (strong.map(\.first).max() ?? 0) : (hits.map(\.first).max() ?? 0) + 1_000_000
        }
        func ownStatements(_ a: ScoredCandidate, _ b: ScoredCandidate) -> Bool {
            let (x, y) = (compiled(a), compiled(b))
            if x.companions.contains(y.entry.code) || y.companions.contains(x.entry.code) { return true }
            // A word both take (a heading's site: "L ankle: modified Brostrom & excision of a ganglion
            // of the peroneal tendon sheath") does not join them; their other words must stand apart.
            let (allFirst, allSecond) = (a.required.map { $0.first...$0.last }, b.required.map { $0.first...$0.last })
            var first = allFirst.filter { !allSecond.contains($0) }, second = allSecond.filter { !allFirst.contains($0) }
            let shared = allFirst.filter { allSecond.contains($0) }
            let tokens = narrative.tokens
            // Only a site said before both, with a joining word between their own words.
            if !shared.isEmpty, !first.isEmpty, !second.isEmpty, !shared.allSatisfy({ range in
                (first + second).allSatisfy { range.upperBound < $0.lowerBound && tokens[range.upperBound].sentence == tokens[$0.lowerBound].sentence }
            }) { (first, second) = (allFirst, allSecond) }
            guard !first.isEmpty, !second.isEmpty, first.allSatisfy({ range in !second.contains { $0.overlaps(range) } }) else { return false }
            guard let low = second.map(\.lowerBound).min(), let high = second.map(\.upperBound).max(),
                  let start = first.map(\.lowerBound).min(), let end = first.map(\.upperBound).max() else { return false }
            // Each told whole in a clause of its own of one sentence ("antegrade nail of the femoral
            // shaft, tension band wiring of the patella"): two statements of a list.
            if first.count == allFirst.count, tokens[start].clause == tokens[end].clause, tokens[low].clause == tokens[high].clause,
               tokens[start].clause != tokens[low].clause, tokens[start].sentence == tokens[low].sentence { return true }
            return ProcedureStatements.separated(start...end, low...high, in: narrative)
        }
        // The principal procedure comes first: an operation before a closed treatment told
        // beside it ("1. Closed reduction and cast, tibia. 2. ORIF acetabulum" is 27228, 27752).
        // So does an open operation before a percutaneous one ("Percutaneous iliosacral screw … followed
        // by ORIF of the anterior column acetabular fracture" is 27227, 27216).
        func invasiveness(_ candidate: ScoredCandidate) -> Int {
            switch entry(candidate).approach { case "closed": 0; case "percutaneous": 1; default: 2 }
        }
        // A fracture named with neither its way in nor its fixation ("tib shaft # (nailed by a
        // colleague)") is not the principal procedure beside one told with its treatment.
        func injuryOnly(_ candidate: ScoredCandidate) -> Bool {
            entry(candidate).action == "fracture-treatment" && entry(candidate).approach != "closed" && candidate.approachScore < 0
                && candidate.facts.contains(where: { $0.key == "fixation" && $0.outcome == .undocumented })
                && !candidate.facts.contains(where: { $0.outcome == .agrees && $0.key != "traumatic" })
        }
        var primaries = selected.filter { !entry(candidates[$0]).isAddOn }
        if primaries.count > 1 {
            for _ in 0..<primaries.count {
                for i in 0..<(primaries.count - 1) {
                    let (a, b) = (candidates[primaries[i]], candidates[primaries[i + 1]])
                    let later = injuryOnly(a) != injuryOnly(b) ? injuryOnly(a)
                        : invasiveness(a) == invasiveness(b) ? position(b) < position(a) : invasiveness(a) < invasiveness(b)
                    if later, ownStatements(a, b) { primaries.swapAt(i, i + 1) }
                }
            }
        }
        // An add-on goes right after its primary (before it when a coder asks about the add-on:
        // "which add-on do I use for the plate?"); one without a chosen primary stays last.
        var ordered: [Int] = []
        let addOns = selected.filter { entry(candidates[$0]).isAddOn }
        let askedAbout = AddOnCodes.asksForAddOn(narrative)
        for primary in primaries {
            let own = addOns.filter { AddOnCodes.primary(of: $0, in: primaries, candidates: candidates, compiled: entries) == primary }
            ordered += askedAbout ? own + [primary] : [primary] + own
        }
        ordered += addOns.filter { !ordered.contains($0) }
        selected = ordered
        // A step that is part of another chosen code (its `includes`) is not a procedure of its own.
        let (included, apart) = IncludedSteps.apply(to: &selected, candidates: candidates, compiled: entries, narrative: narrative)
        return Ranking(candidates: candidates, cluster: cluster, selected: selected, narrative: narrative,
                       included: included, apart: apart)
    }

    /// Every documented entry scored (facts from `factFeatures` when given), entries mixing the
    /// words of two procedure statements marked, best first.
    private func scoreAll(_ documented: [ProcedureStatements.Documented], _ narrative: AnalyzedNarrative, _ features: DetectedFeatures,
                          _ laterality: LateralityReader, note: NoteReadings, factFeatures: (Int) -> DetectedFeatures?) -> [ScoredCandidate] {
        let entries = knowledgeBase.compiled
        var candidates: [ScoredCandidate] = []
        for item in documented {
            let compiled = entries[item.entryIndex]
            guard var candidate = ProcedureScorer.score(compiled, index: item.entryIndex, hits: item.hits, narrative: narrative, features: features,
                                                        factFeatures: factFeatures(item.entryIndex), documented: documented, all: entries,
                                                        bilateralBySide: laterality.bothSides, detectable: knowledgeBase.detectableFacts, note: note) else { continue }
            if ProcedureStatements.mixed(candidate.required, entry: compiled, documented: documented, compiled: entries, narrative: narrative) {
                candidate.mixed = true
                candidate.score -= Self.mixedPenalty
            }
            candidates.append(candidate)
        }
        penalizeShorterMatches(&candidates)
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && entry($0).code < entry($1).code) }
        return candidates
    }

    /// The required words of an entry (`ProcedureScorer.requiredHits`). Some facts are documented
    /// by what was done, in words of the note's own, not only by the entry's phrases: a conversion
    /// of earlier hip surgery (27132) by hardware of an earlier operation taken out of the hip that
    /// is replaced ("the DHS plate and lag screw were removed and a cemented total hip was put in",
    /// `ArthroplastyComponents.priorHipSurgery`), the dead muscle of a compartment release by its
    /// removal in any words ("rectus femoris didn't twitch and was cut out back to bleeding edges").
    /// The fact's evidence stands for the one group of the entry that is missing, when that group
    /// is the fact's own words (its phrases open with the word given here), never the site's.
    /// `feature`: the reading whose evidence stands for the group, when it is not the fact's own.
    static let factsDocumentingGroups: [(fact: String, groupWord: String, feature: String)] = [
        ("priorHipSurgery", "conversion", "priorHipSurgery"), ("nonviableMuscleDebridement", "debridement", "nonviableMuscleDebridement"),
        // "anterior compartment released ... posterior compartment released (same incision)": two
        // compartments told one at a time are the several compartments the code needs.
        ("multipleCompartments", "multiple compartments", "multipleCompartments"),
        // "semitendinosus, gracilis and semimembranosus all divided": the tendons named one by one
        // are the several tendons of 27307/27391 (`tendonCount`); not "hamstrings" said of anything.
        ("multipleTendons", "tendons", "tendonsNamed"),
        // "resected with a cuff of normal muscle all round (wide)": a wide resection in other words.
        ("radicalResection", "radical resection", "radicalResection"),
    ]
    static func requiredHits(_ compiled: CompiledEntry, narrative: AnalyzedNarrative, features: DetectedFeatures, bests: GroupBests? = nil) -> [Phrase.Hit]? {
        if let hits = ProcedureScorer.requiredHits(compiled, narrative: narrative, bests: bests) { return hits }
        guard factsDocumentingGroups.contains(where: { compiled.entry.facts[$0.fact] == .bool(true) }) else { return nil }
        var hits: [Phrase.Hit] = []
        var missing = 0
        for (offset, group) in compiled.all.enumerated() {
            // The groups' hits the ranking has read already (`bests`), not read again.
            let found = if let bests { bests.best(compiled.allIDs[offset]) } else { ProcedureScorer.best(group, in: narrative) }
            if let hit = found { hits.append(hit); continue }
            // The missing group must be one fact's own words, and the fact documented.
            guard offset > 0 else { return nil }
            var evidence: Phrase.Hit?
            for (fact, groupWord, feature) in factsDocumentingGroups where compiled.entry.facts[fact] == .bool(true)
                && group.contains(where: { $0.text.hasPrefix(groupWord) }) {
                let state = features.state(feature)
                if state.weight >= ProcedureScorer.minimumSectionWeight, let hit = state.evidence { evidence = hit; break }
            }
            guard let evidence else { return nil }
            missing += 1
            hits.append(evidence)
        }
        return missing == 1 ? hits : nil
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
