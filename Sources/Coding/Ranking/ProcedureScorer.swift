/// A knowledge-base entry that matched the narrative, with its score and the reasons for it.
struct ScoredCandidate: Sendable {
    let entryIndex: Int
    var score: Double
    /// Best hit of each `all` group: what makes the code a candidate at all.
    var required: [Phrase.Hit]
    /// Hits of `any` groups.
    var supporting: [Phrase.Hit]
    var facts: [FactComparison]
    var approachDocumented: String?
    var approachScore: Double
    /// Its required words come from the statements of two different procedures.
    var mixed = false
    /// A word that rules it out is in a condition line (findings, diagnosis) and was let pass because
    /// a title line documents the whole entry ("Operation: MUA ankle." … "Findings: fracture"): not certain.
    var ruledOutWordInCondition = false
}

/// Scores one entry against an analysed narrative (nil when it is not a candidate).
enum ProcedureScorer {
    /// Procedure evidence must come from somewhere that describes today's operation.
    static let minimumSectionWeight = 0.5
    static let requiredWeight = 4.0
    static let extraGroupBonus = 0.5
    /// What a narrative about another body region costs a code (scaled by how one-sided it is).
    static let regionPenalty = 2.0
    /// Removing hardware is not treating the fracture it once fixed.
    static let hardwareRemovalPenalty = 2.5
    static let untreatedPenalty = 2.5
    static let injectionOnlyPenalty = 4.0
    /// Work whose hardware is what a later "removal of hardware from the healed …" takes out.
    static let healedBoneActions: Set<String> = [
        "fracture-treatment", "dislocation-treatment", "osteotomy", "arthrodesis", "epiphyseal-arrest", "repair", "reconstruction", "graft",
    ]
    static let externalFixatorOnlyPenalty = 4.5
    static let removedNativePartPenalty = 3.0
    static let exposureOsteotomyPenalty = 4.0

    /// Whether one sentence has affirmed words of both groups.
    static func groupsShareSentence(_ a: [Phrase], _ b: [Phrase], narrative: AnalyzedNarrative) -> Bool {
        var sentences: Set<Int> = []
        for index in a.indices where narrative.mayContain(a[index]) {
            for hit in a[index].hits(in: narrative) where hit.affirmed { sentences.insert(hit.sentence) }
        }
        guard !sentences.isEmpty else { return false }
        return b.indices.contains { narrative.mayContain(b[$0]) && b[$0].hits(in: narrative).contains { $0.affirmed && sentences.contains($0.sentence) } }
    }

    /// Whether a sentence has both a removal word (the entry's second `all` group) and an
    /// implant word (its last group), affirmed.
    static func removalNamesImplant(_ compiled: CompiledEntry, narrative: AnalyzedNarrative) -> Bool {
        guard let implantGroup = compiled.all.last else { return false }
        return groupsShareSentence(compiled.all[1], implantGroup, narrative: narrative)
    }

    /// A required group of compartment names ("anterior compartment", "deep posterior", …).
    static func isCompartmentGroup(_ group: [Phrase]) -> Bool {
        guard let first = group.first else { return false }
        return bytesContain(first.text, "compartment") && group.filter { bytesContain($0.text, "compartment") }.count * 2 >= group.count
    }

    /// Whether `text` holds `needle` byte for byte: `String.contains` goes through Foundation's
    /// `range(of:)` (UTF-16, a CFString), which showed in the profile for this once-per-group test.
    static func bytesContain(_ text: String, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var text = text
        return text.withUTF8 { bytes in
            guard let head = pattern.first, bytes.count >= pattern.count else { return false }
            var start = 0
            while start + pattern.count <= bytes.count {
                if bytes[start] == head {
                    var offset = 1
                    while offset < pattern.count, bytes[start + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// Whether any compartment is named ("anterior compartment", "all four compartments", "dual
    /// incision"): a word of a name within three words before "compartment(s)", or two incisions.
    static func namesCompartment(_ narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        for (index, token) in tokens.enumerated() {
            if token.text == "compartment" || token.text == "compartments" {
                var look = index - 1
                while look >= 0, look >= index - 3 {
                    if Lexicon.compartmentWords.contains(tokens[look].text) { return true }
                    look -= 1
                }
            } else if token.text == "incision" || token.text == "incisions", index > 0,
                      ["dual", "two", "2", "double", "both", "medial", "lateral", "anterolateral", "posteromedial"].contains(tokens[index - 1].text) {
                return true
            }
        }
        return false
    }

    /// The best affirmed hit of each `all` group (nil when a group is missing), whatever the
    /// entry's `none` phrases say.
    ///
    /// When the best hits are spread over several procedure statements ("1. Radical resection,
    /// right thigh. 2. Excision of lipoma, left knee area"), the hits are taken, among those as
    /// strong, from the statement whose site documents most of the other groups.
    ///
    /// `bests`: the groups' best hits in this narrative, shared by the entries of one ranking.
    static func requiredHits(_ compiled: CompiledEntry, narrative: AnalyzedNarrative, bests: GroupBests? = nil) -> [Phrase.Hit]? {
        // Most entries miss their first group: the array is reserved only once a group is found,
        // and the groups are read by index (`for group in` retains each group array).
        var hits: [Phrase.Hit] = []
        let groups = compiled.all
        // A hip the surgeon dislocated to reach the head or the socket is no dislocation to treat.
        let approach = compiled.treatsHipDislocation ? narrative.surgicalDislocationSpans : []
        for groupIndex in groups.indices {
            let found = if let bests, approach.isEmpty { bests.best(compiled.allIDs[groupIndex]) }
                else { best(groups[groupIndex], in: narrative, outside: approach) }
            guard let hit = found else {
                let group = groups[groupIndex]
                // A fasciotomy that names no compartment ("fasciotomy performed, wounds left open"):
                // the group naming the code's compartments is not required, so the compartment
                // codes are ranked and the surgeon asked which compartments, rather than nothing said.
                // Only for a fasciotomy or a compartment syndrome said in words ("fascia incised" to
                // reach a deep mass is an approach).
                if let site = hits.first, isCompartmentGroup(group), !namesCompartment(narrative),
                   narrative.tokens.contains(where: { $0.isAffirmed && ["fasciotomy", "fasciotomies", "compartment", "compartments"].contains($0.text) }) {
                    hits.append(site)
                    continue
                }
                // A hip replaced earlier holds its prosthesis when it dislocates today (`PriorImplant`).
                if compiled.treatsHipDislocation, PriorImplant.namesHipProsthesis(group, entry: compiled.entry),
                   let prior = PriorImplant.historyHit(group, own: hits, narrative: narrative) {
                    hits.append(prior)
                    continue
                }
                return nil
            }
            if hits.isEmpty { hits.reserveCapacity(groups.count) }
            hits.append(hit)
        }
        guard hits.count >= 2, var site = hits.first else { return hits }
        func span(_ hit: Phrase.Hit) -> ClosedRange<Int> { hit.first...hit.last }
        // The same words said again in the site's statement are that statement's ("curettage of
        // the tibia … and curettage of the femur": the femur's own curettage).
        for (offset, group) in compiled.all.enumerated().dropFirst() {
            let chosen = hits[offset]
            func own(_ hit: Phrase.Hit) -> Bool { !ProcedureStatements.separated(span(site), span(hit), in: narrative) }
            guard !own(chosen), let phraseIndex = group.indices.first(where: { narrative.mayContain(group[$0]) && group[$0].hits(in: narrative).contains(chosen) }) else { continue }
            let phrase = group[phraseIndex]
            if let near = phrase.hits(in: narrative).first(where: { $0.affirmed && $0.section.procedureWeight == chosen.section.procedureWeight && own($0) }) {
                hits[offset] = near
            } else if let near = group.indices.lazy.filter({ narrative.mayContain(group[$0]) }).compactMap({ index in
                group[index].hits(in: narrative).first { hit in
                    hit.affirmed && hit.section.procedureWeight == chosen.section.procedureWeight
                        && hit.last < site.first && chosen.first > site.last
                        && narrative.tokens[hit.first].clause == narrative.tokens[site.first].clause
                        && !stride(from: min(hit.last, site.last) + 1, to: max(hit.first, site.first), by: 1).contains { ProcedureStatements.joins($0, in: narrative) }
                }
            }).first {
                // The action said before the site in its own statement, when the chosen word follows
                // the next statement's joining word ("tension band wiring of the patella and ORIF of the
                // lateral malleolus": the patella's is the tension band, not the malleolus's ORIF).
                hits[offset] = near
            }
        }
        // The first group's longest word may stand in the next procedure's statement: in
        // "arthrotomy and washout of the knee, then incision and drainage of the thigh" the knee's
        // action is the arthrotomy, not the thigh's incision and drainage. When a joining word
        // other than a bare "and" (not a side or a list item: those are read below) parts the first
        // word from every other group's, a word of the first group as strong, said before it in its
        // sentence and in the statement of every other group's word, is taken instead.
        func parted(_ a: Phrase.Hit, _ b: Phrase.Hit) -> Bool { ProcedureStatements.separated(span(a), span(b), in: narrative, plainAnd: false) }
        // Spread over list items or sides only: "then", "also" join the steps of one operation too.
        func apart(_ a: Phrase.Hit, _ b: Phrase.Hit) -> Bool { ProcedureStatements.separated(span(a), span(b), in: narrative, joins: false) }
        if hits.dropFirst().allSatisfy({ parted(site, $0) && !apart(site, $0) }) {
            let others = hits.dropFirst()
            var better: Phrase.Hit?
            for index in compiled.all[0].indices where narrative.mayContain(compiled.all[0][index]) {
                for hit in compiled.all[0][index].hits(in: narrative) where hit.affirmed && hit != site
                    && hit.section.procedureWeight == site.section.procedureWeight && !others.contains(where: { parted(hit, $0) })
                    && !others.contains(where: { span($0).overlaps(span(hit)) })
                    && hit.sentence == site.sentence && hit.last < site.first {
                    if better.map({ hit.last - hit.first > $0.last - $0.first }) ?? true { better = hit }
                }
            }
            if let better {
                site = better
                hits[0] = better
            }
        }
        guard hits.dropFirst().contains(where: { apart(site, $0) }) else { return hits }
        func equals(_ group: [Phrase], as strong: Phrase.Hit) -> [Phrase.Hit] {
            group.flatMap { $0.hits(in: narrative) }.filter { $0.affirmed && $0.section.procedureWeight == strong.section.procedureWeight }
        }
        let others = zip(compiled.all, hits).dropFirst().map { equals($0.0, as: $0.1) }
        var chosen = hits
        // The best site first; another only when its statement documents more of the entry.
        var bestCount = -1
        for candidate in [site] + equals(compiled.all[0], as: site).filter({ $0 != site }) {
            let together = others.map { group in group.filter { !apart(candidate, $0) } }
            let count = together.filter { !$0.isEmpty }.count
            guard count > bestCount else { continue }
            bestCount = count
            // Hits already in the statement stay; others move into it when they can.
            chosen = [candidate] + zip(together, hits.dropFirst()).map { near, strongest in
                if near.contains(strongest) { return strongest }
                return near.max { ($0.last - $0.first) < ($1.last - $1.first) } ?? strongest
            }
        }
        return chosen
    }

    /// `hits`: its `requiredHits`; `documented`: every entry whose required groups are affirmed
    /// (a `none` phrase in another procedure's statement does not rule this one out);
    /// `factFeatures`: the features of the words that belong to this procedure when the
    /// narrative documents several (`FactTerritory`), else nil.
    static func score(_ compiled: CompiledEntry, index: Int, hits: [Phrase.Hit], narrative: AnalyzedNarrative, features: DetectedFeatures,
                      factFeatures: DetectedFeatures? = nil, documented: [ProcedureStatements.Documented] = [], all entries: [CompiledEntry] = [],
                      bilateralBySide: Bool, detectable: Set<String>, note: NoteReadings? = nil) -> ScoredCandidate? {
        var score = 0.0
        var required: [Phrase.Hit] = []
        var strongest = 0.0
        var weights = 0.0
        for hit in hits {
            let weight = hit.section.procedureWeight
            strongest = max(strongest, weight)
            weights += weight
            score += 0.05 * Double(hit.last - hit.first)
            required.append(hit)
        }
        // How well the required groups are documented, not how many an author wrote: an entry
        // with three groups is a little more specific than one with two, not half again as likely.
        score += requiredWeight * weights / Double(max(compiled.all.count, 1)) + extraGroupBonus * Double(max(compiled.all.count - 1, 0))
        // Today's operation must be documented somewhere that describes it: a required group
        // there, or (when the condition is only named in the indications) a supporting phrase.
        if strongest < minimumSectionWeight {
            let supported = compiled.any.contains { group in (best(group, in: narrative)?.section.procedureWeight ?? 0) >= 0.85 }
            guard strongest >= SectionKind.history.procedureWeight, supported else { return nil }
        }
        // Sentences of the procedure title that document the whole entry on their own ("PROCEDURE:
        // 1. Percutaneous iliosacral screw fixation, left sacral fracture. 2. ..."): a ruling-out
        // word in another sentence belongs to another listed procedure ("2. ... symphyseal plate")
        // and does not rule this one out. Body text is one procedure told over several sentences.
        var ownSentences: Set<Int>?
        for group in compiled.all {
            var sentences: Set<Int> = []
            for index in group.indices where narrative.mayContain(group[index]) {
                for hit in group[index].hits(in: narrative) where hit.affirmed && hit.section.procedureWeight >= 1.0 {
                    sentences.insert(hit.sentence)
                }
            }
            ownSentences = ownSentences.map { $0.intersection(sentences) } ?? sentences
        }
        // Only list items count as separate procedures: an ordinary sentence under a PROCEDURE
        // heading ("The lateral malleolus was fixed …" after "ORIF trimalleolar fracture") is the
        // same operation told in parts, and its ruling-out words still apply.
        let whole = (ownSentences ?? []).intersection(narrative.listItemSentences)
        // Longest match wins here too: a ruling-out word inside a longer phrase the entry lists
        // itself ("bimalleolar" inside "bimalleolar equivalent" for the lateral malleolus codes)
        // does not rule the entry out.
        var ownLonger: [ClosedRange<Int>]?
        func insideOwnPhrase(_ hit: Phrase.Hit) -> Bool {
            if ownLonger == nil {
                ownLonger = (compiled.all + compiled.any).flatMap { $0 }.filter { $0.keys.count > 1 && narrative.mayContain($0) }
                    .flatMap { $0.hits(in: narrative) }.filter(\.affirmed).map { $0.first...$0.last }
            }
            return ownLonger!.contains { $0.lowerBound <= hit.first && $0.upperBound >= hit.last && $0.count > hit.last - hit.first + 1 }
        }
        // The native hip's codes stand aside for a hip replaced earlier on the same side (`PriorImplant`).
        if PriorImplant.namesHipProsthesis(compiled.none, entry: compiled.entry), PriorImplant.historyHit(compiled.none, own: required, narrative: narrative) != nil {
            return nil
        }
        for index in compiled.none.indices where narrative.mayContain(compiled.none[index]) {
            let phrase = compiled.none[index]
            if phrase.hits(in: narrative).contains(where: { $0.affirmed && $0.section.procedureWeight >= minimumSectionWeight
                && (whole.isEmpty || whole.contains($0.sentence)) && !insideOwnPhrase($0)
                && !ProcedureStatements.belongsToAnother($0, own: required, entry: compiled, documented: documented, compiled: entries, narrative: narrative)
                && !separateArthroscopy($0, phrase: phrase, own: required, features: features, narrative: narrative)
                && !saidOfOtherSide($0, own: required, narrative: narrative)
                && !woundClosure($0, narrative: narrative) }) { return nil }
        }
        let conditionLines: Set<SectionKind> = [.findings, .diagnosisPre, .diagnosisPost]
        let ruledOutWordInCondition = !whole.isEmpty && compiled.none.contains { phrase in
            phrase.hits(in: narrative).contains { $0.affirmed && conditionLines.contains($0.section) && !insideOwnPhrase($0) }
        }
        var supporting: [Phrase.Hit] = []
        // Supporting evidence is other words than the required ones: an `any` group that repeats
        // a required phrase ("unlisted") adds nothing the code has not already been credited for.
        let requiredRanges = required.map { $0.first...$0.last }
        for group in compiled.any {
            if let hit = best(group, in: narrative, outside: requiredRanges) {
                score += 1.0 * hit.section.procedureWeight
                supporting.append(hit)
            } else if group.contains(where: { $0.hits(in: narrative).contains { $0.negated && !$0.historical } }),
                      // Not when a required word already says what the group stands for: "anterior
                      // column (required) ... posterior column and walls intact" is one column.
                      !group.contains(where: { $0.hits(in: narrative).contains { hit in
                          hit.affirmed && requiredRanges.contains { $0.lowerBound <= hit.first && $0.upperBound >= hit.last } } }) {
                score -= 0.5
            }
        }
        let entry = compiled.entry
        // The generic "joint" is the joint the note names: "Septic ankle R. Anteromedial arthrotomy,
        // joint washed out" opened the ankle, not the knee whose code also lists "joint".
        if !features.namesRegion(ofCode: entry.code), features.regionAgreement(code: entry.code) < 0,
           required.contains(where: { $0.first == $0.last && ["joint", "joints"].contains(narrative.tokens[$0.first].text) }) { return nil }
        // So are the generic words of an implant: "infected R total ankle … both prosthetic components
        // removed, cement spacer" took out the ankle's prosthesis, not the hip's or the knee's.
        if genericImplantOfAnotherRegion(entry.code, hits: hits, narrative: narrative, features: features) { return nil }
        let ownFeatures = factFeatures ?? features
        var facts: [FactComparison] = []
        for key in entry.facts.keys.sorted() {
            guard let value = entry.facts[key] else { continue }
            var comparison = FactMatcher.compare(key, value, features: ownFeatures, bilateralBySide: bilateralBySide, detectable: detectable)
            // A hint of an earlier arthroplasty or hardware ("failed UKA", "spacer", "DHS removed")
            // questions only a hip or knee replacement told as if the joint had none: not a removal
            // (the spacer is 27091's own subject), not a conversion of earlier hip surgery (27132
            // says so itself), not another operation's code.
            if key == "revision", comparison.documented == FactMatcher.hintedOnly, !Self.primaryReplacement(entry) {
                comparison.documented = "not documented"
            }
            // "Total knee" is the code's own required word, already scored: the fact only tells the
            // report what separates 27447 from 27446.
            if key == "bothTibiofemoralCompartments" { comparison.score = 0 }
            score += comparison.score
            facts.append(comparison)
        }
        // The code treats a fracture or a dislocation.
        let treatsInjury = entry.action == "fracture-treatment" || entry.action == "dislocation-treatment"
        let approach = FactMatcher.approach(entry.approach, ownFeatures, sentences: Set(required.map(\.sentence)),
                                            clauses: Set(required.map { narrative.tokens[$0.first].clause }),
                                            treatsInjury: treatsInjury)
        // A cast or splint after an operation it routinely follows, with no closed form of its own (a
        // ligament repair, a tendon transfer, an osteotomy: "Brostrom L ankle, BK cast") is its
        // aftercare, not closed treatment: as if no approach were said.
        let castAftercare = approach.documented == "closed" && entry.approach == "open" && Self.castAftercareActions.contains(entry.action)
            && !ownFeatures.state("approach:closed").present && !ownFeatures.state("manipulation").present
        // A needle injection is done through the skin whatever else is said: closed care of the
        // same joint (an examination under anaesthesia, a harness) does not contradict it.
        score += entry.action == "introduction-injection" && approach.documented == "closed" ? max(approach.score, 0)
            : castAftercare ? max(approach.score, -0.3) : approach.score
        // Several procedures: the region of the code's own statement when that names one and its own
        // region ("1. Right total knee arthroplasty. 2. ORIF left bimalleolar ankle fracture": the
        // ankle words are the other procedure's); else the note's.
        let territoryRegion = factFeatures.flatMap { own in own.namesRegion(ofCode: entry.code) ? own.regionAgreement(code: entry.code) : nil }
        score += regionPenalty * (territoryRegion ?? features.regionAgreement(code: entry.code))
        if treatsInjury {
            // A fracture named but not treated (its wound washed out, its history told) is not
            // its treatment: some approach, reduction, fixation, immobilisation or care is expected.
            let treated = features.effectiveApproach != nil || features.state("manipulation").present || !features.fixations.isEmpty
                || features.state("immobilization").present || features.state("treatment").present
                // Care without an operation said in words ("no procedure", "bed rest") is care too.
                || features.state("conservativeCare").present
                // A prosthesis put in ("Implants: bipolar head 47 mm; cemented femoral stem") replaced the broken part.
                || features.state("prostheticReplacement").present
            if !treated { score -= untreatedPenalty }
        }
        if entry.action != "manipulation", entry.action != "introduction-injection",
           !Self.closedFormActions.contains(entry.action)
            // A fracture or dislocation has a closed form of care: it is named alone only when its
            // words stand under a diagnosis or findings heading ("Findings: oblique fracture of the
            // distal fibula ... Impression: unstable injury", "Diagnosis: ...").
            || required.allSatisfy({ [.findings, .diagnosisPre, .diagnosisPost].contains($0.section) })
            // Or anywhere, when the note tells nothing done at all, in no words (no care, no
            // splint, no action, no code asked about): "Patient is having fracture of the right
            // patella, displaced", "CT L knee: Schatzker VI tibial plateau fracture". A diagnosis
            // alone is not its closed treatment.
            || entry.action == "fracture-treatment",
           Self.conditionOnly(required, compiled: compiled, features: features, narrative: narrative) {
            // "Achilles rupture L.", "MRI: complete patellar tendon tear", "XR: Weber B fibula
            // fracture": the words that make the entry a candidate name only the condition, and the
            // note tells nothing done at all (no approach, reduction, fixation, immobilisation,
            // treatment, care or an action word of the entry's own): no operation is documented.
            score -= 2 * untreatedPenalty
        }
        if !Self.closedFormActions.contains(entry.action), entry.action != "introduction-injection",
           features.state("nonoperativeCare").weight >= 0.5, !features.state("approach:open").present,
           !features.state("approach:percutaneous").present, !features.state("approach:arthroscopic").present {
            // "Achilles rupture treated non-operatively; short leg cast in equinus": the condition
            // was not operated on, and a code for operating on it is not documented.
            score -= untreatedPenalty
        }
        // A manipulation's ruled-out injury word counts as in the condition lines (below) also when it
        // is told in the body under a title ("Procedure: MUA right hip" … "Surgeon's note: posterior
        // dislocation reduced closed"): the word was let pass only because the title documents the
        // whole entry.
        let injuryUnderTitle = entry.action == "manipulation" && !whole.isEmpty && compiled.none.indices.contains { index in
            narrative.mayContain(compiled.none[index]) && compiled.none[index].hits(in: narrative).contains { hit in
                hit.affirmed && !whole.contains(hit.sentence) && hit.section.procedureWeight >= minimumSectionWeight
                    && (hit.first...hit.last).contains { injuryWords.contains(narrative.tokens[$0].text) }
            }
        }
        if entry.action == "manipulation", ruledOutWordInCondition || injuryUnderTitle, features.state("manipulation").present {
            // "Operation: MUA right ankle" … "Findings: displaced bimalleolar fracture": the
            // manipulation is that fracture's (or dislocation's) reduction, coded as its treatment;
            // a joint manipulation code is for a stiff joint with nothing broken or out of place.
            score -= 2 * untreatedPenalty
        }
        if Self.healedBoneActions.contains(entry.action), features.state("hardwareRemoval").weight >= 0.5,
           features.state("healed").weight >= 0.5, !features.state("manipulation").present {
            // "Removal of a prominent screw from a healed tibial tubercle osteotomy": the
            // osteotomy (fusion, physeal arrest, repair) was done before; today is 20680.
            score -= 3 * hardwareRemovalPenalty
        } else if treatsInjury, features.state("hardwareRemoval").weight >= 0.5 {
            // Without a reduction documented, removing hardware is the whole operation.
            score -= features.state("manipulation").present ? hardwareRemovalPenalty : 3 * hardwareRemovalPenalty
        }
        if treatsInjury, features.state("castChange").weight >= 0.5,
           !features.state("manipulation").present, features.effectiveApproach != "open", features.effectiveApproach != "percutaneous" {
            // "Long leg cast changed at week 4": the cast's own service at a later visit (29xxx); the
            // fracture's treatment was coded when it began.
            score -= 3 * hardwareRemovalPenalty
        }
        if entry.action == "fracture-treatment", !features.state("manipulation").present,
           (entry.approach == "closed" && features.effectiveApproach != "open" && features.effectiveApproach != "percutaneous")
            || (entry.approach == "open" && features.effectiveApproach != "open")
            || (entry.approach == "percutaneous" && features.effectiveApproach != "percutaneous" && features.fixations.isEmpty),
           Self.surgeryPlanned(narrative) {
            // "Backslab applied; ORIF planned next week": the splint (or traction pin) before the
            // planned operation is its own service (29xxx, 20650); the fracture care is the
            // operation's, and an open code is not documented by the plan for it. A closed code
            // is ruled out: the splint words that speak for it are the temporary splint's.
            score -= plannedSurgeryPenalty * (entry.approach == "closed" ? 3 : 1)
        }
        if entry.action == "fracture-treatment", entry.approach != "closed", !features.state("manipulation").present,
           features.effectiveApproach == nil, features.fixations.isEmpty,
           narrative.tokens.contains(where: { $0.text == "fasciotomy" && $0.isAffirmed }) {
            // "CT: bicondylar plateau fracture. Op: superficial and deep posterior compartments
            // released": the fracture is why the compartments were released; nothing of its own
            // treatment (approach, reduction, fixation) is told, so no operative fracture code.
            score -= plannedSurgeryPenalty
        }
        if entry.action == "fracture-treatment", features.fixations.contains("external"), features.fixations.isDisjoint(with: ["intramedullary", "plate-screws"]),
           !features.state("manipulation").present, features.effectiveApproach != "open" {
            // An external fixator put on without a reduction (a temporary spanning frame before
            // definitive fixation) is the fixator's own service (20690/20692), not fracture care;
            // an open-treatment code with no open step at all is further still.
            score -= externalFixatorOnlyPenalty + (entry.approach == "open" && features.effectiveApproach == nil ? 1.5 : 0)
        }
        if !["arthroscopic", "endoscopic", "any"].contains(entry.approach), approach.documented != "open",
           features.state("approach:arthroscopic").weight >= 0.5, arthroscopyOnlyLooked(required, in: narrative) {
            // "Diagnostic arthroscopy first showed no loose bodies" before an MPFL reconstruction told
            // in sentences of its own: a look before the open work is part of it, not its approach.
            score += FactMatcher.arthroscopicPenalty
        }
        if entry.action == "arthroplasty", entry.facts["revision"] == .bool(false), let site = required.first, implantAlreadyIn(site, in: narrative) {
            // The implant the code would put in is already there: "septic arthritis post THA",
            // "infected TKA", "flap to cover an exposed total knee prosthesis".
            score -= existingImplantPenalty
        }
        if entry.action == "fasciotomy", entry.facts["nonviableMuscleDebridement"] == nil,
           Self.muscleViabilityFeatures.contains(where: { ownFeatures.state($0).weight >= minimumSectionWeight }) {
            // Whether the muscle lives ("pink, twitches with the cautery", "grey, non-contractile,
            // excised") is judged when compartments are released for compartment syndrome, never
            // in a fascia lengthening or an iliotibial band release (27025, 27305).
            score -= untreatedPenalty
        }
        if entry.action == "fasciotomy", fasciaOpenedForCollection(required, in: narrative) {
            // "Incision over the anterior compartment, crural fascia opened, pus evacuated from
            // beneath it": the fascia was opened to reach the abscess (or mass), nothing released.
            score -= fasciaAccessPenalty
        }
        if let site = compiled.all.first, creaseOnly(site, in: narrative) {
            // The site word only names a skin crease the incision went through: "hamstring releases
            // through gluteal crease incisions" is no gluteal tendon release.
            score -= outsideSitePenalty
        }
        if compiled.all.contains(where: { donorSiteOnly($0, in: narrative) || namesAnotherStructure($0, in: narrative) }) {
            // The code's site is only where a graft came from: "a 10 mm plug harvested from the
            // lateral trochlea of the ipsilateral knee" for a talus, "semitendinosus harvested from the thigh".
            score -= outsideSitePenalty
        }
        if let site = required.first, siteQualifiedElsewhere(site, in: narrative) {
            // The code's site word belongs to a bone or joint outside the range: "supracondylar
            // fracture of the humerus", "elbow ulnar collateral ligament reconstruction".
            score -= outsideSitePenalty
        }
        let note = note ?? NoteReadings(narrative)
        if entry.action == "fracture-treatment", !note.namesInjury {
            // Fracture care with nothing broken in the note: "8-plate to the medial distal femur for
            // genu valgum" is a plate on a femur, not a femoral shaft fracture plated.
            score -= untreatedPenalty
        } else if entry.action == "fracture-treatment", features.fixations.isEmpty, note.dislocationOnly {
            // Nor is a joint or a tendon put back where it belongs ("dislocation of the proximal
            // tibiofibular joint, direct pressure on the fibular head", "peroneal tendons dislocating
            // over the fibula, relocated"), nothing fixed and no word of the note naming a fracture.
            score -= outsideSitePenalty
        }
        if entry.action == "dislocation-treatment", note.onlyTendonsDislocated {
            // "The peroneal tendons dislocating over the fibula … relocated": what was out of place is
            // a tendon, not the joint (27675/27676, not an ankle dislocation).
            score -= outsideSitePenalty
        }
        if entry.action != "introduction-injection", onlyInjected(required, in: narrative) {
            // Only a needle was put into the joint or bursa the code names (injection, aspiration):
            // that is 20600-20611, not this code's work.
            score -= injectionOnlyPenalty
        }
        if entry.action == "removal-implant", compiled.all.count >= 3, !removalNamesImplant(compiled, narrative: narrative) {
            // What was taken out is not the implant: "femoral head removed, sized 47 mm" in a
            // hemiarthroplasty, "osteophytes removed" in a total hip. The implant is named in the
            // sentence that removes it ("the loose stem was extracted", "removal of the prosthesis").
            score -= removedNativePartPenalty
        }
        if entry.action == "osteotomy", let cut = compiled.all.firstIndex(where: { $0.contains { $0.text.hasPrefix("osteotom") } }),
           compiled.all.count >= 2, !groupsShareSentence(compiled.all[cut], compiled.all[cut == 0 ? 1 : 0], narrative: narrative) {
            // The bone cut is not named where the osteotomy is: "extended trochanteric osteotomy;
            // the loose acetabular shell removed" or "trochanteric flip osteotomy" in a hip
            // fracture-dislocation is an exposure, not an osteotomy of the acetabulum.
            score -= exposureOsteotomyPenalty
        }
        if entry.action == "fracture-treatment", entry.approach == "open", let site = compiled.all.first, siteSaidNotFixed(site, in: narrative) {
            // "Maisonneuve injury …; syndesmosis screwed. The proximal fibula fracture was not
            // fixed": the open code of the bone said left unfixed, and never said fixed, is not
            // today's work; the ankle was opened for another procedure.
            score -= untreatedPenalty
        }
        if entry.isUnlisted { score -= 1.5 }
        if entry.isAddOn { score -= 0.5 }
        var candidate = ScoredCandidate(entryIndex: index, score: score, required: required, supporting: supporting, facts: facts,
                                        approachDocumented: approach.documented, approachScore: approach.score)
        candidate.ruledOutWordInCondition = ruledOutWordInCondition
        return candidate
    }

    /// "Knee arthroscopy with meniscectomy, and a separate open excision of a thigh lipoma": the
    /// arthroscopy (a 29xxx code, not in the knowledge base) is told in clauses of its own and
    /// this code's clauses document an open approach, so the arthroscopy words do not rule it out.
    static func separateArthroscopy(_ hit: Phrase.Hit, phrase: Phrase, own: [Phrase.Hit], features: DetectedFeatures,
                                    narrative: AnalyzedNarrative) -> Bool {
        // Byte for byte (`bytesContain`): `String.contains` went through Foundation for each hit.
        guard bytesContain(phrase.text, "arthroscop") || bytesContain(phrase.text, "portal") || bytesContain(phrase.text, "scope") else { return false }
        let clauses = Set(own.flatMap { [narrative.tokens[$0.first].clause, narrative.tokens[$0.last].clause] })
        guard !clauses.contains(narrative.tokens[hit.first].clause), !clauses.contains(narrative.tokens[hit.last].clause) else { return false }
        return !(features.approachClauses["open"] ?? []).isDisjoint(with: clauses)
    }

    /// Words of a suture or repair that rule a code out ("meniscus repaired" is no meniscectomy).
    static let sutureWords: Set<String> = ["suture", "sutures", "sutured", "suturing", "repair", "repaired"]
    /// Words of closing the way in: the skin, the wound, its layers (not `NarrativeAnalyzer.closureWords`,
    /// a wound closed or washed out again after the operation that made it).
    static let skinClosureWords: Set<String> = ["skin", "wound", "wounds", "layer", "layers", "layered", "subcutaneous", "subcuticular",
                                                "closure", "closed", "incision", "incisions", "dermis", "staples"]
    /// A suture or repair word in a clause that closes the wound ("Layered suture.", "skin sutured",
    /// "wound closed with interrupted sutures") is the closure of the way in, not the repair that
    /// rules a code out: an open meniscectomy ends with its skin sutured too.
    static func woundClosure(_ hit: Phrase.Hit, narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        guard hit.first == hit.last, sutureWords.contains(tokens[hit.first].text) else { return false }
        return narrative.clauseSpan(of: hit.first).contains { skinClosureWords.contains(tokens[$0].text) }
    }

    /// A ruling-out word said of the other limb ("ORIF R bimalleolar fracture. Removal of hardware
    /// from the L tibia"; "R guillotine BKA. L transmetatarsal amputation") is about another
    /// procedure, whether or not the knowledge base has its code.
    static func saidOfOtherSide(_ hit: Phrase.Hit, own: [Phrase.Hit], narrative: AnalyzedNarrative) -> Bool {
        guard hit.section.procedureWeight >= 0.85, let site = own.first, site.section.procedureWeight >= 0.85 else { return false }
        let span = ProcedureStatements.words(hit, in: narrative)
        return own.allSatisfy { ProcedureStatements.sidesDiffer(ProcedureStatements.words($0, in: narrative), span, in: narrative) }
    }

    static let plannedSurgeryPenalty = 3.0
    /// What a compartment release says of the muscle (alive, dead, dead and removed).
    static let muscleViabilityFeatures = ["viableMuscle", "nonviableMuscle", "nonviableMuscleDebridement"]

    /// Actions whose codes have closed forms: a fracture, a dislocation or a joint treated without an operation.
    static let closedFormActions: Set<String> = ["fracture-treatment", "dislocation-treatment", "manipulation"]
    /// A hip or knee replacement put into a joint said to have had none (not a conversion of
    /// earlier hip surgery): the codes a hint of an earlier implant questions.
    static func primaryReplacement(_ entry: ProcedureEntry) -> Bool {
        entry.action == "arthroplasty" && entry.facts["priorHipSurgery"] == nil
            && (entry.anatomy.contains("hip-joint") || entry.anatomy.contains("knee-joint"))
    }

    /// Operations a cast or splint routinely follows, none with a closed form of its own. A mass or a
    /// ganglion cut out and a limb amputated have none either: "full weight bearing as comfortable",
    /// a boot or a stump cast after them is aftercare, not closed treatment ("excision of a ganglion
    /// of the right ankle ... Full weight bearing as comfortable").
    static let castAftercareActions: Set<String> = ["repair", "reconstruction", "tendon-transfer", "tendon-lengthening", "tenotomy",
                                                    "osteotomy", "arthrodesis", "epiphyseal-arrest", "excision", "tumor-excision",
                                                    "radical-resection", "amputation", "disarticulation"]

    /// Entries that miss exactly one required group (of two or more), for the "codes
    /// considered" list when few codes matched: what the narrative would need to say for each.
    static func nearMisses(_ compiled: [CompiledEntry], narrative: AnalyzedNarrative, excluding: Set<String>, limit: Int) -> [(entry: ProcedureEntry, matched: Int, missing: [String])] {
        var result: [(entry: ProcedureEntry, matched: Int, missing: [String])] = []
        for entry in compiled where entry.all.count >= 2 && !excluding.contains(entry.entry.code) {
            var missing: [Phrase]?
            var matched = 0
            var failed = false
            for group in entry.all {
                if let hit = best(group, in: narrative), hit.section.procedureWeight >= minimumSectionWeight {
                    matched += 1
                } else if missing == nil {
                    missing = group
                } else {
                    failed = true
                    break
                }
            }
            guard !failed, let missing else { continue }
            if entry.none.contains(where: { $0.hits(in: narrative).contains { $0.affirmed && $0.section.procedureWeight >= minimumSectionWeight } }) { continue }
            result.append((entry.entry, matched, missing.prefix(3).map(\.text)))
        }
        return Array(result.sorted { $0.matched > $1.matched || ($0.matched == $1.matched && $0.entry.code < $1.entry.code) }.prefix(limit))
    }

    /// The strongest affirmed occurrence of any phrase of a group.
    static func best(_ group: [Phrase], in narrative: AnalyzedNarrative, outside excluded: [ClosedRange<Int>] = []) -> Phrase.Hit? {
        var best: Phrase.Hit?
        for index in group.indices where narrative.mayContain(group[index]) {
            for hit in group[index].hits(in: narrative) where hit.affirmed
                && !excluded.contains(where: { $0.lowerBound <= hit.first && $0.upperBound >= hit.last }) {
                if best == nil || hit.section.procedureWeight > best!.section.procedureWeight
                    || (hit.section.procedureWeight == best!.section.procedureWeight && hit.last - hit.first > best!.last - best!.first) {
                    best = hit
                }
            }
        }
        if best == nil { return eitherAlternative(group, in: narrative, outside: excluded) }
        return best
    }

    /// "Frozen: schwannoma vs neurofibroma": two words of the same group weighed against each other
    /// are uncertain each, but the group holds whichever is true. The first of the pair, read as
    /// affirmed, when the only doubt on both is the "vs" between them.
    static func eitherAlternative(_ group: [Phrase], in narrative: AnalyzedNarrative, outside excluded: [ClosedRange<Int>]) -> Phrase.Hit? {
        guard narrative.weighsAlternatives else { return nil }
        let tokens = narrative.tokens
        var doubtful: [Phrase.Hit] = []
        for index in group.indices where narrative.mayContain(group[index]) {
            for hit in group[index].hits(in: narrative) where hit.uncertain && !hit.negated && !hit.historical
                && !excluded.contains(where: { $0.lowerBound <= hit.first && $0.upperBound >= hit.last }) {
                doubtful.append(hit)
            }
        }
        for left in doubtful where left.last + 2 < tokens.count && ["vs", "versus"].contains(tokens[left.last + 1].text) {
            guard doubtful.contains(where: { $0.first == left.last + 2 }) else { continue }
            // Nothing else in the clause before the pair is in doubt ("possible X vs Y" stays doubtful).
            // The "vs" itself casts doubt on the two written words before it: when the first of the pair
            // is one of them, the other (a field's label, "Frozen: schwannoma vs neurofibroma") is not
            // another doubt.
            let clause = tokens[left.first].clause
            var before = tokens[..<left.first].reversed().prefix(while: { $0.clause == clause })
            if tokens[left.first].start == tokens[left.last].start, let word = before.first?.start { before = before.drop(while: { $0.start == word }) }
            if before.contains(where: \.uncertain) { continue }
            var hit = left
            hit.uncertain = false
            return hit
        }
        return nil
    }
}
