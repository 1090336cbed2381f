/// A joint replaced earlier still holds its implant: a hip that dislocates weeks or years after a
/// THA, a hemi or a resurfacing is a dislocated prosthesis today though the arthroplasty itself is
/// told only as history ("hip dislocated 5 weeks after a right THA", "s/p R THA", "B: left THR 2
/// yrs ago", "after her hemi"). Such a history counts for a hip dislocation's prosthesis words (and
/// rules out the native hip's codes) when it is the same hip: not the other side's ("Right hip
/// dislocation. History: left THA 2019"), not another joint's ("s/p R TKA"), not an implant taken
/// out since (Girdlestone, spacer) and not one still to come ("on the waiting list for a THA").
enum PriorImplant {
    /// Words that name a joint other than the hip near an implant word.
    static let otherJoints: Set<String> = [
        "knee", "knees", "shoulder", "shoulders", "elbow", "elbows", "ankle", "ankles", "wrist", "wrists", "humeral", "humerus",
        "radial", "unicompartmental", "patellofemoral", "patella", "patellar", "tibial", "tibia",
    ]
    static let hipWords: Set<String> = ["hip", "hips", "acetabular", "acetabulum"]
    /// The implant since taken out, or the joint left without one.
    static let implantGoneWords: Set<String> = [
        "removed", "removal", "explanted", "explant", "explantation", "excised", "extracted", "girdlestone", "spacer", "spacers",
        "resection", "excisional",
    ]
    /// An arthroplasty still to come.
    static let planWords: Set<String> = [
        "planned", "plan", "plans", "planning", "waiting", "waitlist", "waitlisted", "booked", "scheduled", "listed", "awaiting", "awaits",
        "candidate", "consider", "considering", "considered", "discussed", "offered", "recommend", "recommended", "will", "would",
        "upcoming", "future", "proposed", "pending", "deferred", "eventual", "eventually",
    ]

    /// Whether the entry treats a dislocated hip and `group` (a required group, or its `none`
    /// words) names the prosthesis.
    static func namesHipProsthesis(_ group: [Phrase], entry: ProcedureEntry) -> Bool {
        entry.action == "dislocation-treatment" && entry.anatomy.contains("hip-joint") && group.contains { $0.text == "prosthe*" }
    }

    /// The phrases of a group or `none` list that name a hip arthroplasty (not "revision",
    /// "implant" or a DDH word beside them).
    static let implantPhrases: Set<String> = [
        "prosthe*", "arthroplasty", "total hip", "total hip arthroplasty", "hip arthroplasty", "hemiarthroplasty", "bipolar", "tha", "thr",
        "hip replacement", "prosthetic hip", "hip resurfacing", "resurfacing", "dual mobility",
    ]

    /// A hit of `group` that tells, as history only, an arthroplasty of the hip whose dislocation
    /// `own` (the entry's affirmed required hits) documents; nil when there is none.
    static func historyHit(_ group: [Phrase], own: [Phrase.Hit], narrative: AnalyzedNarrative) -> Phrase.Hit? {
        var found: Phrase.Hit?
        for index in group.indices where implantPhrases.contains(group[index].text) && narrative.mayContain(group[index]) {
            for hit in group[index].hits(in: narrative) where hit.historical && !hit.negated && !hit.uncertain {
                guard isHipImplant(hit, narrative: narrative), sameSide(hit, own: own, narrative: narrative) else { continue }
                if found.map({ hit.last - hit.first > $0.last - $0.first }) ?? true { found = hit }
            }
        }
        return found
    }

    /// A hip's arthroplasty, in place and already done: the nearest joint word is the hip's (or
    /// none is named in the sentence: "after her hemi"), nothing in its sentence took it out and
    /// nothing in its clause plans it.
    static func isHipImplant(_ hit: Phrase.Hit, narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        let clause = narrative.clauseSpan(of: hit.first)
        if clause.contains(where: { planWords.contains(tokens[$0].text) }) { return false }
        let sentence = narrative.sentenceSpan(of: hit.first)
        if sentence.contains(where: { implantGoneWords.contains(tokens[$0].text) }) { return false }
        if (hit.first...hit.last).contains(where: { hipWords.contains(tokens[$0].text) }) { return true }
        // The nearest joint word of the clause, by distance from the implant word.
        var distance = 1
        while hit.first - distance >= clause.lowerBound || hit.last + distance <= clause.upperBound {
            for position in [hit.first - distance, hit.last + distance] where clause.contains(position) {
                if hipWords.contains(tokens[position].text) { return true }
                if otherJoints.contains(tokens[position].text) { return false }
            }
            distance += 1
        }
        return !sentence.contains { otherJoints.contains(tokens[$0].text) }
    }

    /// The sides a history word is said of: the side words of its clause (history or not), else
    /// of its sentence; empty when none is named.
    static func historySides(_ hit: Phrase.Hit, narrative: AnalyzedNarrative) -> Set<Side> {
        for range in [narrative.clauseSpan(of: hit.first), narrative.sentenceSpan(of: hit.first)] {
            var sides: Set<Side> = []
            for position in range { if let named = narrative.namedSides[position] { sides.formUnion(named) } }
            if !sides.isEmpty { return sides }
        }
        return []
    }

    /// Whether the history implant is on the dislocated hip's side: the sides of the entry's own
    /// words, else those the note names outside its history; either unknown counts as the same.
    static func sameSide(_ hit: Phrase.Hit, own: [Phrase.Hit], narrative: AnalyzedNarrative) -> Bool {
        let implant = historySides(hit, narrative: narrative)
        guard !implant.isEmpty else { return true }
        var dislocated: Set<Side> = []
        for required in own where required.affirmed { dislocated.formUnion(ProcedureStatements.sides(at: required.first, in: narrative)) }
        if dislocated.isEmpty {
            for (position, token) in narrative.tokens.enumerated() where !token.historical {
                if let named = narrative.namedSides[position] { dislocated.formUnion(named) }
            }
        }
        return dislocated.isEmpty || !dislocated.isDisjoint(with: implant)
    }
}
