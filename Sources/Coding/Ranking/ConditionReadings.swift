/// What the note tells of the condition rather than of an operation on it: only the condition
/// named (`conditionOnly`), an injury, a dislocation or a tendon out of place (`NoteReadings`), and
/// an operation that is still the plan (`surgeryPlanned`).
extension ProcedureScorer {
    /// Words that say a bone or joint was injured: a fracture, its reduction or its union
    /// ("malunited", "nonunited", "ununited" reach the ranker as "malunion" / "nonunion":
    /// abbreviations.tsv).
    static let injuryWords: Set<String> = [
        "fracture", "fractures", "fractured", "broken", "break", "reduction", "reduced", "reduce", "nonunion", "malunion",
        "comminuted", "comminution", "displaced", "displacement", "nondisplaced", "undisplaced", "avulsion", "dislocation",
        "dislocated", "injury", "injuries", "trauma", "traumatic", "fragment", "fragments", "crack", "periprosthetic", "impending",
        // Fracture patterns and classifications name the fracture on their own.
        "trimalleolar", "bimalleolar", "trimal", "bimal", "pilon", "plafond", "maisonneuve", "tillaux", "schatzker", "weber", "garden",
        "pipkin", "pauwels", "gustilo", "tscherne", "salter", "segond", "hoffa", "depression", "depressed", "butterfly", "spiral",
        "oblique", "transverse", "segmental", "bicondylar", "intercondylar",
    ]
    /// Words that name a condition of a tendon, muscle or bone, not anything done to it.
    static let conditionNamingWords: Set<String> = injuryWords.subtracting(reductionWords).union([
        "rupture", "ruptured", "ruptures", "rupturing", "tear", "tears", "torn", "snapped", "snap", "strain", "sprain",
        "partial", "complete", "acute", "gap", "retracted", "retraction", "deficient", "disruption", "disrupted",
    ])
    /// Words that tell something was done to a patient, in a surgeon's or a lay writer's words.
    static let actionWords: Set<String> = Set(NarrativeAnalyzer.plainVerbPast.keys).union(NarrativeAnalyzer.plainVerbPast.values).union([
        "repaired", "sutured", "suture", "stitched", "stitches", "sewn", "sewed", "tenorrhaphy", "reattached", "anchors", "anchor",
        "fixed", "fixing", "operated", "operation", "surgery", "surgeries", "theatre", "theater", "op", "orif", "nailed", "nailing",
        "plated", "pinned", "screwed", "wired", "screws", "screw", "plate", "nail", "wires", "removed", "excised", "took", "taken",
        "replaced", "reconstructed", "debrided", "washed", "washout", "drained", "released", "lengthened", "transferred", "incision",
        "incised", "exposed", "mobilised", "mobilized", "mobilise", "mobilize", "wbat", "nwb", "fwb", "pwb", "tdwb", "weightbearing",
        "backslab", "slab", "plaster", "pop", "collar", "traction", "put", "placed", "inserted", "applied", "performed", "done",
        // Closed care in words of its own, and a joint put back.
        "analgesia", "analgesic", "analgesics", "physio", "physiotherapy", "mobilising", "mobilizing", "mobilisation", "mobilization",
        "relocated", "relocation", "relocate", "popped", "clunked",
        // Procedures named as nouns.
        "debridement", "irrigation", "drainage", "biopsy", "release", "reconstruction", "resection", "curettage", "decompression",
        "exploration", "lavage", "reattachment", "tenodesis", "fasciotomy", "procedure",
    ])
    /// Words of a code asked about or billed: the coder's question asks for the operation's code.
    /// The scope marker's words of a code asked for (`NarrativeAnalyzer.codeWords`), and a charge or claim.
    static let codeWords: Set<String> = NarrativeAnalyzer.codeWords.union(["charge", "charged", "claim", "claimed"])
    /// Nothing is told as done, and at least one required group of the entry was met only by
    /// words naming the condition, with no other phrase of that group affirmed anywhere.
    static func conditionOnly(_ required: [Phrase.Hit], compiled: CompiledEntry, features: DetectedFeatures, narrative: AnalyzedNarrative) -> Bool {
        guard features.effectiveApproach == nil, !features.state("manipulation").present, features.fixations.isEmpty,
              !features.state("immobilization").present, !features.state("treatment").present,
              !features.state("conservativeCare").present, !features.state("approach:arthroscopic").present,
              !features.state("prostheticReplacement").present,
              !features.state("approach:endoscopic").present,
              // Care decided in words of what was not done ("no manipulation", "no fixation"): the
              // fracture's closed care is told.
              !features.state("manipulation").negated, !features.state("fixation:internal").negated else { return false }
        let tokens = narrative.tokens
        // An action told in any words, said as done or as done before (a letter telling last
        // week's repair), or a code asked about: something was done.
        if tokens.contains(where: { token in
            (!token.negated && !token.uncertain && actionWords.contains(token.text)) || codeWords.contains(token.text)
        }) { return false }
        func onlyCondition(_ hit: Phrase.Hit) -> Bool {
            (hit.first...hit.last).allSatisfy { conditionNamingWords.contains(tokens[$0].text) }
        }
        for (group, hit) in zip(compiled.all, required) where onlyCondition(hit) {
            let acted = group.indices.contains { index in
                narrative.mayContain(group[index]) && group[index].hits(in: narrative).contains { $0.affirmed && !onlyCondition($0) }
            }
            if !acted { return true }
        }
        return false
    }
    /// The note names an injury somewhere (not only in its history).
    static func namesInjury(_ narrative: AnalyzedNarrative) -> Bool {
        // A reduction in a note that cuts or fuses bone is the cut's ("fibula osteotomised …, put
        // back with 2 screws" in an ankle fusion; "osteotomy reduced and plated"): no injury.
        // Called for every fracture-treatment candidate: the second scan, for a cut, only when a
        // reduction word would otherwise decide, and once.
        var cut: Bool?
        return narrative.tokens.contains { token in
            guard Self.injuryWords.contains(token.text), !token.historical else { return false }
            guard Self.reductionWords.contains(token.text) else { return true }
            if cut == nil { cut = narrative.tokens.contains { Self.cutWords.contains($0.text) && $0.isAffirmed } }
            return cut == false
        }
    }
    /// A dislocation (or a tendon or joint out of place) told, and no word naming a fracture that
    /// is not denied: what was reduced is the joint or the tendon.
    static func dislocationOnly(_ narrative: AnalyzedNarrative) -> Bool {
        var dislocated = false
        for token in narrative.tokens where !token.negated {
            if Self.fractureWords.contains(token.text) { return false }
            if Self.dislocationWords.contains(token.text), !token.historical { dislocated = true }
        }
        return dislocated
    }
    /// Every dislocation word told stands in a clause naming a tendon.
    static func onlyTendonsDislocated(_ narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        var any = false
        for index in tokens.indices where Self.dislocationWords.contains(tokens[index].text) && !tokens[index].negated {
            guard narrative.clauseSpan(of: index).contains(where: { Self.tendonWords.contains(tokens[$0].text) }) else { return false }
            any = true
        }
        return any
    }
    static let tendonWords: Set<String> = ["tendon", "tendons", "peroneal", "peroneals", "peroneus", "tibialis", "retinaculum"]
    /// The scope marker's dislocation words (`NarrativeAnalyzer.dislocationWords`) and the
    /// present-tense forms of subluxing that tell a tendon slipping out of its groove.
    static let dislocationWords: Set<String> = NarrativeAnalyzer.dislocationWords.union(["subluxing", "subluxating"])
    /// The injury words that name a fracture: all but a reduction, a dislocation, and an injury or a
    /// displacement of no named kind.
    static let fractureWords: Set<String> = injuryWords.subtracting(reductionWords).subtracting([
        "dislocation", "dislocated", "injury", "injuries", "trauma", "traumatic", "displaced", "displacement", "avulsion",
    ])
    static let reductionWords: Set<String> = ["reduction", "reduced", "reduce"]
    static let cutWords: Set<String> = [
        "osteotomy", "osteotomies", "osteotomised", "osteotomized", "osteotomise", "osteotomize", "arthrodesis", "fusion", "fused",
    ]
    static let definitiveObjects: Set<String> = ["management", "care", "treatment", "fixation", "surgery", "operative", "stabilisation", "stabilization", "orif"]
    static let operationWords: Set<String> = ["fixation", "fixed", "fix", "surgery", "nailing", "plating", "hemiarthroplasty", "arthroplasty", "operative",
                                              "operate", "operation"]
    static let notYetWords: Set<String> = ["yet"]
    static let laterWords: Set<String> = ["tomorrow", "next", "later", "deferred", "when", "once", "until", "staged", "awaiting", "listed", "today", "yet", "another", "future", "subsequent", "after"]
    static let rebookingWords: Set<String> = ["rebooked", "relisted", "rescheduled", "rebook", "relist", "reschedule"]
    static let planWords: Set<String> = ["rebooked", "relisted", "rescheduled", "planned", "plan", "scheduled", "booked", "will", "staged", "awaiting", "listed", "tomorrow", "next", "later", "deferred", "another", "future", "subsequent",
                                         "list"]

    /// An operation on the fracture is the plan: an operation word that is not today's, in a
    /// clause with a word of plans ("ORIF planned when the swelling settles", "for fixation tomorrow").
    static func surgeryPlanned(_ narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        // "Ortho to see in 3 days for definitive management", "referred to fracture clinic for
        // definitive care": the fracture's treatment is someone else's, later; today's splint is
        // temporary.
        for index in tokens.indices where tokens[index].text == "definitive" && index > 0 && tokens[index - 1].text == "for"
            && index + 1 < tokens.count && definitiveObjects.contains(tokens[index + 1].text) { return true }
        for index in tokens.indices where operationWords.contains(tokens[index].text) && (tokens[index].historical || tokens[index].negated) {
            let clause = tokens[index].clause
            let span = narrative.clauseSpan(of: index)
            func clauseSays(_ words: Set<String>) -> Bool { span.contains { words.contains(tokens[$0].text) } }
            var position = span.lowerBound
            // "No surgery planned", "surgery is not planned": the care given is the treatment (not
            // "ORIF not possible today, planned for next week").
            if tokens[index].negated, clauseSays(Lexicon.forwardNegationWords) {
                // "No surgery yet, in a backslab waiting for the swelling": not yet is later.
                if clauseSays(notYetWords) { return true }
                if !clauseSays(laterWords) { continue }
            }
            // The clause goes on after an aside ("The operation (bipolar hemiarthroplasty) is
            // scheduled after the medical check"): read it to the end of its sentence.
            let sentence = tokens[index].sentence
            while position < tokens.count, tokens[position].sentence == sentence {
                defer { position += 1 }
                guard tokens[position].clause == clause else { continue }
                if planWords.contains(tokens[position].text) { return true }
                // "R ankle ORIF cancelled this AM - fracture blisters. Rebooked in 7-10 days. Splint
                // re-applied": an operation called off and booked again is still to come.
                if ["cancelled", "canceled", "postponed"].contains(tokens[position].text),
                   tokens.contains(where: { rebookingWords.contains($0.text) }) { return true }
                // "definitive fixation to be done another day"
                if tokens[position].text == "to", position + 1 < tokens.count, tokens[position + 1].text == "be",
                   tokens[position + 1].clause == clause { return true }
            }
        }
        return false
    }
}
