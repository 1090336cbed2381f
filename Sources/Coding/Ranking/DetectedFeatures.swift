/// What the narrative says about the cross-cutting facts: present (with the weight of the
/// section it was found in), stated as absent, or not mentioned.
struct DetectedFeatures: Sendable {
    struct State: Sendable {
        var weight = 0.0           // best affirmed occurrence; 0 = none
        var negated = false        // stated as not done
        /// Hinted at but not documented as done ("muscle dusky", nothing said of its removal):
        /// the fact stays undocumented, and a choice resting on it is not certain.
        var hinted = false
        var evidence: Phrase.Hit?
        /// Affirmed occurrences in sections that describe the operation (weight ≥ 0.5).
        var count = 0
        var present: Bool { weight > 0 }
    }

    var states: [String: State] = [:]
    /// Sentences in which each approach is affirmed (open, percutaneous, closed, arthroscopic,
    /// endoscopic, and "named" for a named exposure, `namedApproach`), for narratives with several
    /// procedures done different ways.
    var approachSentences: [String: Set<Int>] = [:]
    /// The same by clause.
    var approachClauses: [String: Set<Int>] = [:]
    /// The largest measurement in the narrative, in centimetres ("4 x 3 cm", "35 mm").
    var largestSizeCM: Double?

    func state(_ feature: String) -> State { states[feature] ?? State() }

    /// How strongly the narrative is about the region of a code (by its number), against the
    /// strongest other region: negative when another region dominates.
    func regionAgreement(code: String) -> Double {
        guard let number = Int(code.prefix(5)) else { return 0 }
        let own = number < 27300 ? "hip" : number < 27600 ? "knee" : "ankle"
        let counts = ["hip", "knee", "ankle", "outside"].map { ($0, Double(state("region:" + $0).count)) }
        let mine = counts.first { $0.0 == own }!.1
        let other = counts.filter { $0.0 != own }.map(\.1).max() ?? 0
        guard other > mine else { return 0 }
        // Not one word of the code's own region, and words of another: clearly elsewhere.
        // Several words of another region make it surer ("thigh ... vastus lateralis": a thigh,
        // not a leg, whatever "anterior compartment" could belong to).
        // Outside the code range altogether (a foot, a shoulder, the spine) with no word of the
        // code's own region: a shared generic word ("eminence", "deltoid") is no reason to code it.
        let outside = counts.first { $0.0 == "outside" }!.1
        if mine == 0, outside == other { return -2.0 - 1.0 * min(other - 1, 2) }
        if mine == 0 { return -1.25 - 0.25 * min(other - 1, 2) }
        return -(other - mine) / (other + mine)
    }

    /// Whether a word of the code's own region is said (by its number: hip, knee or ankle).
    func namesRegion(ofCode code: String) -> Bool {
        guard let number = Int(code.prefix(5)) else { return false }
        return state("region:" + (number < 27300 ? "hip" : number < 27600 ? "knee" : "ankle")).count > 0
    }

    /// The approach documented in these clauses, else these sentences, else the narrative's.
    /// `namedIsOpen`: a named exposure ("Kocher-Langenbeck approach") there is an open approach.
    func effectiveApproach(near sentences: Set<Int>, clauses: Set<Int> = [], namedIsOpen: Bool = false) -> String? {
        for approach in ["open", "percutaneous", "closed"] where !(approachClauses[approach] ?? []).isDisjoint(with: clauses) {
            return approach
        }
        if namedIsOpen, !(approachClauses["named"] ?? []).isDisjoint(with: clauses) { return "open" }
        for approach in ["open", "percutaneous", "closed"] where !(approachSentences[approach] ?? []).isDisjoint(with: sentences) {
            return approach
        }
        if namedIsOpen, !(approachSentences["named"] ?? []).isDisjoint(with: sentences) { return "open" }
        return effectiveApproach
    }

    /// The most invasive approach documented: open, then percutaneous, then closed. A cast or
    /// splint alone means closed treatment only when nothing else is said (casts follow surgery too).
    var effectiveApproach: String? {
        let order = ["open", "percutaneous", "closed"]
        for threshold in [0.5, 0.01] {
            if let approach = order.first(where: { state("approach:" + $0).weight >= threshold }) { return approach }
        }
        return state("immobilization").present ? "closed" : nil
    }

    /// Fixation types documented. A nail's locking screws do not make it plate-and-screw fixation.
    var fixations: Set<String> {
        var result: Set<String> = []
        for kind in ["intramedullary", "external", "percutaneous", "internal"] where state("fixation:" + kind).present { result.insert(kind) }
        if state("fixation:plate-screws").present {
            if !result.contains("intramedullary") || state("fixation:plate").present { result.insert("plate-screws") }
        }
        // Screws put in through the skin ("left iliosacral screw through a stab incision", "two
        // cannulated screws placed percutaneously"), with no plate, nail or open approach: that is
        // percutaneous fixation, whatever the screw is called.
        if !result.contains("percutaneous"), !result.contains("intramedullary"), !state("fixation:plate").present,
           result.contains("plate-screws") || result.contains("internal"),
           state("approach:percutaneous").weight >= 0.5, state("approach:open").weight < 0.5 { result.insert("percutaneous") }
        if result.contains("intramedullary") || result.contains("plate-screws") { result.insert("internal") }
        return result
    }

    /// No fixation, said of fixation ("not fixed", "fixation was not required") or in words of
    /// its own ("no fixation", "without hardware"), and none documented.
    var fixationNegated: Bool { (state("fixation:internal").negated || state("noFixation").present) && fixations.isEmpty }

    /// Compartment names documented (anterior, lateral, posterior); "all four" names them all.
    var compartments: Set<String> {
        if state("compartment:all").present { return ["anterior", "lateral", "posterior"] }
        return Set(["anterior", "lateral", "posterior"].filter { state("compartment:" + $0).present })
    }
}

/// Finds the features of FeatureLexicon in an analysed narrative.
enum FeatureDetector {
    /// `tokens`: when given, only words at these token positions count (the facts of one
    /// procedure in a narrative that documents several; see `FactTerritory`).
    static func detect(_ narrative: AnalyzedNarrative, features: [CompiledFeature], tokens: [Bool]? = nil) -> DetectedFeatures {
        var detected = DetectedFeatures()
        // The sentence just before a correction ("The fracture was reduced. Correction: no
        // reduction was needed") is superseded: its facts other than the body region do not count.
        var superseded: Set<Int> = []
        if narrative.tokens.contains(where: \.correcting) {
            for index in narrative.tokens.indices where narrative.tokens[index].correcting
                && (index == 0 || !narrative.tokens[index - 1].correcting) && index > 0 {
                superseded.insert(narrative.tokens[index - 1].sentence)
            }
        }
        // By index: `for feature in features` retains each feature's name and phrase arrays, and
        // most features have no word in any one narrative.
        for featureIndex in features.indices {
            let feature = features[featureIndex]
            let keepsSuperseded = feature.isRegion
            var blocked: [ClosedRange<Int>] = []
            for blocker in feature.blockers where narrative.mayContain(blocker) { for hit in blocker.hits(in: narrative) { blocked.append(hit.first...hit.last) } }
            var state = DetectedFeatures.State()
            // A correcting sentence that denies (or affirms) the fact overrides earlier sentences.
            var correctedDenial = false, correctedAffirmation = false
            // An earlier arthroplasty or hardware in the joint is told as history ("failed UKA
            // 2019", "s/p THA"): for the revision hint the history is the point, wherever it is.
            let historyCounts = feature.isRevisionHint
            for index in feature.phrases.indices where narrative.mayContain(feature.phrases[index]) {
                for hit in feature.phrases[index].hits(in: narrative) where !blocked.contains(where: { $0.overlaps(hit.first...hit.last) })
                    && tokens.map({ $0[hit.first] }) ?? true {
                    if !superseded.isEmpty, !keepsSuperseded, superseded.contains(hit.sentence) { continue }
                    if hit.first == hit.last, narrative.tokens[hit.first].text == "frame", walkingFrame(at: hit.first, in: narrative) { continue }
                    if hit.affirmed || (historyCounts && hit.historical && !hit.negated && !hit.uncertain) {
                        let weight = historyCounts ? 1 : hit.section.procedureWeight
                        if weight >= 0.5 { state.count += 1 }
                        if let approach = feature.approach, weight >= 0.5 {
                            detected.approachSentences[approach, default: []].insert(hit.sentence)
                            detected.approachClauses[approach, default: []].insert(narrative.tokens[hit.first].clause)
                        }
                        if weight > state.weight { state.weight = weight; state.evidence = hit }
                        if narrative.tokens[hit.first].correcting { correctedAffirmation = true }
                    } else if hit.negated, !hit.historical {
                        state.negated = true
                        if narrative.tokens[hit.first].correcting { correctedDenial = true }
                    }
                }
            }
            if correctedDenial, !correctedAffirmation { state = DetectedFeatures.State(); state.negated = true }
            if correctedAffirmation, !correctedDenial { state.negated = false }
            if state.present || state.negated { detected.states[feature.feature] = state }
        }
        detectImplantRemoval(narrative, into: &detected)
        let components = ArthroplastyComponents.read(narrative, tokens: tokens)
        components?.hipSides(into: &detected)
        nonviableMuscle(narrative, features: features, into: &detected)
        compartmentCount(narrative, features: features, into: &detected)
        synovectomyExtent(into: &detected)
        tendonCount(narrative, tokens: tokens, into: &detected)
        components?.componentCount(into: &detected)
        components?.revisionByExchange(into: &detected)
        components?.complicatedRemoval(into: &detected)
        components?.priorHipSurgery(into: &detected)
        detected.largestSizeCM = largestSize(narrative, tokens: tokens)
        // "ANESTHESIA: general" — the heading is the feature, the words after it its kind.
        let anesthesiaWords = narrative.tokens.filter { $0.section == .anesthesia }.map(\.text)
        if !anesthesiaWords.isEmpty {
            if anesthesiaWords.first == "none" || (anesthesiaWords.contains("local") && !anesthesiaWords.contains("general")) {
                detected.states["anesthesia", default: .init()].negated = true
            } else if detected.state("anesthesia").weight < 0.8 {
                var state = detected.state("anesthesia")
                state.weight = 0.8
                detected.states["anesthesia"] = state
            }
            // "ANESTHESIA: General" / "Spinal": the kind decides codes split on it (27265/27266, 27605/27606).
            let general = anesthesiaWords.contains("general") || anesthesiaWords.contains("endotracheal") || anesthesiaWords.contains("lma")
            let regional = ["spinal", "regional", "epidural"].contains(where: anesthesiaWords.contains)
            let sedationOnly = !general && !regional && anesthesiaWords.contains { ["sedation", "mac", "monitored", "local"].contains($0) }
            for (feature, present) in [("generalAnesthesia", general), ("regionalOrGeneralAnesthesia", general || regional)] {
                var state = detected.state(feature)
                if present, state.weight < 0.8 { state.weight = 0.8; detected.states[feature] = state }
                if sedationOnly, !state.present { state.negated = true; detected.states[feature] = state }
            }
        }
        sedationOnly(narrative, into: &detected)
        return detected
    }

    /// Sedation said in the text ("conscious sedation (fentanyl/midazolam)", "reduced under
    /// sedation") with no word of general or regional anesthesia: not regional or general anesthesia
    /// (27265 rather than 27266). Deep sedation and propofol, ketamine or etomidate are left open.
    static func sedationOnly(_ narrative: AnalyzedNarrative, into detected: inout DetectedFeatures) {
        var state = detected.state("regionalOrGeneralAnesthesia")
        guard !state.present, !state.negated else { return }
        let tokens = narrative.tokens
        var sedation = false
        for (index, token) in tokens.enumerated() where token.isAffirmed {
            switch token.text {
            case "sedation", "sedated":
                if index > 0, ["deep", "general"].contains(tokens[index - 1].text) { return }
                sedation = true
            case "propofol", "ketamine", "etomidate": return
            default: break
            }
        }
        guard sedation else { return }
        state.negated = true
        detected.states["regionalOrGeneralAnesthesia"] = state
    }

    /// Words of taking hardware out, read before an implant word (`detectImplantRemoval`).
    static let hardwareRemovalWords: Set<String> = ["removal", "removed", "remove", "removing", "extraction", "extracted", "explant", "explanted"]
    static let implantWords: Set<String> = ["hardware", "metalwork", "plate", "plates", "screw", "screws", "nail", "nails", "implant", "implants", "rod", "rods", "staple", "staples",
                                            "wire", "wires", "cable", "cables", "pin", "pins", "cerclage"]
    /// Wires and pins put in and taken out during today's fixation ("the guide wire was removed", "the
    /// provisional K-wires removed"): not a removal of hardware.
    static let temporaryImplantWords: Set<String> = ["guide", "guiding", "provisional", "temporary", "reduction", "joystick", "drill", "threaded", "k"]

    /// "Removal of two syndesmotic screws", "removed the plate and screws": a removal word shortly
    /// before an implant word in one clause, nothing else done in between ("and" ends it, so
    /// "the guide was removed and a screw was placed" is not a removal of hardware). Shortly counts
    /// words that say something: "removal of a painful lateral distal femoral locking plate".
    static func detectImplantRemoval(_ narrative: AnalyzedNarrative, into detected: inout DetectedFeatures) {
        let tokens = narrative.tokens
        var state = detected.state("hardwareRemoval")
        for (index, token) in tokens.enumerated() where hardwareRemovalWords.contains(token.text) && token.isAffirmed {
            var look = index + 1
            var words = 0
            while look < tokens.count, words < 6, tokens[look].clause == token.clause, tokens[look].text != "and" {
                if !Lexicon.stopWords.contains(tokens[look].text) { words += 1 }
                if implantWords.contains(tokens[look].text) {
                    let wireLike = ["wire", "wires", "pin", "pins"].contains(tokens[look].text)
                    if wireLike, look > index + 1, temporaryImplantWords.contains(tokens[look - 1].text) && tokens[look - 1].text != "k" { break }
                    let weight = token.section.procedureWeight
                    if weight >= 0.5 { state.count += 1 }
                    if weight > state.weight {
                        state.weight = weight
                        state.evidence = Phrase.Hit(first: index, last: look, negated: false, uncertain: false, historical: false,
                                                    section: token.section, sentence: token.sentence)
                    }
                    break
                }
                look += 1
            }
        }
        if state.present { detected.states["hardwareRemoval"] = state }
    }

    /// Several compartments released when two or more are named in clauses that release them ("the
    /// quadriceps compartment released, and the hamstring compartment decompressed"); compartments
    /// only examined ("posterior and medial compartments soft") do not count. One released and the
    /// others stated as not released is one.
    static func compartmentCount(_ narrative: AnalyzedNarrative, features: [CompiledFeature], into detected: inout DetectedFeatures) {
        guard !detected.state("multipleCompartments").present else { return }
        let tokens = narrative.tokens
        func isRelease(_ token: NarrativeToken) -> Bool {
            token.isAffirmed && ["releas", "decompress", "fasciotom", "opened", "incised", "split"].contains { token.text.hasPrefix($0) }
        }
        func releasedClause(_ hit: Phrase.Hit) -> Bool {
            let clause = tokens[hit.first].clause
            let members = tokens.filter { $0.clause == clause }
            if members.contains(where: isRelease) { return true }
            // "the quadriceps compartment was released, then the hamstring compartment through the
            // septum": a clause with no verb of its own takes the release told before it in the
            // sentence, unless it tells the compartment's state ("posterior and medial compartments soft").
            let hasVerb = members.contains { $0.text.hasSuffix("ed") || NarrativeAnalyzer.participles.contains($0.text) }
            let tellsState = members.contains { Self.compartmentStateWords.contains($0.text) || Double($0.text) != nil || $0.negated }
            guard !hasVerb, !tellsState else { return false }
            return tokens.contains { $0.sentence == tokens[hit.first].sentence && $0.clause < clause && isRelease($0) }
        }
        func releasedHit(_ name: String, skippingIncisions: Bool = false) -> Phrase.Hit? {
            // The name built once, not for each feature it is compared with.
            let compartment = "compartment:" + name
            guard let feature = features.first(where: { $0.feature == compartment }) else { return nil }
            return feature.phrases.filter({ narrative.mayContain($0) && !(skippingIncisions && $0.text.hasSuffix("incision")) })
                .flatMap({ $0.hits(in: narrative) }).first(where: { $0.affirmed && $0.section.procedureWeight >= 0.5 && releasedClause($0) })
        }
        // "The medial (adductor) compartment of the thigh decompressed through a medial incision": in
        // the thigh the medial incision is the way to that compartment, not to a posterior one (as
        // it is in the leg, which has no medial compartment).
        let medial = releasedHit("medial")
        var released: [Phrase.Hit] = []
        for name in ["anterior", "lateral", "posterior", "medial"] {
            if let hit = name == "medial" ? medial : releasedHit(name, skippingIncisions: name == "posterior" && medial != nil) {
                released.append(hit)
            }
        }
        // "COMPARTMENTS RELEASED: 2 (anterior, posterior)", "three compartments were decompressed":
        // a count of two or more beside the plural and a release word.
        if released.count < 2 {
            for (index, token) in tokens.enumerated() where token.text == "compartments" && token.isAffirmed && token.section.procedureWeight >= 0.5 {
                let window = max(0, index - 3)..<min(tokens.count, index + 4)
                let counted = window.contains { position in
                    let text = tokens[position].text
                    return !tokens[position].negated && (Self.compartmentCounts.contains(text) || (Double(text).map { $0 >= 2 && $0 <= 4 } ?? false))
                }
                // "anterior compartment released; both compartments soft": a state, not a release.
                let stated = tokens.contains { $0.clause == token.clause && Self.compartmentStateWords.contains($0.text) }
                if counted, !stated, window.contains(where: { isRelease(tokens[$0]) }) {
                    var state = detected.state("multipleCompartments")
                    state.weight = token.section.procedureWeight
                    state.evidence = Phrase.Hit(first: index, last: index, negated: false, uncertain: false, historical: false,
                                                section: token.section, sentence: token.sentence)
                    state.count = 2
                    detected.states["multipleCompartments"] = state
                    return
                }
            }
        }
        var state = detected.state("multipleCompartments")
        if released.count >= 2 {
            state.weight = released.map(\.section.procedureWeight).min() ?? 0.85
            state.evidence = released.first
            state.count = released.count
            detected.states["multipleCompartments"] = state
        } else if released.count == 1, ["anterior", "lateral", "posterior", "medial"].contains(where: {
            detected.state("compartment:" + $0).negated && !detected.state("compartment:" + $0).present }) {
            state.negated = true
            detected.states["multipleCompartments"] = state
        }
    }

    /// The synovium cleared from the front and the back of the knee told part by part ("anterior
    /// synovectomy through a parapatellar arthrotomy ... then prone, posterior synovectomy"): both
    /// parts, as "anterior and posterior" says at once. A part stated as not entered ("posterior knee
    /// not entered"): one part only. The words of each part are the `detect` lists `synovectomyPart:…`.
    static func synovectomyExtent(into detected: inout DetectedFeatures) {
        var state = detected.state("anteriorAndPosterior")
        guard !state.present else { return }
        let anterior = detected.state("synovectomyPart:anterior"), posterior = detected.state("synovectomyPart:posterior")
        if anterior.present, posterior.present {
            state.weight = min(anterior.weight, posterior.weight)
            state.evidence = posterior.evidence
            state.count = 1
            state.negated = false
        } else if (posterior.negated && !posterior.present) || (anterior.negated && !anterior.present) {
            state.negated = true
        } else {
            return
        }
        detected.states["anteriorAndPosterior"] = state
    }

    static let compartmentCounts: Set<String> = ["two", "three", "four", "both", "multiple", "several"]
    static let compartmentStateWords: Set<String> = [
        "soft", "supple", "compressible", "normal", "fine", "unremarkable", "pressure", "pressures", "mmhg", "measured", "checked",
        "tense", "firm", "full", "swollen", "tight",
    ]

    static let walkingWordStems: [String] = ["walk", "mobilis", "mobiliz", "ambulat", "weightbear"]
    static let fixatorWords: Set<String> = ["pin", "pins", "fixator", "bar", "bars", "clamp", "clamps", "ring", "rings", "wires", "applied", "spanning"]
    /// A frame in a clause about walking or getting about ("has been walking on it for a week with a
    /// frame", "mobilising with frame and physio") is a walking frame, not an external fixator,
    /// unless the clause names the fixator's own parts.
    static func walkingFrame(at index: Int, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        var walking = false
        for position in narrative.clauseSpan(of: index) {
            let text = tokens[position].text
            if fixatorWords.contains(text) { return false }
            if walkingWordStems.contains(where: { text.hasPrefix($0) }) || text == "bearing" { walking = true }
        }
        return walking
    }

    /// Debridement of nonviable muscle: said outright, or a word for dead muscle ("dusky",
    /// "did not contract", "necrotic") in a sentence that removes tissue ("…, excised"). Dead-looking
    /// muscle that is not removed leaves the fact undocumented (a query, not a guess); muscle
    /// documented as viable with nothing dead named states it as not done.
    static let specimenWords: Set<String> = ["specimen", "specimens", "pathology", "histology", "histopathology"]
    static func nonviableMuscle(_ narrative: AnalyzedNarrative, features: [CompiledFeature], into detected: inout DetectedFeatures) {
        func hits(_ name: String) -> [Phrase.Hit] {
            guard let feature = features.first(where: { $0.feature == name }) else { return [] }
            return feature.phrases.flatMap { $0.hits(in: narrative) }
        }
        var state = detected.state("nonviableMuscleDebridement")
        let descriptors = hits("nonviableMuscle").filter { $0.affirmed && $0.section.procedureWeight >= 0.5 }
        if !state.present {
            let removalSentences = Set(hits("tissueRemoval").filter(\.affirmed).map(\.sentence))
            // Cutting words in the next sentence take the dead muscle too ("… the minimus dead. Cut
            // it out back to bleeding muscle."); a bare "removed" there may be anything (a drain).
            var cutting: Set<Int> = []
            if let feature = features.first(where: { $0.feature == "tissueRemoval" }) {
                for index in feature.phrases.indices where narrative.mayContain(feature.phrases[index]) && feature.phrases[index].text != "removed" {
                    for hit in feature.phrases[index].hits(in: narrative) where hit.affirmed { cutting.insert(hit.sentence) }
                }
            }
            for hit in descriptors where (removalSentences.contains(hit.sentence) || cutting.contains(hit.sentence + 1))
                && hit.section.procedureWeight > state.weight {
                state.weight = hit.section.procedureWeight
                state.evidence = hit
                state.count += 1
            }
            // Dead muscle sent as a specimen was cut out, wherever the specimen is listed (the
            // SPECIMENS line, the anaesthesia record): "Specimen: gluteus maximus muscle, necrotic".
            if !state.negated, !state.present, narrative.tokens.contains(where: { Self.specimenWords.contains($0.text) }) {
                let specimenSentences = Set(narrative.tokens.filter { Self.specimenWords.contains($0.text) && $0.isAffirmed }.map(\.sentence))
                for hit in hits("nonviableMuscle") where hit.affirmed && specimenSentences.contains(hit.sentence) {
                    state.weight = max(state.weight, 0.6)
                    state.evidence = hit
                    state.count += 1
                }
            }
        }
        if !state.present, descriptors.isEmpty, detected.state("viableMuscle").present { state.negated = true }
        if !state.present, !state.negated, !descriptors.isEmpty { state.hinted = true }
        if state.present || state.negated || state.hinted { detected.states["nonviableMuscleDebridement"] = state }
    }

    /// The dimensions of a word written without spaces: "8x6x4" -> [8, 6, 4], "2.5x2" -> [2.5, 2];
    /// "8×6"; nil for any other word.
    static func dimensions(_ word: String) -> [Double]? {
        guard word.contains(where: { $0 == "x" || $0 == "×" }) else { return nil }
        let parts = word.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count >= 2 else { return nil }
        let values = parts.compactMap { Double($0) }
        return values.count == parts.count ? values : nil
    }

    /// The hamstring tendons by name.
    static let hamstringNames: Set<String> = ["semitendinosus", "semimembranosus", "biceps", "gracilis"]
    /// Stems of the words that cut, release, lengthen or move a tendon.
    static let tendonWorkStems: [String] = ["tenotom", "divid", "divis", "cut", "releas", "transect", "lengthen", "fractional", "recess",
                                            "transfer", "harvest", "section"]
    /// Two hamstrings named as today's work ("fractional lengthening of semimembranosus and biceps
    /// femoris", "gracilis and semitendinosus cut") are several tendons, however the pair is worded:
    /// `tendonsNamed`, and `multipleTendons` when no phrase said so.
    static func tendonCount(_ narrative: AnalyzedNarrative, tokens included: [Bool]?, into detected: inout DetectedFeatures) {
        var named: Set<String> = []
        var evidence: Phrase.Hit?
        // The tendons are those worked on: named in a sentence that cuts, releases, lengthens or moves
        // a tendon, not muscles of the same names debrided in a compartment release. Those sentences
        // are read when a hamstring is first named, not in every note.
        var worked: Set<Int>?
        for (index, token) in narrative.tokens.enumerated() where included.map({ $0[index] }) ?? true {
            guard Self.hamstringNames.contains(token.text), token.isAffirmed, token.section.procedureWeight >= 0.5 else { continue }
            if worked == nil {
                worked = Set(narrative.tokens.filter { word in Self.tendonWorkStems.contains { word.text.hasPrefix($0) } }.map(\.sentence))
            }
            guard worked?.contains(token.sentence) == true else { continue }
            named.insert(token.text)
            if evidence == nil {
                evidence = Phrase.Hit(first: index, last: index, negated: false, uncertain: false, historical: false,
                                      section: token.section, sentence: token.sentence)
            }
        }
        guard named.count >= 2 else { return }
        detected.states["tendonsNamed"] = DetectedFeatures.State(weight: 0.85, evidence: evidence, count: named.count)
        guard !detected.state("multipleTendons").present else { return }
        var state = detected.state("multipleTendons")
        state.weight = 0.85
        state.evidence = evidence
        state.count = named.count
        detected.states["multipleTendons"] = state
    }

    static let wayInWords: Set<String> = ["incision", "incisions", "incised", "wound", "laceration", "scar", "approach", "exposure", "portal", "portals", "drain"]
    /// Words beside a size that make it the lesion's ("a 4 cm mass", "specimen measuring"); not
    /// `NarrativeAnalyzer.boneLesionWords`, a bone lesion that may break.
    static let measuredLesionWords: Set<String> = ["mass", "tumor", "tumour", "lesion", "lipoma", "cyst", "nodule", "lump", "sarcoma", "specimen", "ganglion",
                                                   "measuring", "measured", "measures", "size", "sized", "abscess", "collection"]

    /// A measure of the tissue left around the lesion, not of the lesion ("1 cm margin").
    static let marginWords: Set<String> = ["margin", "margins", "cuff", "rim"]
    /// A form's label whose unit measures no lesion ("Closest margin (mm): 4", "Distance (cm) 2").
    static let notLesionLabelWords: Set<String> = marginWords.union(["distance", "closest", "resection"])

    /// Numbers followed by cm/mm (with "x"/"by" between dimensions, or joined to them: "8x6x4 cm"),
    /// or written as "5cm", "8x6x4cm".
    static func largestSize(_ narrative: AnalyzedNarrative, tokens included: [Bool]? = nil) -> Double? {
        var largest: Double?
        let tokens = narrative.tokens
        func record(_ value: Double) { largest = max(largest ?? 0, value) }
        func number(_ text: String) -> Double? { Double(text) ?? dimensions(text)?.max() }
        // "a 6 cm longitudinal incision", "incision about 6 cm anterolateral", "through the 4 cm
        // wound": the length of the way in, not the lesion (unless the lesion is named beside it).
        func measuresTheWayIn(_ index: Int) -> Bool {
            let clause = tokens[index].clause
            var wayIn = false
            for position in max(0, index - 4)...min(tokens.count - 1, index + 4) where tokens[position].clause == clause {
                let text = tokens[position].text
                if Self.measuredLesionWords.contains(text) { return false }
                if Self.wayInWords.contains(text) { wayIn = true }
            }
            return wayIn
        }
        for (index, token) in tokens.enumerated() where included.map({ $0[index] }) ?? true {
            var unit: Double?
            switch token.text {
            case "cm", "centimeter", "centimeters", "centimetre", "centimetres": unit = 1
            case "mm", "millimeter", "millimeters": unit = 0.1
            default:
                for (suffix, factor) in [("cm", 1.0), ("mm", 0.1)] where token.text.hasSuffix(suffix) && !measuresTheWayIn(index) {
                    if let value = number(String(token.text.dropLast(2))) { record(value * factor) }
                }
            }
            guard let unit, !measuresTheWayIn(index) else { continue }
            // "under 5 cm", "larger than 5 cm", "1 cm margin": thresholds and margins are not the lesion.
            // ("Size: 4.5 cm" then a "Margins:" line is a size: the next word must be in its clause.)
            if index + 1 < tokens.count, tokens[index + 1].clause == token.clause,
               Self.marginWords.contains(tokens[index + 1].text) { continue }
            var first = index - 1
            while first >= 0, number(tokens[first].text) != nil || tokens[first].text == "x" || tokens[first].text == "by" { first -= 1 }
            if first >= 0, ["under", "than", "over", "above", "below", "least", "to", "exceeding", "most", "within"].contains(tokens[first].text) { continue }
            var look = index - 1
            while look >= 0, look >= index - 5 {
                let text = tokens[look].text
                if let value = number(text) { record(value * unit) } else if text != "x" && text != "by" { break }
                look -= 1
            }
            // The unit in a form's label, its numbers after it: "Max tumour dimension (cm): 11.5",
            // "Size (mm) 42 x 30". Not a margin's or a distance's label.
            if index >= 1, number(tokens[index - 1].text) == nil,
               !(max(0, index - 3)..<index).contains(where: { Self.notLesionLabelWords.contains(tokens[$0].text) }) {
                var ahead = index + 1
                while ahead < tokens.count, ahead <= index + 5, tokens[ahead].sentence == token.sentence {
                    let text = tokens[ahead].text
                    if let value = number(text) { record(value * unit) } else if text != "x" && text != "by" { break }
                    ahead += 1
                }
            }
        }
        return largest
    }
}
