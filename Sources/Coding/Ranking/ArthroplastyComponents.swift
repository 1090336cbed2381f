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
        "polyethylene": .insert, "poly": .insert, "insert": .insert, "liner": .insert, "button": .patellar,
    ]
    /// Adjectives that name a part beside "component(s)" ("femoral component", "femoral and tibial
    /// components") or when the scope marking says the part was kept ("the femoral left alone").
    static let sides: [String: Part] = ["femoral": .femoral, "tibial": .tibial, "acetabular": .acetabular, "patellar": .patellar]
    static let componentNouns: Set<String> = ["component", "components"]

    /// Words of a part being exchanged, taken out or put in new: whole words for the clause
    /// reading of a hip, stems for the sentence reading of a knee.
    static let exchangeWords: Set<String> = [
        "changed", "exchanged", "exchange", "replaced", "revised", "revision", "swapped", "removed", "removal", "explanted",
        "extracted", "upsized", "new",
    ]
    static let exchangeStems = ["revis", "exchang", "replac", "remov", "explant", "extract", "swapped", "upsiz", "downsiz"]
    /// Words of a part being kept (besides the retention scope the analyzer marks, `NarrativeToken.negated`).
    static let keptWords: Set<String> = ["retained", "kept", "untouched", "intact"]

    static func isExchangeStem(_ word: String) -> Bool { exchangeStems.contains { word.hasPrefix($0) } }
}

/// What a narrative says, clause by clause, of the components of a hip or knee replacement: each
/// part named, whether its clause exchanges or keeps it, and whether the scope marking
/// (negation, retention "left in place", history, plan, another provider) takes it out of
/// today's work. Two facts are read from it: which side of a hip was revised
/// (`acetabularComponentRevised`, `femoralComponentRevised`: 27134/27137/27138) and how many
/// components of a revision were exchanged (`components:one|both`: 27486/27487, and the hip codes).
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
        /// A word of keeping ("retained", "well fixed") or a part stated as kept.
        var kept = false
        /// A clause about trial components says nothing of the real ones.
        var trial = false
    }

    private(set) var clauses: [Clause] = []
    /// Sentences with an affirmed word of exchange anywhere in them.
    private(set) var changeSentences: Set<Int> = []
    let tokens: [NarrativeToken]

    /// Nil when the narrative names no component at all (most narratives).
    static func read(_ narrative: AnalyzedNarrative, tokens filter: [Bool]?) -> ArthroplastyComponents? {
        guard narrative.tokens.contains(where: {
            ComponentWords.nouns[$0.text] != nil || ComponentWords.sides[$0.text] != nil || ComponentWords.componentNouns.contains($0.text)
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
                } else if ComponentWords.keptWords.contains(word) || (word == "well" && next == "fixed") {
                    clause.kept = true
                } else if word.hasPrefix("trial") {
                    clause.trial = true
                }
            }
            clauses.append(clause)
        }
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
    /// revised") did not. A clause naming both sides, or trial components, says nothing.
    func hipSides(into detected: inout DetectedFeatures) {
        for clause in clauses where !clause.trial {
            let hip = clause.mentions.filter(\.hipSide)
            guard let first = hip.first else { continue }
            guard hip.allSatisfy({ $0.part == first.part }) else { continue }
            let feature = first.part == .acetabular ? "acetabularComponentRevised" : "femoralComponentRevised"
            var state = detected.state(feature)
            let component = first.index
            if let verb = clause.exchange, !clause.kept, tokens[component].isAffirmed {
                let weight = tokens[component].section.procedureWeight
                if weight >= 0.5 { state.count += 1 }
                if weight > state.weight {
                    state.weight = weight
                    state.evidence = Phrase.Hit(first: min(component, verb), last: max(component, verb), negated: false, uncertain: false,
                                                historical: false, section: tokens[component].section, sentence: tokens[component].sentence)
                }
            } else if clause.exchange == nil, clause.kept, !state.present {
                state.negated = true
            }
            if state.present || state.negated { detected.states[feature] = state }
        }
    }

    /// How many components a revision exchanged ("loose tibial baseplate and femoral component,
    /// both removed and replaced"; "the tibial component was revised and the femoral left
    /// alone"): the parts affirmed in a sentence that exchanges parts, against those stated as
    /// kept. Both sides of the joint: both; one side (or only the insert or the patellar button)
    /// with the other kept: one. Only when no phrase of the lexicon said it already.
    func componentCount(into detected: inout DetectedFeatures) {
        guard !detected.state("components:both").present, !detected.state("components:one").present else { return }
        guard !changeSentences.isEmpty else { return }
        var changed: [String: Phrase.Hit] = [:]
        var kept: Set<String> = []
        for clause in clauses {
            for mention in clause.mentions where !mention.byStem {
                let token = tokens[mention.index]
                let kind = mention.part.isOpposite ? "opposite" : mention.part == .femoral ? "femoral" : mention.part == .insert ? "insert" : "patellar"
                if mention.kept { kept.insert(kind); continue }
                guard token.isAffirmed, token.section.procedureWeight >= 0.5, changeSentences.contains(token.sentence) else { continue }
                if changed[kind] == nil {
                    changed[kind] = Phrase.Hit(first: mention.index, last: mention.index, negated: false, uncertain: false, historical: false,
                                               section: token.section, sentence: token.sentence)
                }
            }
        }
        let sides = Set(changed.keys).intersection(["femoral", "opposite"])
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
