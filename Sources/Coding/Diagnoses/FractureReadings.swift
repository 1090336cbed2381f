/// What a fracture's words say beyond "fracture": open or closed, named by its pattern or
/// classification, healed, never healed or not yet broken; and the implant heads and surgical
/// dislocations that only look like a fracture or dislocation of the hip.
extension DiagnosisCoder {
    /// "open left trimalleolar fracture": "open" shortly before "fracture", with no treatment word
    /// between (which would make it an open reduction).
    static func statesOpenFracture(_ narrative: AnalyzedNarrative, sentence: Int) -> Bool {
        let tokens = narrative.tokens
        for (index, token) in tokens.enumerated() where token.sentence == sentence && token.text == "open" && !token.negated {
            for next in tokens[(index + 1)..<min(tokens.count, index + 6)] {
                if openTreatmentWords.contains(next.text) { break }
                if next.text.hasPrefix("fracture") { return true }
            }
        }
        return false
    }

    /// Words after "open" that make it the operation's ("open reduction", "open approach"), not the fracture's.
    static let openTreatmentWords: Set<String> = ["reduction", "treatment", "fixation", "approach", "incision", "exposure", "repair", "debridement"]

    /// Words that name a fracture by its pattern ("long spiral", "short oblique", "comminuted",
    /// "segmental", "transverse", "valgus-impacted", "displaced 6 mm") or by a classification with its
    /// grade ("Weber B", "Schatzker II", "Garden IV", "Pauwels 3", "Gustilo IIIA", "Vancouver B1", "OTA
    /// 42-A3"), as hits of a rule's fracture group. A pattern word describing something else ("oblique
    /// incision", "transverse acetabular ligament", "oblique views") is not one; nor is a displacement
    /// word in a sentence about a dislocation ("patella displaced laterally").
    static func fractureNames(_ narrative: AnalyzedNarrative) -> [Phrase.Hit] {
        let tokens = narrative.tokens
        var result: [Phrase.Hit] = []
        var dislocationSentences: Set<Int> = []
        for token in tokens where token.text.hasPrefix("disloc") || token.text.hasPrefix("sublux") { dislocationSentences.insert(token.sentence) }
        for (index, token) in tokens.enumerated() {
            let text = token.text
            var names = false
            // "valgus-impacted" is a fracture; "cup impacted", "impacted the stem" are implants.
            let impacted = text == "impacted" && index > 0 && ["valgus", "varus"].contains(tokens[index - 1].text)
            if fracturePatternWords.contains(text) || impacted || (displacementWords.contains(text) && !dislocationSentences.contains(token.sentence)) {
                names = true
                for next in tokens[(index + 1)..<min(tokens.count, index + 4)] where next.clause == token.clause {
                    if notFractureNouns.contains(next.text) || (displacementWords.contains(text) && directionAdverbs.contains(next.text)) { names = false; break }
                }
            } else if inherentFractureNames.contains(text) || (text == "depression" && index > 0 && tokens[index - 1].text == "split")
                        || (text == "depressed" && index > 0 && tokens[index - 1].text == "mm") {
                // "the pilon", "bimalleolar", "split-depression", "6 mm depressed".
                names = !(index + 1 < tokens.count && tokens[index + 1].text == "equivalent")
            } else if fractureClassifications.contains(text) {
                // The classification with its grade: "Garden IV", "Weber B", "Schatzker type 2"; not "the garden".
                var position = index + 1
                if position < tokens.count, ["type", "grade", "class", "classification", "anderson", "mckeever", "rorabeck", "hansen"].contains(tokens[position].text) { position += 1 }
                if position < tokens.count, tokens[position].sentence == token.sentence, isGrade(tokens[position].text) { names = true }
            }
            guard names else { continue }
            result.append(Phrase.Hit(first: index, last: index, negated: token.negated, uncertain: token.uncertain, historical: token.historical,
                                     section: token.section, sentence: token.sentence))
        }
        return result
    }

    /// "The hip was dislocated and the femoral neck cut", "dislocated, head removed, acetabulum
    /// reamed": a dislocation done as a step of the operation, not a condition.
    static func surgicalDislocation(_ hit: Phrase.Hit, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        guard (hit.first...hit.last).contains(where: { tokens[$0].text == "dislocated" }) else { return false }
        let sentence = tokens[hit.first].sentence
        return tokens.contains { $0.sentence == sentence && operativeSteps.contains($0.text) }
    }

    static let operativeSteps: Set<String> = [
        "reamed", "broached", "rasped", "osteotomized", "osteotomised", "resected", "capsulotomy", "extracted", "delivered", "impacted",
        "trialed", "trialled", "incised", "cut",
    ]

    /// A nonunion said in other words: "never healed", "failed to heal", "never united", "failed to
    /// unite", "no union" (not "not healed", "not united" at six weeks, which may be healing on time).
    static func unhealedWords(_ narrative: AnalyzedNarrative) -> [Phrase.Hit] {
        let tokens = narrative.tokens
        var result: [Phrase.Hit] = []
        for (index, token) in tokens.enumerated() where ["united", "unite", "union", "healed", "heal"].contains(token.text) && !token.uncertain {
            let strong: Set<String> = token.text == "union" ? ["never", "failed", "no"] : ["never", "failed"]
            guard (max(0, index - 3)..<index).contains(where: { tokens[$0].clause == token.clause && strong.contains(tokens[$0].text) }),
                  index == 0 || tokens[index - 1].text != "delayed" else { continue }
            result.append(Phrase.Hit(first: index, last: index, negated: false, uncertain: false, historical: false, section: token.section, sentence: token.sentence))
        }
        return result
    }

    /// "ii", "iv", "3", "b", "b1", "3a", "iiia", "a2", "c3", "42" (an OTA bone), "31a2".
    static func isGrade(_ text: String) -> Bool {
        if ["i", "ii", "iii", "iv", "v", "vi", "a", "b", "c", "iiia", "iiib", "iiic", "ag", "al"].contains(text) { return true }
        guard let first = text.first, text.count <= 5 else { return false }
        return (first.isNumber || ["a", "b", "c"].contains(first)) && text.dropFirst().allSatisfy { $0.isNumber || ["a", "b", "c"].contains($0) }
    }

    static let fracturePatternWords: Set<String> = [
        "spiral", "oblique", "comminuted", "comminution", "segmental", "transverse", "stellate", "butterfly",
    ]
    static let displacementWords: Set<String> = ["displaced", "undisplaced", "nondisplaced"]
    static let inherentFractureNames: Set<String> = ["pilon", "bimalleolar", "trimalleolar"]
    static let fractureClassifications: Set<String> = [
        "weber", "schatzker", "garden", "pauwels", "gustilo", "vancouver", "rorabeck", "meyers", "ogden", "winquist", "seinsheimer",
        "tscherne", "ota", "ao", "lauge",
    ]
    static let directionAdverbs: Set<String> = ["laterally", "medially", "anteriorly", "posteriorly", "superiorly", "inferiorly", "proximally", "distally"]
    static let notFractureNouns: Set<String> = [
        "incision", "incisions", "arthrotomy", "osteotomy", "osteotomies", "cut", "cuts", "view", "views", "approach", "capsulotomy", "skin",
        "scar", "resection", "defect", "retinaculum", "fascia", "fasciotomy", "ligament", "ligaments", "wire", "wires", "screw", "screws", "drill",
        "tunnel", "tunnels", "suture", "sutures", "wound", "laceration", "line", "lines", "image", "images", "film", "films", "radiograph",
        "radiographs", "process", "muscle", "fibres", "fibers", "band", "plane", "meniscus", "meniscal", "tear", "flap", "graft", "section",
    ]

    /// A prosthetic head named by its size, make or kind ("47 mm head", "bipolar head", "36 ceramic
    /// head", "trial head", "head size 28"), with the "femoral" before it: an implant, not a
    /// fracture of the femoral head.
    static func implantHeadWords(_ narrative: AnalyzedNarrative) -> Set<Int> {
        let tokens = narrative.tokens
        var result: Set<Int> = []
        for (index, token) in tokens.enumerated() where token.text == "head" || token.text == "heads" {
            var implant = false
            var position = index - 1
            var before: [Int] = []
            while position >= 0, position >= index - 3, tokens[position].clause == token.clause {
                let text = tokens[position].text
                if implantHeadModifiers.contains(text) || text.first?.isNumber == true { implant = true; before.append(position) }
                else if text == "femoral" { before.append(position) } else { break }
                position -= 1
            }
            if index + 1 < tokens.count, tokens[index + 1].clause == token.clause,
               ["size", "sized", "diameter", "mm", "trial", "trials", "component"].contains(tokens[index + 1].text) || tokens[index + 1].text.first?.isNumber == true {
                implant = true
            }
            if implant { result.insert(index); result.formUnion(before) }
        }
        return result
    }

    static let implantHeadModifiers: Set<String> = [
        "mm", "millimeter", "millimetre", "unipolar", "bipolar", "ceramic", "metal", "cobalt", "chrome", "oxinium", "delta", "biolox",
        "trial", "modular", "prosthetic", "skirted", "large", "jumbo", "new", "replacement", "mobility", "monoblock", "austin", "moore",
        "thompson", "cemented", "endoprosthesis",
    ]

    /// An open fracture said anywhere: a Gustilo grade, "open type II", "fracture, open", "exposed" or
    /// "compound" fracture; type III when a Gustilo grade or an open fracture's type is IIIA-C.
    static func openFractureReading(_ narrative: AnalyzedNarrative) -> (open: Bool, type3: Bool) {
        let tokens = narrative.tokens
        var open = false, type3 = false
        let treatment = openTreatmentWords.union(["surgery", "arthrotomy", "wound"])
        func isType3(_ text: String) -> Bool { ["3", "iii", "3a", "3b", "3c", "iiia", "iiib", "iiic"].contains(text) }
        for (index, token) in tokens.enumerated() where !token.negated && !token.uncertain {
            let next = index + 1 < tokens.count && tokens[index + 1].sentence == token.sentence ? tokens[index + 1].text : ""
            switch token.text {
            case "gustilo":
                open = true
                var position = index + 1
                while position < min(tokens.count, index + 4), tokens[position].sentence == token.sentence {
                    if isType3(tokens[position].text) { type3 = true }
                    position += 1
                }
            case "exposed", "compound":
                // "exposed comminuted fracture", "compound fracture"; not "malleolus exposed, fracture reduced".
                for position in (index + 1)..<min(tokens.count, index + 3) where tokens[position].clause == token.clause && tokens[position].text.hasPrefix("fracture") {
                    let after = position + 1 < tokens.count && tokens[position + 1].clause == token.clause ? tokens[position + 1].text : ""
                    if !after.hasSuffix("ed") && after != "was" && after != "were" { open = true }
                }
            case "open":
                // "open type II", "open grade IIIB", "fracture, open": not "open reduction".
                guard !treatment.contains(next) else { continue }
                if next == "type" || next == "grade" {
                    open = true
                    if index + 2 < tokens.count, isType3(tokens[index + 2].text) { type3 = true }
                } else if index > 0, tokens[index - 1].sentence == token.sentence,
                          tokens[index - 1].text.hasPrefix("fracture") || (index > 1 && Side.named(at: index - 1, in: tokens) != nil && tokens[index - 2].text.hasPrefix("fracture")) {
                    // "fracture, open", "fracture L, open"; not "fracture L, fixed open".
                    open = true
                }
            default: break
            }
        }
        return (open, type3)
    }

    /// "Fracture united", "the fracture has healed", "healed tibial fracture": no fracture today (hardware
    /// removal after union), unless the sentence says it healed badly or not at all ("malunited …
    /// healed in varus", "nonunion").
    static func healed(_ hit: Phrase.Hit, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        let clause = tokens[hit.first].clause, sentence = tokens[hit.first].sentence
        var healed = false, denied = false
        for token in tokens where token.sentence == sentence {
            if badHealingWords.contains(token.text) || (token.clause == clause && healedDeformityWords.contains(token.text)) { return false }
            // "never healed", "failed to unite", "not united" anywhere in the sentence: not healed.
            if ["never", "failed", "not"].contains(token.text) { denied = true }
            if token.clause == clause, !token.negated, healedWords.contains(token.text) { healed = true }
        }
        return healed && !denied
    }

    static let healedWords: Set<String> = ["healed", "united", "consolidated", "remodeled", "remodelled"]
    /// Words that say the fracture healed badly, not at all, or broke again ("malunited",
    /// "nonunited", "ununited" are read as "malunion" / "nonunion": abbreviations.tsv).
    static let badHealingWords: Set<String> = [
        "malunion", "nonunion", "delayed", "refracture", "refractured", "nonhealing", "malaligned",
    ]

    /// "Healed in 15 degrees of varus", "united with 2 cm of shortening": healed badly, a malunion.
    static let healedDeformityWords: Set<String> = [
        "varus", "valgus", "deformity", "malrotation", "malrotated", "angulation", "angulated", "shortening", "shortened", "short", "procurvatum", "recurvatum",
    ]

    /// "Impending (pathological) fracture", "incipient fracture": the bone has not broken yet.
    static let notYetWords: Set<String> = ["impending", "incipient", "threatened"]
    static func notYetBroken(_ hit: Phrase.Hit, in narrative: AnalyzedNarrative) -> Bool {
        let clause = narrative.tokens[hit.first].clause
        let from = max(0, hit.first - 3)
        return (from...hit.last).contains { notYetWords.contains(narrative.tokens[$0].text) && narrative.tokens[$0].clause == clause }
    }
}
