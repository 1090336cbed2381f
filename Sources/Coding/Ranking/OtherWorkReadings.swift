/// Words of a candidate that document other work than the code's: a site word said of a bone
/// outside the range, of a donor site, a nerve, a skin crease or an implant already in; a fascia
/// opened for a collection; an arthroscopy that only looked; only a needle put in.
extension ProcedureScorer {
    static let injectionWords: Set<String> = ["injection", "injected", "inject", "injecting", "aspiration", "aspirated", "aspirate", "arthrocentesis"]
    static let operativeWords: Set<String> = [
        "excision", "excised", "excise", "resection", "resected", "incision", "incised", "open", "opened", "repair", "repaired",
        "fixation", "fixed", "released", "release", "drainage", "drained", "debrided", "debridement", "amputation", "reconstruction",
        "reconstructed", "reduction", "reduced", "biopsy", "lengthening", "transfer", "manipulation", "curettage", "curetted",
        "washout", "irrigation", "removal", "removed", "cast", "splint", "arthrogram", "arthrography", "contrast", "fusion", "nail",
        "plate", "screw", "screws", "pinning", "implant", "prosthesis",
    ]
    /// Operative by its form: -ectomy, -otomy, -plasty, -desis, -pexy, -rrhaphy.
    static func isOperative(_ word: String) -> Bool {
        operativeWords.contains(word) || ["ectomy", "otomy", "plasty", "desis", "pexy", "rrhaphy", "ectomies", "otomies", "plasties"].contains { word.hasSuffix($0) }
    }

    static let outsideSitePenalty = 8.0
    /// Bones and joints outside the range (the foot's, the upper limb's, the spine's).
    static let outsideWords: Set<String> = [
        "toe", "toes", "metatarsal", "metatarsals", "hallux", "lisfranc", "navicular", "cuboid", "cuneiform", "forefoot", "midfoot",
        "phalanx", "phalangeal", "metatarsophalangeal", "tarsometatarsal", "interphalangeal", "mtp", "mtpj", "talonavicular",
        "calcaneocuboid", "sesamoid", "shoulder", "humerus", "humeral", "elbow", "forearm", "radius", "ulna", "ulnar", "wrist", "hand",
        "finger", "fingers", "thumb", "carpal", "metacarpal", "scaphoid", "clavicle", "scapula", "olecranon", "acromion", "glenoid",
        "glenohumeral", "vertebra", "vertebral", "lumbar", "thoracic", "cervical",
    ]
    /// Words that may stand between a site and the bone it belongs to: "supracondylar fracture of the left humerus".
    static let siteFillers: Set<String> = ["of", "the", "a", "an", "left", "right", "l", "r", "fracture", "fractures", "distal", "proximal", "#"]

    /// Whether the site words are said of a bone or joint outside the range: a word of another
    /// region right before them ("humeral supracondylar", "elbow ulnar collateral ligament"), or
    /// after them with only side, level or fracture words between ("supracondylar fracture of the
    /// humerus"), in their clause.
    static func siteQualifiedElsewhere(_ site: Phrase.Hit, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        let clause = tokens[site.first].clause
        if site.first > 0, tokens[site.first - 1].clause == clause, outsideWords.contains(tokens[site.first - 1].text) { return true }
        var look = site.last + 1
        while look < tokens.count, look <= site.last + 5, tokens[look].clause == clause {
            if outsideWords.contains(tokens[look].text) { return true }
            guard siteFillers.contains(tokens[look].text) else { break }
            look += 1
        }
        return false
    }

    static let fasciaAccessPenalty = 4.0

    /// Words of fixing in a clause about the site.
    static let fixingWords: Set<String> = ["fixed", "fixation", "plated", "plate", "screw", "screws", "screwed", "nailed", "pinned", "wired"]

    /// The site is said not fixed in a clause of its own ("the proximal fibula fracture was not
    /// fixed"), and no clause naming it affirms a fixing word.
    static func siteSaidNotFixed(_ site: [Phrase], in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        var saidNotFixed = false
        for index in site.indices where narrative.mayContain(site[index]) {
            for hit in site[index].hits(in: narrative) {
                // A hit stays inside one clause (`Phrase.hits`): its clause is that of its first word.
                let words = tokens[narrative.clauseSpan(of: hit.first)]
                if hit.affirmed, words.contains(where: { $0.isAffirmed && fixingWords.contains($0.text) }) { return false }
                if hit.negated, words.contains(where: { $0.negated && fixingWords.contains($0.text) }) { saidNotFixed = true }
            }
        }
        return saidNotFixed
    }
    static let collectionWords: Set<String> = ["abscess", "pus", "purulent", "hematoma", "haematoma", "collection", "seroma", "mass",
                                               "tumor", "tumour", "lipoma", "cyst", "foreign"]
    static let compartmentSyndromeWords: Set<String> = ["syndrome", "pressure", "pressures", "tense", "decompression", "decompressive",
                                                        "decompressed", "nonviable", "necrotic", "dead", "dusky", "ischemic", "ischaemic",
                                                        "bulging", "bulged"]

    /// The sentences that document a fasciotomy code reach a collection or a mass, and nothing in
    /// the note speaks of a compartment syndrome or of a release (the word "fasciotomy" said in
    /// the note's own words counts as one; a clause concept read from "fascia opened" does not).
    static func fasciaOpenedForCollection(_ required: [Phrase.Hit], in narrative: AnalyzedNarrative) -> Bool {
        let sentences = Set(required.map(\.sentence))
        var collection = false
        for token in narrative.tokens where token.isAffirmed {
            if compartmentSyndromeWords.contains(token.text) || token.text.hasPrefix("releas") { return false }
            if sentences.contains(token.sentence), collectionWords.contains(token.text) { collection = true }
        }
        return collection && narrative.text.range(of: "fasciotom", options: .caseInsensitive) == nil
    }

    static let existingImplantPenalty = 6.0
    /// Words before an implant that say it is already in: a condition of it, or "post" ("after the
    /// right THA was complete" is today's).
    static let existingImplantCues: Set<String> = ["post", "infected", "painful", "failed", "failing", "loose",
                                                   "loosened", "exposed", "periprosthetic", "existing", "around", "dislocated", "unstable"]

    /// Whether the implant named by the site words is already in the patient: a cue word at most
    /// three words before them in their clause.
    static func implantAlreadyIn(_ site: Phrase.Hit, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        var look = site.first - 1
        while look >= 0, look >= site.first - 3, tokens[look].clause == tokens[site.first].clause {
            if existingImplantCues.contains(tokens[look].text) {
                // "2/52 post R TKR we did on 03/11", "after the THA which I performed": the writer's
                // own operation, which the note is about (a referral or letter of the operating team).
                if tokens[look].text == "post", site.last + 1 < tokens.count,
                   NarrativeAnalyzer.firstPersonPast(tokens, from: site.last + 1, to: min(tokens.count, site.last + 5)) { return false }
                return true
            }
            look -= 1
        }
        return false
    }

    static let harvestWords: Set<String> = ["harvested", "harvest", "harvesting", "taken", "obtained", "procured", "donor",
                                            // "graft from the femoral head" in a hip fusion: the head gave the graft.
                                            "graft", "grafts", "autograft"]
    /// A graft's own words: what a donor gives, never a donor site; after a structure's name, the graft taken from it.
    static let graftWords: Set<String> = ["graft", "grafts", "allograft", "allografts", "autograft", "autografts"]
    /// Where a graft went ("autograft from the crest packed into the femoral head"): the site is the recipient.
    static let destinationWords: Set<String> = ["into", "onto", "to", "in"]

    /// Every affirmed site word stands where a graft was taken from ("harvested from the
    /// ipsilateral knee", "donor site: thigh"): a harvest word, then "from" (or the donor word
    /// itself), at most ten words before it in its clause.
    static func donorSiteOnly(_ group: [Phrase], in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        var seen = false
        for index in group.indices where narrative.mayContain(group[index]) {
            for hit in group[index].hits(in: narrative) where hit.affirmed && hit.section.procedureWeight >= minimumSectionWeight {
                // The graft itself is what a donor gives, never a donor site ("one fresh donor
                // osteochondral plug from the tissue bank" is an osteochondral allograft).
                if (hit.first...hit.last).contains(where: { graftWords.contains(tokens[$0].text) }) { return false }
                var look = hit.first - 1
                var donor = false
                var sawFrom = false
                while look >= 0, look >= hit.first - 10, tokens[look].clause == tokens[hit.first].clause {
                    let word = tokens[look].text
                    if word == "from" { sawFrom = true }
                    if !sawFrom, destinationWords.contains(word) { break }
                    if word == "donor" || (sawFrom && harvestWords.contains(word)) { donor = true; break }
                    look -= 1
                }
                if !donor { return false }
                seen = true
            }
        }
        return seen
    }

    /// Words after a structure's name that make the name another thing's: a nerve or vessel named
    /// after it ("common peroneal nerve protected", "posterior tibial artery ligated") or a graft
    /// taken from it ("hamstring autograft", "semitendinosus graft", "Achilles tendon allograft").
    static let otherStructureWords: Set<String> = Set(["nerve", "nerves", "artery", "arteries", "vessel", "vessels", "vein", "veins"])
        .union(graftWords)
    static let genericImplantWords: Set<String> = ["prosthesis", "prostheses", "prosthetic", "component", "components", "implant",
                                                   "implants", "arthroplasty", "spacer"]

    /// The code's site is only a generic word of an implant ("components", "prosthetic") and the note
    /// names another region of the range, not the code's: the implant is that region's.
    static func genericImplantOfAnotherRegion(_ code: String, hits: [Phrase.Hit], narrative: AnalyzedNarrative, features: DetectedFeatures) -> Bool {
        guard let site = hits.first, site.first == site.last, genericImplantWords.contains(narrative.tokens[site.first].text) else { return false }
        return !features.namesRegion(ofCode: code) && features.regionAgreement(code: code) < 0
    }

    /// Every affirmed word of the group is followed in its clause by a word that makes it name a
    /// nerve, a vessel or a graft (past one "tendon" or "bone"): not the structure the code treats.
    static func namesAnotherStructure(_ group: [Phrase], in narrative: AnalyzedNarrative) -> Bool {
        everyHit(of: group, in: narrative, skipping: structureNameBridges, isFollowedBy: otherStructureWords)
    }

    /// Every affirmed word of the group names a skin crease or fold ("gluteal crease", "inguinal
    /// fold", "popliteal skin crease"): a landmark of the incision, not the structure treated.
    static func creaseOnly(_ group: [Phrase], in narrative: AnalyzedNarrative) -> Bool {
        everyHit(of: group, in: narrative, skipping: creaseBridges, isFollowedBy: creaseWords)
    }

    /// At least one affirmed hit of the group in a procedure section, and each such hit followed in
    /// its own clause, past at most one of `skipping`, by one of `followers`.
    private static func everyHit(of group: [Phrase], in narrative: AnalyzedNarrative, skipping: Set<String>,
                                 isFollowedBy followers: Set<String>) -> Bool {
        let tokens = narrative.tokens
        var seen = false
        for index in group.indices where narrative.mayContain(group[index]) {
            for hit in group[index].hits(in: narrative) where hit.affirmed && hit.section.procedureWeight >= minimumSectionWeight {
                var next = hit.last + 1
                if next < tokens.count, skipping.contains(tokens[next].text) { next += 1 }
                guard next < tokens.count, tokens[next].clause == tokens[hit.last].clause,
                      followers.contains(tokens[next].text) else { return false }
                seen = true
            }
        }
        return seen
    }
    static let creaseWords: Set<String> = ["crease", "creases", "fold", "folds", "cleft"]
    /// The one word each reading may step over before its follower: "hamstring tendon autograft",
    /// "popliteal skin crease". Static, since both readings run for every candidate's groups.
    static let structureNameBridges: Set<String> = ["tendon", "tendons", "bone"]
    static let creaseBridges: Set<String> = ["skin"]

    static let lookWords: Set<String> = ["diagnostic", "diagnosis", "inspection", "inspected", "examination", "examined", "evaluation",
                                         "evaluated", "confirmed", "showed", "shows", "revealed", "assessment", "assessed", "look"]

    /// Every arthroscopy word stands in a clause that only looks ("diagnostic arthroscopy",
    /// "arthroscopy confirmed an intact lateral compartment"), in sentences other than the code's.
    static func arthroscopyOnlyLooked(_ required: [Phrase.Hit], in narrative: AnalyzedNarrative) -> Bool {
        let sentences = Set(required.map(\.sentence))
        let tokens = narrative.tokens
        var seen = false
        for (index, token) in tokens.enumerated() where token.isAffirmed
            && (token.text.hasPrefix("arthroscop") || token.text == "scope" || token.text == "portal" || token.text == "portals") {
            if sentences.contains(token.sentence) { return false }
            guard narrative.clauseSpan(of: index).contains(where: { lookWords.contains(tokens[$0].text) }) else { return false }
            seen = true
        }
        return seen
    }

    /// The clauses that document the code say only that a needle went in (an injection or an
    /// aspiration), with no operative word beside it.
    static func onlyInjected(_ required: [Phrase.Hit], in narrative: AnalyzedNarrative) -> Bool {
        let clauses = Set(required.flatMap { [narrative.tokens[$0.first].clause, narrative.tokens[$0.last].clause] })
        var injected = false
        for token in narrative.tokens where clauses.contains(token.clause) && token.isAffirmed {
            if isOperative(token.text) { return false }
            if injectionWords.contains(token.text) { injected = true }
        }
        return injected
    }
}
