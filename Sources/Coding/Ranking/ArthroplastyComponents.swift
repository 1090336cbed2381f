/// The words of joint-replacement components and of what happens to them, in one place: the
/// parts (shell, stem, tray, insert, button), the adjectives that name a part beside
/// "component" ("femoral component", "tibial and femoral components"), and the words that
/// exchange a part or keep it.
enum ComponentWords {
    /// A part of a hip or knee replacement. The acetabular and the tibial side face the femoral
    /// component (`opposite`); the insert (liner) and the patellar button are parts of their own.
    enum Part: Sendable, Hashable {
        case acetabular, femoral, tibial, insert, patellar
        var isOpposite: Bool { self == .acetabular || self == .tibial }
    }

    /// Nouns that name their part by themselves. A "stem" is the femoral component of a hip; in a
    /// knee it is an extension of a femoral or tibial component (`Mention.byStem`).
    static let nouns: [String: Part] = [
        "cup": .acetabular, "shell": .acetabular, "socket": .acetabular, "stem": .femoral,
        "baseplate": .tibial, "tray": .tibial,
        "polyethylene": .insert, "poly": .insert, "plastic": .insert, "insert": .insert, "liner": .insert, "button": .patellar,
    ]
    /// Adjectives that name a part beside "component(s)" ("femoral component", "femoral and tibial
    /// components") or when the scope marking says the part was kept ("the femoral left alone").
    static let sides: [String: Part] = ["femoral": .femoral, "tibial": .tibial, "acetabular": .acetabular, "patellar": .patellar]
    static let componentNouns: Set<String> = ["component", "components"]

    /// Words of a part being exchanged, taken out or put in new (the clause reading); `exchangeStems`
    /// is the sentence reading's.
    static let exchangeWords: Set<String> = revisingWords.union(partRemovalWords).union(["new"])
    static let exchangeStems = ["revis", "exchang", "replac", "remov", "explant", "extract", "swap", "upsiz", "downsiz"]
    /// Words that put a new part in place of an old one (not a removal alone, not "new"): a part of
    /// a replacement said so was revised, whatever else the note calls the operation.
    static let revisingWords: Set<String> = [
        "changed", "change", "changing", "exchanged", "exchange", "exchanging", "swapped", "swap", "swapping", "replaced", "revised",
        "revision", "upsized", "downsized",
    ]
    /// Words of a part taken out (with nothing said put in its place, a removal, not a revision).
    static let partRemovalWords: Set<String> = ["removed", "removal", "explanted", "extracted"]
    static let genericWords: Set<String> = ["components", "prosthesis", "implants", "arthroplasty"]
    static let cementWords: Set<String> = ["cement", "methylmethacrylate", "pmma"]
    static let hardwareWords: Set<String> = ["hardware", "screw", "screws", "plate", "plates", "nail", "nails", "dhs", "blade"]
    /// Hardware said "out" with no verb of its own ("DHS and barrel out first"): taken out.
    static let hardwareOut: Set<String> = hardwareWords.union(["barrel", "metalwork"])
    /// Words of a part being kept (besides the retention scope the analyzer marks, `NarrativeToken.negated`).
    static let keptWords: Set<String> = ["retained", "kept", "untouched", "intact", "stayed", "remained", "solid"]
    /// Verbs that take a part out with "out" ("took it out", "pulled out the stem").
    static let phrasalRemovalVerbs: Set<String> = ["took", "taken", "take", "takes", "taking", "pulled", "pull", "pulling", "knocked", "came", "come", "got", "get"]
    /// A part named by a pronoun ("left it alone", "we took them out").
    static let pronouns: Set<String> = ["it", "them"]
    /// Words naming a part as the one already in place ("the same cup liner", "the existing shell").
    static let sameWords: Set<String> = ["same", "existing", "original", "old", "retained", "current"]
    /// "The tibial tray was left.": "left" closing its clause after a form of "be".
    /// "We left the stem", "left both components": "left" as a verb before its object, a part of the
    /// replacement named next in its clause (the side "left" stands before a body part, never "the").
    static func isKeptLeft(_ tokens: [NarrativeToken], at index: Int, clauseEnd end: Int) -> Bool {
        guard tokens[index].text == "left" else { return false }
        if index == end, index > 0, tokens[index - 1].clause == tokens[index].clause,
           ["was", "were", "is", "are", "been"].contains(tokens[index - 1].text) { return true }
        // "so we left it alone", "left them in place": the part talked about was kept.
        if index + 2 <= end, pronouns.contains(tokens[index + 1].text), ["alone", "in", "untouched", "undisturbed", "as"].contains(tokens[index + 2].text) { return true }
        guard index + 2 <= end, ["the", "both", "his", "her", "their", "its"].contains(tokens[index + 1].text) else { return false }
        var next = index + 2
        if next < end, tokens[next].text == "the" { next += 1 }
        return nouns[tokens[next].text] != nil || (sides[tokens[next].text] != nil && next < end && componentNouns.contains(tokens[next + 1].text))
            || componentNouns.contains(tokens[next].text)
    }

    static func isExchangeStem(_ word: String) -> Bool { exchangeStems.contains { word.hasPrefix($0) } }
}

/// What a narrative says, clause by clause, of the components of a hip or knee replacement: each
/// part named, whether its clause exchanges or keeps it, and whether the scope marking
/// (negation, retention "left in place", history, plan, another provider) takes it out of
/// today's work. The facts read from it: which side of a hip was revised
/// (`acetabularComponentRevised`, `femoralComponentRevised`: 27134/27137/27138), how many
/// components of a revision were exchanged (`components:one|both`: 27486/27487, and the hip codes),
/// whether a part was exchanged at all (`revision`), whether the removal was complicated
/// (`complicatedRemoval`) and whether hardware of an earlier hip operation came out (`priorHipSurgery`).
struct ArthroplastyComponents {
    struct Mention {
        var part: ComponentWords.Part
        var index: Int
        /// Named by the word "stem" (a hip's femoral component, a knee's extension).
        var byStem: Bool
        /// Names a side of a hip: the cup (shell, socket, "acetabular component/shell") or the stem
        /// ("femoral component").
        var hipSide: Bool
        /// Said as not part of today's work: negated or kept, not merely history.
        var kept: Bool
    }
    struct Clause {
        var mentions: [Mention] = []
        /// First affirmed word of exchange in the clause.
        var exchange: Int?
        /// A word of keeping ("retained", "well fixed") or a side of a hip stated as kept.
        var kept = false
        /// A word of keeping ("retained", "well fixed", "was left") in the clause itself.
        var keptWord = false
        /// First affirmed word that puts a new part in place of an old one (`ComponentWords.revisingWords`).
        var revising: Int?
        /// An affirmed word of taking out ("removed", "extracted", "explanted").
        var removal: Int?
        /// An affirmed "new" (a part put in new).
        var fresh = false
        /// "components", "prosthesis", "implants": the parts named together.
        var generic = false
        /// Bone cement named.
        var cement = false
        /// Fracture-fixation hardware named ("screws", "plate", "nail").
        var hardware = false
        /// A spacer put in (not one taken out: "spacer removed" is a second stage).
        var spacer = false
        /// A clause about trial components says nothing of the real ones.
        var trial = false
        var sentence = 0
        /// The sentence's opening label, ended by a colon ("Hip revision R: the stem, found well
        /// fixed, was retained"): the name of the operation, not a part exchanged.
        var label = false
    }

    private(set) var clauses: [Clause] = []
    /// Sentences with an affirmed word of exchange anywhere in them.
    private(set) var changeSentences: Set<Int> = []
    let tokens: [NarrativeToken]

    /// Nil when the narrative names no component, prosthesis or spacer at all (most narratives).
    static func read(_ narrative: AnalyzedNarrative, tokens filter: [Bool]?) -> ArthroplastyComponents? {
        guard narrative.tokens.contains(where: {
            ComponentWords.nouns[$0.text] != nil || ComponentWords.sides[$0.text] != nil || ComponentWords.componentNouns.contains($0.text)
                || ComponentWords.genericWords.contains($0.text) || $0.text == "spacer"
        }) else { return nil }
        return ArthroplastyComponents(narrative, tokens: filter)
    }

    /// `filter`: when given, only words at these token positions count (the facts of one procedure).
    private init(_ narrative: AnalyzedNarrative, tokens filter: [Bool]?) {
        tokens = narrative.tokens
        for token in tokens where token.isAffirmed && ComponentWords.isExchangeStem(token.text) { changeSentences.insert(token.sentence) }
        var start = 0
        while start < tokens.count {
            var end = start
            while end + 1 < tokens.count, tokens[end + 1].clause == tokens[start].clause { end += 1 }
            defer { start = end + 1 }
            var clause = Clause()
            for index in start...end where filter.map({ $0[index] }) ?? true {
                let token = tokens[index]
                let word = token.text
                let next = index + 1 <= end ? tokens[index + 1].text : ""
                if let mention = Self.mention(at: index, in: tokens, next: next) {
                    clause.mentions.append(mention)
                    if mention.hipSide, mention.kept { clause.kept = true }
                } else if ComponentWords.exchangeWords.contains(word), token.isAffirmed {
                    clause.exchange = clause.exchange ?? index
                    if ComponentWords.revisingWords.contains(word) { clause.revising = clause.revising ?? index }
                    if ComponentWords.partRemovalWords.contains(word) { clause.removal = clause.removal ?? index }
                    if word == "new" { clause.fresh = true }
                } else if word == "out", token.isAffirmed, next != "of",
                          (max(start, index - 3)..<index).contains(where: { ComponentWords.phrasalRemovalVerbs.contains(tokens[$0].text) })
                            || (index > start && ComponentWords.hardwareOut.contains(tokens[index - 1].text)) {
                    // "We took it out", "the stem was pulled out": taken out in other words; so is
                    // hardware said "out" with no verb ("DHS and barrel out first", "plate out").
                    clause.exchange = clause.exchange ?? index
                    clause.removal = clause.removal ?? index
                    changeSentences.insert(token.sentence)
                } else if ComponentWords.keptWords.contains(word) || (word == "well" && next == "fixed")
                            || ComponentWords.isKeptLeft(tokens, at: index, clauseEnd: end) {
                    clause.kept = true
                    clause.keptWord = true
                } else if word.hasPrefix("trial") {
                    clause.trial = true
                } else if ComponentWords.genericWords.contains(word), token.isAffirmed {
                    clause.generic = true
                } else if ComponentWords.cementWords.contains(word), token.isAffirmed {
                    clause.cement = true
                } else if ComponentWords.hardwareWords.contains(word), token.isAffirmed,
                          // The tool a part is taken out with ("the femoral head was removed with the
                          // cork screw") is no hardware taken out.
                          !(max(start, index - 2)..<index).contains(where: { ["cork", "with", "using"].contains(tokens[$0].text) }) {
                    clause.hardware = true
                } else if word == "spacer", token.isAffirmed,
                          !tokens[max(start, index - 3)...min(end, index + 2)].contains(where: { ComponentWords.partRemovalWords.contains($0.text) || $0.text == "remove" }) {
                    clause.spacer = true
                }
            }
            // "The cup had migrated and was spinning. We took it out": a pronoun taken out is the part
            // named last, in this sentence or the one before.
            if clause.removal != nil, clause.mentions.isEmpty,
               let pronoun = (start...end).first(where: { ComponentWords.pronouns.contains(tokens[$0].text) && tokens[$0].isAffirmed }),
               let last = clauses.last(where: { !$0.mentions.isEmpty && tokens[start].sentence - $0.sentence <= 1 })?.mentions.last {
                clause.mentions.append(Mention(part: last.part, index: pronoun, byStem: last.byStem, hipSide: last.hipSide, kept: false))
            }
            // "a new head on the same cup liner", "onto the existing shell": a part said to be the one
            // already there, in a clause that only puts something new in, is kept.
            if clause.revising == nil, clause.removal == nil {
                for index in clause.mentions.indices {
                    var look = clause.mentions[index].index - 1
                    var steps = 0
                    while look >= start, steps < 3, !ComponentWords.sameWords.contains(tokens[look].text) {
                        guard tokens[look].text == "the" || ComponentWords.nouns[tokens[look].text] != nil || ComponentWords.sides[tokens[look].text] != nil else { break }
                        look -= 1; steps += 1
                    }
                    guard look >= start, steps < 3, ComponentWords.sameWords.contains(tokens[look].text) else { continue }
                    clause.mentions[index].kept = true
                    if clause.mentions[index].hipSide { clause.kept = true }
                }
            }
            clause.sentence = tokens[start].sentence
            clause.label = (start == 0 || tokens[start - 1].sentence != tokens[start].sentence) && narrative.colonAfter(end)
            clauses.append(clause)
        }
        // "Stem: Corail size 12, well fixed, retained.": a part named in a clause of its own (a
        // label) takes the keeping said of it later in its sentence, when nothing there is exchanged.
        var keptSentences: Set<Int> = [], exchangeSentences: Set<Int> = []
        let freshSentences = Set(clauses.filter(\.fresh).map(\.sentence))
        for clause in clauses {
            if clause.keptWord { keptSentences.insert(clause.sentence) }
            // A part put in new ("just put a new head on") exchanges no part named as kept. Nor does
            // an exchange of the insert or the button named in its own clause ("the cup fixed well,
            // was kept, only replaced the liner"): the keeping still holds for the part named alone.
            // Nor does the sentence's label naming the operation ("Hip revision R: the stem, found
            // well fixed, was retained despite a plan to revise it"), unless a part is put in new in
            // that sentence ("Revision THA L: acetabular component only, stem well fixed and
            // retained, new jumbo cup": the label is then the revision of the cup).
            if clause.revising != nil || clause.removal != nil,
               !(clause.label && clause.mentions.isEmpty && !freshSentences.contains(clause.sentence)),
               clause.mentions.isEmpty || clause.mentions.contains(where: { $0.part != .insert && $0.part != .patellar }) {
                exchangeSentences.insert(clause.sentence)
            }
        }
        for index in clauses.indices where !clauses[index].mentions.isEmpty && !clauses[index].kept
            && keptSentences.contains(clauses[index].sentence) && !exchangeSentences.contains(clauses[index].sentence) {
            clauses[index].kept = true
            clauses[index].keptWord = true
        }
    }

    /// The evidence of a fact read here: the words from `index` to `other` (a part and its verb),
    /// in the section and sentence of the word at `index`.
    private func hit(_ index: Int, through other: Int? = nil) -> Phrase.Hit {
        Phrase.Hit(first: min(index, other ?? index), last: max(index, other ?? index), negated: false, uncertain: false,
                   historical: false, section: tokens[index].section, sentence: tokens[index].sentence)
    }

    /// Records `feature` as documented today by the word at `index` (through `other`), as strong
    /// as the section it stands in.
    private func affirm(_ feature: String, at index: Int, through other: Int? = nil, into detected: inout DetectedFeatures) {
        var state = detected.state(feature)
        state.weight = tokens[index].section.procedureWeight
        state.count = 1
        state.negated = false
        state.evidence = hit(index, through: other)
        detected.states[feature] = state
    }

    /// The part a word names, if any: a noun, or a side adjective beside "component(s)" within
    /// its clause or stated as kept.
    private static func mention(at index: Int, in tokens: [NarrativeToken], next: String) -> Mention? {
        let token = tokens[index]
        let kept = token.negated && !token.historical
        if let part = ComponentWords.nouns[token.text] {
            return Mention(part: part, index: index, byStem: token.text == "stem", hipSide: part == .acetabular || part == .femoral, kept: kept)
        }
        guard let part = ComponentWords.sides[token.text] else { return nil }
        let hipSide = (part == .femoral && next == "component") || (part == .acetabular && (next == "component" || next == "shell"))
        let window = tokens[index..<min(tokens.count, index + 5)]
        guard hipSide || token.negated
            || window.contains(where: { ComponentWords.componentNouns.contains($0.text) && $0.clause == token.clause }) else { return nil }
        return Mention(part: part, index: index, byStem: false, hipSide: hipSide, kept: kept)
    }

    /// Which side of a hip replacement was revised, clause by clause: a clause that names one side
    /// (the cup, or the stem) with a word of exchange and nothing of keeping revised it; one that
    /// names it kept ("cup found well fixed and left", "stem retained", "the stem was not
    /// revised") did not. A clause naming both sides revises those not stated as kept ("both the
    /// cup and the stem were removed and revised"; "the cup was revised, the stem retained" when
    /// the scope marking keeps the stem). Trial components say nothing. In a hip whose shell and
    /// stem were both kept, an exchanged liner (with or without a new head) is a revision of the
    /// acetabular side.
    func hipSides(into detected: inout DetectedFeatures) {
        var linerExchange: Phrase.Hit?
        func revise(_ feature: String, at component: Int, verb: Int) {
            var state = detected.state(feature)
            let weight = tokens[component].section.procedureWeight
            if weight >= 0.5 { state.count += 1 }
            if weight > state.weight {
                state.weight = weight
                state.evidence = hit(component, through: verb)
            }
            detected.states[feature] = state
        }
        func keep(_ feature: String) {
            var state = detected.state(feature)
            guard !state.present else { return }
            state.negated = true
            detected.states[feature] = state
        }
        for clause in clauses where !clause.trial {
            if linerExchange == nil, let verb = clause.revising,
               let liner = clause.mentions.first(where: { $0.part == .insert && !$0.kept && tokens[$0.index].isAffirmed }) {
                linerExchange = hit(liner.index, through: verb)
            }
            let hip = clause.mentions.filter(\.hipSide)
            guard let first = hip.first else { continue }
            guard hip.allSatisfy({ $0.part == first.part }) else {
                // Both sides named in one clause.
                let sides: [(ComponentWords.Part, String)] = [(.acetabular, "acetabularComponentRevised"), (.femoral, "femoralComponentRevised")]
                let keptSides = Set(hip.filter(\.kept).map(\.part))
                if let verb = clause.exchange, !clause.keptWord || !keptSides.isEmpty {
                    for (part, feature) in sides {
                        if keptSides.contains(part) { keep(feature); continue }
                        if let mention = hip.first(where: { $0.part == part && tokens[$0.index].isAffirmed }) { revise(feature, at: mention.index, verb: verb) }
                    }
                } else if clause.exchange == nil, clause.kept {
                    for (_, feature) in sides { keep(feature) }
                }
                continue
            }
            let feature = first.part == .acetabular ? "acetabularComponentRevised" : "femoralComponentRevised"
            let component = first.index
            if let verb = clause.exchange, !clause.kept, tokens[component].isAffirmed {
                revise(feature, at: component, verb: verb)
            } else if clause.exchange == nil, clause.kept {
                keep(feature)
            }
        }
        if let liner = linerExchange, isHip(detected), !detected.state("acetabularComponentRevised").present,
           !detected.state("femoralComponentRevised").present {
            var state = DetectedFeatures.State()
            state.weight = liner.section.procedureWeight
            state.count = state.weight >= 0.5 ? 1 : 0
            state.evidence = liner
            detected.states["acetabularComponentRevised"] = state
        }
    }

    /// The narrative is about a hip rather than a knee (its region words).
    func isHip(_ detected: DetectedFeatures) -> Bool {
        let hip = detected.state("region:hip"), knee = detected.state("region:knee")
        return hip.count > knee.count || (hip.count == knee.count && hip.weight > knee.weight)
    }

    /// A part of a replacement exchanged in today's work ("liner swap", "the insert was exchanged",
    /// "femoral component replaced") documents a revision, whatever else the note calls the
    /// operation; taking parts out alone does not (a removal, 27090/27091/27488).
    func revisionByExchange(into detected: inout DetectedFeatures) {
        let state = detected.state("revision")
        guard !state.present, !state.negated else { return }
        for clause in clauses where !clause.trial {
            guard let verb = clause.revising,
                  let mention = clause.mentions.first(where: { !$0.kept && tokens[$0.index].isAffirmed && !($0.byStem && !isHip(detected)) }) else { continue }
            guard tokens[mention.index].section.procedureWeight >= 0.5 else { continue }
            affirm("revision", at: mention.index, through: verb, into: &detected)
            return
        }
        // "All components removed …, then a new cup and a new stem were implanted": parts taken out
        // and new ones put in at the same sitting (a one-stage exchange).
        let current = clauses.filter { !$0.trial }
        guard current.contains(where: { $0.removal != nil && ($0.generic || $0.mentions.contains { !$0.kept && tokens[$0.index].isAffirmed }) }),
              let fresh = current.first(where: { $0.fresh && $0.mentions.contains { !$0.kept && tokens[$0.index].isAffirmed } }),
              let part = fresh.mentions.first(where: { !$0.kept && tokens[$0.index].isAffirmed }),
              tokens[part.index].section.procedureWeight >= 0.5 else { return }
        affirm("revision", at: part.index, into: &detected)
    }

    /// Hardware of an earlier operation taken out of a hip that is replaced ("the three screws were
    /// located under fluoroscopy and removed", the removal told after the hardware): the
    /// replacement converts prior hip surgery (27132).
    func priorHipSurgery(into detected: inout DetectedFeatures) {
        guard !detected.state("priorHipSurgery").present, isHip(detected) else { return }
        guard let clause = clauses.first(where: { !$0.trial && $0.hardware && $0.removal != nil }), let index = clause.removal,
              tokens[index].section.procedureWeight >= 0.5 else { return }
        affirm("priorHipSurgery", at: index, into: &detected)
    }

    /// A removal with complicating work: the cement taken out (in any words: "all the cement
    /// extracted"), or both sides of a hip taken out (a total hip). Beside the `detect` phrases,
    /// and over a spacer said not to be placed (the spacer is optional to the code).
    func complicatedRemoval(into detected: inout DetectedFeatures) {
        guard !detected.state("complicatedRemoval").present else { return }
        let current = clauses.filter { !$0.trial }
        var evidence: Int?
        if let clause = current.first(where: { $0.cement && $0.removal != nil }) { evidence = clause.removal }
        // "Removed an infected THA and put in a spacer": parts taken out and a spacer put in.
        if evidence == nil, current.contains(where: \.spacer),
           let clause = current.first(where: { $0.removal != nil && ($0.generic || $0.mentions.contains { !$0.kept && tokens[$0.index].isAffirmed }) }) {
            evidence = clause.removal
        }
        if evidence == nil, isHip(detected) {
            let removed = current.filter { $0.removal != nil }.flatMap { $0.mentions.filter { $0.hipSide && !$0.kept && tokens[$0.index].isAffirmed } }
            if Set(removed.map(\.part)).count == 2 { evidence = removed.first?.index }
        }
        guard let index = evidence, tokens[index].section.procedureWeight >= 0.5 else { return }
        affirm("complicatedRemoval", at: index, into: &detected)
    }

    /// How many components a revision exchanged ("loose tibial baseplate and femoral component,
    /// both removed and replaced"; "the tibial component was revised and the femoral left
    /// alone"): the parts affirmed in a sentence that exchanges parts, against those stated as
    /// kept. Both sides of the joint: both; one side (or only the insert or the patellar button)
    /// with the other kept: one. Only when no phrase of the lexicon said it already.
    func componentCount(into detected: inout DetectedFeatures) {
        guard !changeSentences.isEmpty else { return }
        let hip = isHip(detected)
        var changed: [String: Phrase.Hit] = [:]
        var kept: Set<String> = []
        for clause in clauses {
            // A stem is a hip's femoral component; in a knee it extends another component.
            for mention in clause.mentions where !mention.byStem || hip {
                let token = tokens[mention.index]
                let kind = mention.part.isOpposite ? "opposite" : mention.part == .femoral ? "femoral" : mention.part == .insert ? "insert" : "patellar"
                // "Femoral and tibial components well fixed": a clause that keeps and changes nothing.
                if mention.kept || (clause.keptWord && clause.exchange == nil) { kept.insert(kind); continue }
                guard token.isAffirmed, token.section.procedureWeight >= 0.5, changeSentences.contains(token.sentence) else { continue }
                if changed[kind] == nil {
                    changed[kind] = hit(mention.index)
                }
            }
        }
        let sides = Set(changed.keys).intersection(["femoral", "opposite"])
        // A phrase said "femoral and tibial components" of parts that were kept, and another part
        // was exchanged ("…components well fixed, not revised; insert exchanged"): one component.
        if detected.state("components:both").present {
            guard sides.isEmpty, kept.isSuperset(of: ["femoral", "opposite"]), let part = changed.values.first else { return }
            var state = DetectedFeatures.State()
            state.weight = 0.8
            state.evidence = part
            state.count = 1
            detected.states["components:both"] = nil
            detected.states["components:one"] = state
            return
        }
        guard !detected.state("components:one").present else { return }
        if sides.count == 2 {
            var state = DetectedFeatures.State()
            state.weight = 0.8
            state.evidence = changed["femoral"]
            state.count = 2
            detected.states["components:both"] = state
        } else if !changed.isEmpty, sides.count <= 1, !kept.isEmpty || sides.isEmpty {
            var state = DetectedFeatures.State()
            state.weight = 0.8
            state.evidence = changed.values.first
            state.count = 1
            detected.states["components:one"] = state
        }
    }
}
