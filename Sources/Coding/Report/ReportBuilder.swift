/// Turns a ranking into the report: suggestions with modifiers and evidence, alternatives with
/// reasons, NCCI warnings, coverage warnings and documentation queries.
struct ReportBuilder {
    let knowledgeBase: KnowledgeBase
    let narrative: AnalyzedNarrative
    let features: DetectedFeatures
    let laterality: LateralityReader
    let ranking: ProcedureRanker.Ranking
    let serviceDate: String

    static let alternativesPerProcedure = 4

    /// Where an alternative is listed, before its score: the codes the note matched well, a
    /// neighbour of a chosen code that nothing in the note rules out or a code of another group,
    /// together by score (another group's code scored as high as the winner, 27130 beside a hip
    /// screw removal, is as near a reading as a neighbour scored lower); then the neighbours the
    /// knowledge base names that the note did not match but does not rule out; then the matches
    /// whose score the note took nearly all back (`weakMatch`: the words are there, the facts,
    /// approach or region say otherwise), so that they do not crowd out the winner's own
    /// neighbours that differ from it by one fact; and last the neighbours a documented fact or
    /// approach rules out ("fixation was documented" against a closed code), so that one a fact
    /// excludes does not crowd out one that is merely less supported.
    enum AlternativeRank: Int, Comparable {
        case matchedWell, unmatchedNeighbour, weakMatch, ruledOut
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

        /// The place of a matched code (a neighbour nothing rules out, a step part of a suggested
        /// code, a code of another group): by score with the others matched well, unless its score
        /// is under half of what a documented procedure needs (`ProcedureRanker.minimumScore`).
        static func ofMatch(score: Double) -> Self {
            score < ProcedureRanker.minimumScore / 2 ? .weakMatch : .matchedWell
        }
    }

    func entry(_ candidate: ScoredCandidate) -> ProcedureEntry { knowledgeBase.compiled[candidate.entryIndex].entry }

    /// How far a `related` neighbour is from the chosen code in the knowledge base's structured
    /// facts: each fact they differ on (one requires or rules out what the other does not), the
    /// approach, the action and the main anatomy. The neighbours the note did not match are listed
    /// nearest first, so the code that differs from the winner only in the one fact the note leaves
    /// open (27256 beside 27250: developmental, not traumatic) comes before one that differs in more.
    static func distance(_ winner: ProcedureEntry, _ neighbour: ProcedureEntry) -> Int {
        let keys = Set(winner.facts.keys).union(neighbour.facts.keys)
        return keys.filter { winner.facts[$0] != neighbour.facts[$0] }.count + (winner.approach != neighbour.approach ? 1 : 0)
            + (winner.action != neighbour.action ? 1 : 0) + (winner.anatomy.first != neighbour.anatomy.first ? 1 : 0)
    }

    func fill(_ report: inout SuggestionReport) {
        fillRanked(&report)
        // Few codes matched: show the nearest codes too, with what the narrative would need.
        if report.rankedCodes.count < 3 {
            let near = ProcedureScorer.nearMisses(knowledgeBase.compiled, narrative: narrative, excluding: Set(report.rankedCodes),
                                                  limit: 3 - report.rankedCodes.count)
            for (entry, _, missing) in near {
                report.alternatives.append(Alternative(
                    code: entry.code, descriptor: entry.descriptor,
                    reason: "not suggested: the narrative does not say \(missing.map { "\"\($0)\"" }.joined(separator: " or "))\(missing.count == 3 ? " (or similar)" : "")"))
            }
        }
    }

    /// Work another provider did ("Patella relocated by the ED doctor", "reduced by the referring
    /// hospital"): the words before "by" that scope marking put out of today's work, and the
    /// provider's words, when those words hold a required group of an entry whose other groups the
    /// narrative says (not negated, not uncertain). Only looked for when nothing is suggested.
    private func otherProvidersWork() -> (work: String, provider: String)? {
        let tokens = narrative.tokens
        for index in tokens.indices where index > 0 && tokens[index].text == "by" && tokens[index - 1].historical {
            let clause = tokens[index].clause
            guard tokens[index - 1].clause == clause,
                  let provider = (index + 1..<min(index + 4, tokens.count)).first(where: {
                      tokens[$0].clause == clause && NarrativeAnalyzer.otherProviders.contains(tokens[$0].text)
                  }) else { continue }
            var first = index - 1
            while first > 0, tokens[first - 1].clause == clause, tokens[first - 1].historical { first -= 1 }
            func said(_ group: [Phrase], inside: Bool) -> Bool {
                group.indices.contains { phrase in
                    narrative.mayContain(group[phrase]) && group[phrase].hits(in: narrative).contains { hit in
                        !hit.negated && !hit.uncertain && (!inside || (hit.first >= first && hit.last < index))
                    }
                }
            }
            let covered = knowledgeBase.compiled.contains { compiled in
                compiled.all.contains { said($0, inside: true) } && compiled.all.allSatisfy { said($0, inside: false) }
            }
            guard covered else { continue }
            // The provider's words to the end of the clause, a few words at most ("by the ED doctor").
            var last = provider
            while last + 1 < min(index + 5, tokens.count), tokens[last + 1].clause == clause { last += 1 }
            return (narrative.quote(first, index - 1), narrative.quote(index, last))
        }
        return nil
    }

    private func fillRanked(_ report: inout SuggestionReport) {
        guard !ranking.selected.isEmpty else {
            // Declined for its own reason: the only covered work was another provider's.
            let message: String
            if let (work, provider) = otherProvidersWork() {
                message = "Declined: the work described (\"\(work)\") was done by another provider (\"\(provider)\"), and a procedure is "
                    + "reported by whoever performed it, not from this note; no code is suggested. If this is that provider's own record, "
                    + "code what they did."
            } else {
                message = "Outside coverage: the narrative describes no procedure the knowledge base covers (CPT 27000-27899); no code is suggested."
            }
            report.warnings.append(ReportWarning(kind: "coverage", message: message, codes: []))
            // The weak matches are still worth a look for the consultant.
            report.alternatives = ranking.candidates.prefix(3).map { candidate in
                let loser = entry(candidate)
                return Alternative(code: loser.code, descriptor: loser.descriptor, reason: "matched too weakly to suggest (score \(String(format: "%.1f", candidate.score)))")
            }
            return
        }
        var sidesByCode: [String: Set<Side>] = [:]
        var alternativeCodes: Set<String> = Set(ranking.selected.map { entry(ranking.candidates[$0]).code })
        // Listed by AlternativeRank, then by score.
        var alternatives: [(rank: AlternativeRank, score: Double, alternative: Alternative)] = []
        // Several separate procedures (add-ons aside): which one leads, the principal procedure,
        // is the engine's reading of the surgeon's order, not a documented fact.
        let principalChosen = ranking.selected.filter { !entry(ranking.candidates[$0]).isAddOn }.count > 1
        // Steps that are part of a suggested code: one line each saying so, not a further code
        // (before the neighbours' reasons: this is why it is not listed).
        for part in ranking.included {
            let (step, whole) = (entry(ranking.candidates[part.position]), entry(ranking.candidates[part.by]))
            let line = IncludedSteps.sentence(part: step, whole: whole, step: part.step)
            report.warnings.append(ReportWarning(kind: "bundling", message: line, codes: [whole.code, step.code]))
            if alternativeCodes.insert(step.code).inserted {
                alternatives.append((.ofMatch(score: ranking.candidates[part.position].score), ranking.candidates[part.position].score, Alternative(code: step.code, descriptor: step.descriptor, reason: line)))
            }
        }
        for position in ranking.selected {
            let candidate = ranking.candidates[position]
            let winner = entry(candidate)
            let rivals = ranking.candidates.indices.filter { $0 != position && ranking.cluster[$0] == ranking.cluster[position] }
            let runnerUp = rivals.first.map { ranking.candidates[$0].score }
            let sides = repeatedOnOtherSide(candidate, sides: statementSides(candidate) ?? otherSideThanTheRest(candidate) ?? laterality.sides(of: candidate.required))
            sidesByCode[winner.code] = sides
            var evidence: [String] = []
            for hit in candidate.required + candidate.supporting + candidate.facts.compactMap(\.evidence) {
                let quote = narrative.quote(hit.first, hit.last)
                if !evidence.contains(quote) { evidence.append(quote) }
            }
            let rival = rivals.first.map { ranking.candidates[$0] }
            // Not certain when the note contradicts the winner itself (a fact, the approach, the
            // body region), or when what separates it from its neighbour is not documented.
            let consistent = !candidate.facts.contains { $0.outcome == .contradicts } && candidate.approachScore > -1
                && features.regionAgreement(code: winner.code) > -0.3
                // A fact the code requires that the engine cannot see, or that the note does not state.
                && !candidate.facts.contains { $0.outcome == .notDetectable || ($0.outcome == .undocumented && $0.required != .bool(false)) }
                && !candidate.ruledOutWordInCondition
                // Percutaneous read from the implant alone: it may have gone in through an open exposure.
                && !DocumentationQueries.impliedPercutaneous(winner, features: features)
                // The note speaks of what the fact is about without saying whether it was done.
                && !candidate.facts.contains { $0.outcome == .undocumented && $0.documented == FactMatcher.hintedOnly }
            let verified = consistent && !Confidence.hedged(candidate, narrative: narrative, features: features)
                && !Confidence.onlyRequiredWords(candidate, anyGroups: knowledgeBase.compiled[candidate.entryIndex].any.count)
                && !(principalChosen && position == ranking.selected.first)
                && (rival.map { Confidence.decidedByDocumentedFacts(winner: winner, candidate: candidate, rival: entry($0)) } ?? true)
            report.procedures.append(CodeSuggestion(
                code: winner.code, descriptor: winner.descriptor, summary: winner.summary,
                confidence: Confidence.of(score: candidate.score, runnerUp: runnerUp, verified: verified),
                modifiers: modifiers(for: winner, sides: sides, report: &report), evidence: evidence))
            for rival in rivals.prefix(Self.alternativesPerProcedure) where alternativeCodes.insert(entry(ranking.candidates[rival]).code).inserted {
                let loser = entry(ranking.candidates[rival])
                let (reason, excluded) = AlternativeReasons.reasonAndExclusion(winner: winner, winnerCandidate: candidate, loser: loser,
                                                                               loserCandidate: ranking.candidates[rival], narrative: narrative)
                alternatives.append((excluded ? .ruledOut : .ofMatch(score: ranking.candidates[rival].score), ranking.candidates[rival].score,
                                     Alternative(code: loser.code, descriptor: loser.descriptor, reason: reason)))
            }
            for related in winner.related ?? [] where alternativeCodes.insert(related.code).inserted {
                guard let loser = knowledgeBase.procedure(related.code) else { continue }
                let (reason, excluded) = relatedReasonAndExclusion(winner: winner, loser: loser, preferWhen: related.preferWhen)
                alternatives.append((excluded ? .ruledOut : .unmatchedNeighbour, excluded ? -100 : -100 - Double(Self.distance(winner, loser)),
                                     Alternative(code: loser.code, descriptor: loser.descriptor, reason: reason)))
            }
            report.queries += DocumentationQueries.forProcedure(winner, candidate: candidate, rivals: rivals.map { ranking.candidates[$0] },
                                                               knowledgeBase: knowledgeBase, features: features, sides: sides)
        }
        // Further candidates of other clusters that were not suggested.
        for (position, candidate) in ranking.candidates.enumerated() where !ranking.selected.contains(position) {
            let loser = entry(candidate)
            guard alternativeCodes.insert(loser.code).inserted else { continue }
            alternatives.append((.ofMatch(score: candidate.score), candidate.score, Alternative(code: loser.code, descriptor: loser.descriptor,
                                                              reason: "also matched, more weakly (score \(String(format: "%.1f", candidate.score)) against \(String(format: "%.1f", ranking.candidates[ranking.selected[0]].score)))")))
        }
        report.alternatives = alternatives.enumerated().sorted { a, b in
            if a.element.rank != b.element.rank { return a.element.rank < b.element.rank }
            return a.element.score > b.element.score || (a.element.score == b.element.score && a.offset < b.offset)
        }.map(\.element.alternative)
        var requiredByCode: [String: [Phrase.Hit]] = [:]
        for position in ranking.selected { requiredByCode[entry(ranking.candidates[position]).code] = ranking.candidates[position].required }
        combineParts(&report, sidesByCode: &sidesByCode, requiredByCode: &requiredByCode)
        NCCICheck.apply(to: &report, edits: knowledgeBase.ncci, sides: sidesByCode, serviceDate: serviceDate) { first, second in
            distinctSite(requiredByCode[first] ?? [], requiredByCode[second] ?? [])
        }
        keepApart(&report)
    }

    /// A step normally part of another suggested code, kept because the note puts it apart. On
    /// the other side RT/LT say so; at a separate site of the same side it takes XS, as an NCCI
    /// edit with indicator 1 would give it. When the deployment's NCCI data has an edit for the
    /// pair, the NCCI check has already said what applies and this adds nothing.
    private func keepApart(_ report: inout SuggestionReport) {
        for pair in ranking.apart {
            let (step, whole) = (entry(ranking.candidates[pair.position]), entry(ranking.candidates[pair.by]))
            guard knowledgeBase.ncci.edits(between: whole.code, and: step.code, on: serviceDate).isEmpty,
                  let index = report.procedures.firstIndex(where: { $0.code == step.code }) else { continue }
            if let words = pair.separateSite {
                if !report.procedures[index].modifiers.contains("XS") { report.procedures[index].modifiers.append("XS") }
                report.warnings.append(ReportWarning(
                    kind: "bundling",
                    message: "\(step.code) is usually part of \(whole.code) (\(pair.step.reason)); the note documents a separate site (\"\(words)\"), so it is reported with XS (separate structure).",
                    codes: [whole.code, step.code]))
            } else {
                report.warnings.append(ReportWarning(
                    kind: "bundling",
                    message: "\(step.code) would be part of \(whole.code) at the same site; the note puts it on the other side, so it is reported separately (RT/LT).",
                    codes: [whole.code, step.code]))
            }
        }
    }

    /// Words that say a second procedure was done apart from the first: "through a separate
    /// incision", "a second, separate abscess", "a different site", "non-communicating".
    static let separateWords: Set<String> = ["separate", "second", "another", "different", "distinct", "additional"]
    static let separateObjects: Set<String> = ["incision", "incisions", "site", "sites", "wound", "approach", "exposure", "lesion", "abscess",
                                               "abscesses", "collection", "cavity", "compartment"]

    /// The note's own words documenting a distinct site for two codes of one side: their sites are
    /// named in different statements, and the statement of one of them says it was done apart
    /// ("through a separate incision", "a second, non-communicating abscess"). Nil when not documented.
    func distinctSite(_ first: [Phrase.Hit], _ second: [Phrase.Hit]) -> String? {
        Self.distinctSite(first, second, in: narrative)
    }

    static func distinctSite(_ first: [Phrase.Hit], _ second: [Phrase.Hit], in narrative: AnalyzedNarrative) -> String? {
        guard let a = first.first, let b = second.first,
              ProcedureStatements.separated(a.first...a.last, b.first...b.last, in: narrative) || a.sentence != b.sentence else { return nil }
        let sentences = Set((first + second).filter { $0.section.procedureWeight >= 0.85 }.map(\.sentence))
        let tokens = narrative.tokens
        for index in tokens.indices where sentences.contains(tokens[index].sentence) && tokens[index].isAffirmed {
            let word = tokens[index].text
            if word == "noncommunicating" || (word == "communicating" && index > 0 && tokens[index - 1].text == "non") {
                return narrative.quote(max(0, index - 1), index)
            }
            guard Self.separateWords.contains(word) else { continue }
            for next in (index + 1)..<min(tokens.count, index + 4) where tokens[next].sentence == tokens[index].sentence {
                if Self.separateObjects.contains(tokens[next].text) { return narrative.quote(index, next) }
            }
        }
        return nil
    }

    /// Why a neighbour the knowledge base names, which the narrative did not make a candidate, was
    /// not chosen: what the note documents against the facts (or approach) it differs on from the
    /// winner ("27752 rather than 27750: manipulation (reduction) was documented ("closed reduction")"),
    /// else when it would fit; and whether the note rules the neighbour out (a fact it differs on is
    /// contradicted, or another approach is documented) rather than merely not describing it.
    func relatedReasonAndExclusion(winner: ProcedureEntry, loser: ProcedureEntry, preferWhen: String) -> (reason: String, ruledOut: Bool) {
        var reasons: [String] = []
        var ruledOut = false
        for key in loser.facts.keys.sorted() {
            guard let value = loser.facts[key], winner.facts[key] != value else { continue }
            let fact = FactMatcher.compare(key, value, features: features, bilateralBySide: laterality.bothSides,
                                           detectable: knowledgeBase.detectableFacts)
            if fact.outcome == .contradicts || (fact.outcome == .undocumented && fact.score < 0 && fact.documented != FactMatcher.hintedOnly) {
                reasons.append(AlternativeReasons.describe(fact, narrative: narrative))
                if fact.outcome == .contradicts { ruledOut = true }
            }
        }
        if loser.approach != winner.approach, ["open", "percutaneous", "closed"].contains(loser.approach),
           let documented = features.effectiveApproach, documented != loser.approach {
            reasons.append("the treatment documented is \(documented), not \(loser.approach)")
            ruledOut = true
        }
        guard !reasons.isEmpty else {
            return ("\(winner.code) rather than \(loser.code): \(loser.code) fits when \(preferWhen), which the narrative does not describe", false)
        }
        return ("\(winner.code) rather than \(loser.code): " + reasons.joined(separator: "; ") + " (\(loser.code) fits when \(preferWhen))", ruledOut)
    }

    /// With several procedures, the side of the statement that names a code's site ("right
    /// above-knee amputation, left below-knee amputation": RT and LT, not both on each).
    private func statementSides(_ candidate: ScoredCandidate) -> Set<Side>? {
        guard ranking.selected.count > 1, let site = candidate.required.first else { return nil }
        let named = ProcedureStatements.sides(at: site.first, in: narrative)
        return named.isEmpty ? nil : named
    }

    /// A procedure whose sentences name no side, beside procedures each told of one side, in a
    /// note naming both sides: the side the others leave ("Left ankle. … Medial malleolus fixed
    /// … The contralateral (right) Achilles was repaired … bilateral splints" is 27814-LT, 27650-RT).
    private func otherSideThanTheRest(_ candidate: ScoredCandidate) -> Set<Side>? {
        guard ranking.selected.count > 1, laterality.overall.count == 2,
              candidate.required.allSatisfy({ laterality.bySentence[$0.sentence] == nil }) else { return nil }
        var taken: Set<Side> = []
        for position in ranking.selected where ranking.candidates[position].entryIndex != candidate.entryIndex {
            let other = ranking.candidates[position]
            guard !entry(other).isAddOn, let named = statementSides(other) else { continue }
            taken.formUnion(named)
        }
        guard taken.count == 1 else { return nil }
        return laterality.overall.subtracting(taken)
    }

    /// One code done on both sides: its site is named again in a statement of the other side,
    /// with each other required group in that statement too ("R ankle: ORIF lateral malleolus
    /// fx. L ankle: ORIF lateral malleolus fx" is one code on both sides, not RT only).
    private func repeatedOnOtherSide(_ candidate: ScoredCandidate, sides: Set<Side>) -> Set<Side> {
        guard sides.count == 1 else { return sides }
        let compiled = knowledgeBase.compiled[candidate.entryIndex]
        guard let siteGroup = compiled.all.first else { return sides }
        var found = sides
        // Neighbour codes suggested with this one: the statement of the other side may be theirs
        // ("Right bimalleolar ORIF (fibular plate …). Left lateral malleolus ORIF" is 27814-RT and 27792-LT).
        let neighbours = ranking.selected.map { ranking.candidates[$0] }.filter { other in
            other.entryIndex != candidate.entryIndex && !entry(other).isAddOn
                && ProcedureStatements.neighbours(compiled, knowledgeBase.compiled[other.entryIndex])
        }
        for site in siteGroup.flatMap({ $0.hits(in: narrative) }) where site.affirmed && site.section.procedureWeight >= 0.85 {
            let named = ProcedureStatements.sides(at: site.first, in: narrative)
            guard named.count == 1, named.isDisjoint(with: found) else { continue }
            let range = site.first...site.last
            if neighbours.contains(where: { other in
                other.required.contains { !ProcedureStatements.separated(range, $0.first...$0.last, in: narrative) }
                    && ProcedureStatements.sides(at: other.required[0].first, in: narrative) == named
            }) { continue }
            let whole = compiled.all.dropFirst().allSatisfy { group in
                group.contains { phrase in
                    phrase.hits(in: narrative).contains { $0.affirmed && !ProcedureStatements.separated(range, $0.first...$0.last, in: narrative) }
                }
            }
            if whole { found.formUnion(named) }
        }
        return found
    }

    /// RT/LT from the side; 50 when the entry allows bilateral reporting and both sides were done.
    func modifiers(for entry: ProcedureEntry, sides: Set<Side>, report: inout SuggestionReport) -> [String] {
        switch entry.laterality {
        case "side", "bilateral-50":
            if sides.count == 2 {
                if entry.laterality == "bilateral-50" { return ["50"] }
                let source = knowledgeBase.feeSchedule.flatMap { $0.byCode[entry.code]?.bilateral != nil ? " per the CMS fee schedule \($0.file)" : nil } ?? ""
                report.warnings.append(ReportWarning(kind: "modifier", message: "\(entry.code) is reported once per side: report it on two lines, RT and LT (modifier 50 does not apply\(source)).", codes: [entry.code]))
                return ["RT", "LT"]
            }
            if let side = sides.first { return [side == .right ? "RT" : "LT"] }
            return []
        default:
            return []
        }
    }
}
