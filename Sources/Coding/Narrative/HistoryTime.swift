/// When a clause happened and whose work it tells: the helpers markScopes asks whether a clause is
/// history or today's operation (dated today or on a weekday, told in the first person, done at
/// another facility, an injury dated before it).
extension NarrativeAnalyzer {
    /// "I had a lump taken off my thigh last week", "I had a half knee replacement on Thursday": a
    /// patient telling of their own recent operation dates the operation the narrative is about.
    static func ownOperationTold(_ tokens: [NarrativeToken], from start: Int, to end: Int) -> Bool {
        guard start + 1 < end else { return false }
        for position in start..<(end - 1) where tokens[position].text == "i" {
            if ["had", "underwent", "got"].contains(tokens[position + 1].text) { return true }
        }
        return false
    }

    /// Who tells the operation, and when: an operation told as done a day or a few days before the
    /// note ("Mom had her left ankle fixed yesterday by Dr. Feldman", "they put a metal rod down my
    /// right shin bone on Friday", "Dad's right knee was replaced on Monday", "@Sam the L tib
    /// nonunion from last week - he took out the old nail ... Still 27759??") is the operation the
    /// note is about when the note is an account of it: by a relative or the patient (the corpus
    /// labels their own account with the operation), or by a coder asking how to bill it. A surgeon's
    /// or a ward's "ORIF yesterday", "TKA on Monday" stays history. Recent only: "last month", "last
    /// year" date an earlier operation; a plan ("is having it on Monday", "booked for Monday") is
    /// not told as done.
    static func recentOperationOfAccount(_ tokens: [NarrativeToken], at index: Int, clauseStart: Int) -> Bool {
        let word = tokens[index].text
        guard word == "yesterday" || recentUnits.contains(word) || weekdays.contains(word), index >= clauseStart else { return false }
        if index > 0, ["next", "this", "coming", "every"].contains(tokens[index - 1].text) { return false }
        var done = false
        for position in clauseStart..<index {
            let text = tokens[position].text
            if planVerbsPast.contains(text) || futureWords.contains(text) { return false }
            if doneWords.contains(text) || pastWorkVerbs.contains(text) || (text.hasSuffix("ed") && text.count > 3) { done = true }
        }
        if codersQuestion(tokens) { return true }
        guard done else { return false }
        return toldByFamily(tokens) || ownBodyTold(tokens, from: clauseStart, to: index)
    }
    static let recentUnits: Set<String> = ["night", "evening", "week", "weekend"]
    static let doneWords: Set<String> = ["had", "was", "were", "underwent", "got", "operated"]
    static let futureWords: Set<String> = ["will", "having", "going", "due", "getting", "booked", "scheduled", "planned", "waiting", "until"]
    /// The note opens as a relative's account ("Hi, this is Rosa's daughter", "Portal message from
    /// daughter", "I'm writing on behalf of my brother Carl", "My husband's left leg was taken off")
    /// or a message through the patient's portal: within its first twelve words.
    static func toldByFamily(_ tokens: [NarrativeToken]) -> Bool {
        tokens.prefix(12).contains { relativeWords.contains($0.text) }
    }
    static let relativeWords: Set<String> = [
        "portal", "webportal", "daughter", "daughters", "son", "sons", "wife", "wifes", "husband", "husbands", "mum", "mums", "mom", "moms",
        "mother", "mothers", "dad", "dads", "father", "fathers", "brother", "brothers", "sister", "sisters", "gran", "grans", "granny",
        "nan", "nans", "nana", "grandma", "grandmother", "grandad", "granddad", "grandpa", "grandfather", "aunt", "uncle", "niece", "nephew",
    ]
    /// "down the inside of my right shin bone", "my left ankle": the writer's own body, so the
    /// operation told in the clause is the writer's own.
    static func ownBodyTold(_ tokens: [NarrativeToken], from start: Int, to end: Int) -> Bool {
        guard start + 1 < end else { return false }
        for position in start..<(end - 1) where tokens[position].text == "my" && ownBodyWords.contains(tokens[position + 1].text) { return true }
        return false
    }
    static let ownBodyWords: Set<String> = [
        "left", "right", "hip", "hips", "knee", "knees", "kneecap", "ankle", "ankles", "leg", "legs", "thigh", "shin", "foot", "heel",
        "tibia", "femur", "fibula", "patella", "pelvis", "buttock", "achilles", "tendon", "stump", "tailbone", "calf", "groin",
    ]

    /// "s/p R knee arthrotomy today", "status post TKA this morning": what the patient is status
    /// post was done today (a note written after it), not in the past.
    static func datedToday(_ tokens: [NarrativeToken], after start: Int) -> Bool {
        guard start < tokens.count else { return false }
        var look = start
        while look < tokens.count, look < start + 12, tokens[look].clause == tokens[start].clause {
            let text = tokens[look].text
            if text == "today" || text == "tonight" || text == "pod0" { return true }
            if text == "this", look + 1 < tokens.count, ["morning", "am", "afternoon", "evening"].contains(tokens[look + 1].text) { return true }
            look += 1
        }
        return false
    }

    /// "Staged: left THA today", "Planned: R TKA today", "Scheduled for L hip hemi today": opening
    /// its sentence, the stage or plan dated today is today's operation, not a later one (a label
    /// and what it names, so the look runs on past the colon, in the sentence, within eight words;
    /// not "R pilon #, staged (ex-fix removed today)", where "today" dates something else).
    static let todayPlanCues: Set<String> = ["staged", "planned", "scheduled"]
    /// "planned once the swelling settles, today a backslab": what the plan waits for comes first.
    static let callOffWords: Set<String> = ["postponed", "rescheduled", "cancelled", "canceled", "deferred", "abandoned", "not", "declined", "refused", "unfit"]
    static let planWaitWords: Set<String> = ["when", "once", "until", "pending", "next", "later", "tomorrow", "if"]
    static func planDatedToday(_ tokens: [NarrativeToken], after start: Int) -> Bool {
        guard start < tokens.count else { return false }
        var look = start
        while look < tokens.count, look < start + 8, tokens[look].sentence == tokens[start].sentence {
            let text = tokens[look].text
            if text == "today" || text == "tonight" {
                // "Scheduled for right TKA today but postponed": a plan called off stays a plan.
                var rest = look + 1
                while rest < tokens.count, rest < look + 16, tokens[rest].sentence == tokens[start].sentence {
                    if Self.callOffWords.contains(tokens[rest].text) { return false }
                    rest += 1
                }
                return true
            }
            if Lexicon.backwardStops.contains(text) || Lexicon.scopeBreakers.contains(text) && text != "today" || Self.planWaitWords.contains(text) { return false }
            look += 1
        }
        return false
    }

    /// "NP progress note POD1: s/p excision of …", "day 1 post R leg fasciotomies … decompressed
    /// last night": a note written the day after names, as status post or as last night's or
    /// yesterday's, the operation it is about (as "s/p … today" does the same day). Read only when
    /// such a cue is met.
    static func dayAfterNote(_ tokens: [NarrativeToken]) -> Bool {
        for position in tokens.indices {
            let text = tokens[position].text
            if text == "pod1" || text == "pod#1" { return true }
            guard position + 1 < tokens.count, dayOneWords.contains(tokens[position + 1].text) else { continue }
            if text == "pod" { return true }
            if text == "day", position + 2 < tokens.count, ["post", "postop", "postoperative"].contains(tokens[position + 2].text) { return true }
            if ["postop", "postoperative"].contains(text) || (text == "op" && position > 0 && tokens[position - 1].text == "post") {
                continue
            }
            if text == "day", position > 0, ["postop", "postoperative", "op"].contains(tokens[position - 1].text) { return true }
        }
        return false
    }

    static let dayOneWords: Set<String> = ["1", "one", "#1"]

    /// "R bimal ORIF yesterday: lateral plate, 2 screws medial mal, syndesmosis fixed": yesterday's
    /// operation told with its implants right after it, in a note that names no work of today or
    /// now, is the operation the note is about (a coder's or a surgeon's message the day after).
    static func detailsFollow(_ tokens: [NarrativeToken], after index: Int) -> Bool {
        var look = index + 1
        var detailed = false
        while look < tokens.count, look <= index + 10, tokens[look].sentence == tokens[index].sentence {
            if Self.implantDetailWords.contains(tokens[look].text) { detailed = true; break }
            look += 1
        }
        guard detailed else { return false }
        return !tokens.contains { Self.todayWords.contains($0.text) }
    }
    static let implantDetailWords: Set<String> = ["plate", "plates", "plated", "screw", "screws", "nail", "nailed", "wire", "wires", "tightrope",
                                                  "anchor", "anchors", "pin", "pins", "pinned", "fixed", "fixation"]
    static let todayWords: Set<String> = ["today", "now", "tonight", "currently"]
    /// "@Jen - Dr K's buttock compartment release last night, which code?", "billed 27266 for the
    /// hip dislo in ED yesterday": a coder asks the day after about the operation to be billed; last
    /// night's or yesterday's operation is the one the question is about. Not when something else
    /// is dated today ("ORIF done yesterday ... her knee aspirated today. Code for her?").
    static let claimWords: Set<String> = codeWords.union(["claim", "claims", "modifier", "billable", "charge"])
    static func codersQuestion(_ tokens: [NarrativeToken]) -> Bool {
        tokens.contains { claimWords.contains($0.text) || isCodeNumber($0.text) }
            && !tokens.contains { $0.text == "today" || $0.text == "tonight" }
    }

    /// "six weeks after his left iliopsoas tenotomy, which we carried out through a small open
    /// incision": the operation a review follows, told as the writer's own work in the same
    /// sentence, is the one the letter is about (a clinic letter of the surgeon who did it).
    static func ownOperationFollows(_ tokens: [NarrativeToken], after start: Int) -> Bool {
        guard start < tokens.count else { return false }
        var look = start
        // The operation may be named at length first ("status post the open reduction and internal
        // fixation of her right distal fibula fracture which I performed on 9/14").
        while look + 2 < tokens.count, look < start + 20, tokens[look].sentence == tokens[start].sentence {
            if ["which", "that"].contains(tokens[look].text), ["we", "i"].contains(tokens[look + 1].text) {
                return Self.firstPersonPast(tokens, from: look + 1, to: min(look + 5, tokens.count))
            }
            look += 1
        }
        return false
    }

    static let codeWords: Set<String> = ["code", "codes", "cpt", "coding", "coded", "bill", "billed", "billing"]
    static func asksForCode(_ tokens: [NarrativeToken], before index: Int) -> Bool {
        var look = index - 1
        while look >= 0, look >= index - 12, tokens[look].sentence == tokens[index].sentence {
            if codeWords.contains(tokens[look].text) { return true }
            look -= 1
        }
        return false
    }

    /// Who else may have treated the patient before ("by the ED physician", "by paramedics").
    static let otherProviders: Set<String> = ["ed", "er", "emergency", "paramedic", "paramedics", "ambulance", "referring", "outside",
                                              "gp", "casualty", "triage", "ems", "colleague", "colleagues", "partner", "partners",
                                              "plastics", "another"]
    /// Words before "to be …" that make it a state or a past necessity, not a plan.
    static let stateBeforeTo: Set<String> = ["had", "has", "have", "able", "appears", "appear", "seems", "seem", "is", "was", "were",
                                             "are", "found", "noted", "shown", "felt", "thought", "confirmed", "proved", "proven"]
    /// Words of an injury happening: "patellar tendon rupture sustained four days ago", "quad tendon
    /// ruptured off the patella 6 days ago" date the injury, and what was injured is today's object,
    /// not history. A clause with a word of treatment ("ORIF 3 years ago") stays history.
    static let injuryEventWords: Set<String> = [
        "rupture", "ruptured", "ruptures", "tore", "torn", "tear", "injury", "injured", "sustained", "fell", "fall",
        "twisted", "avulsed", "dislocated", "dislocation", "accident", "mva", "mvc", "hurt",
        // "L intracapsular NOF # 3 days ago", "broke her ankle two days ago": the fracture dated.
        "fracture", "fractures", "fractured", "broke", "broken",
    ]
    static let treatmentEventWords: Set<String> = [
        "repair", "repaired", "fixed", "fixation", "reconstruction", "reconstructed", "surgery", "operated", "operation",
        "arthroplasty", "replacement", "replaced", "nail", "nailed", "nailing", "plate", "plated", "treated", "reduced", "reduction",
        "osteotomy", "fusion", "amputation", "removed", "removal", "injection", "injected", "scope", "arthroscopy",
        "done", "performed", "team",
    ]
    /// A bone lesion that may break ("lytic metastasis in the femoral shaft, not fractured"); not
    /// `DetectedFeatures.measuredLesionWords`, what a size measures.
    static let boneLesionWords: Set<String> = ["metastasis", "metastases", "metastatic", "lesion", "lytic", "cyst", "tumor", "tumour",
                                               "myeloma", "impending", "mirels"]
    static func previousClauseNamesLesion(_ tokens: [NarrativeToken], before clauseStart: Int) -> Bool {
        guard clauseStart > 0 else { return false }
        let clause = tokens[clauseStart - 1].clause
        var position = clauseStart - 1
        while position >= 0, tokens[position].clause == clause {
            if boneLesionWords.contains(tokens[position].text) { return true }
            position -= 1
        }
        return false
    }

    static func datesAnInjury(_ tokens: [NarrativeToken], clauseStart: Int, before index: Int) -> Bool {
        guard clauseStart < index else { return false }
        var injury = false
        for position in clauseStart..<index {
            let text = tokens[position].text
            if treatmentEventWords.contains(text) { return false }
            if injuryEventWords.contains(text) { injury = true }
        }
        return injury
    }

    static let advisedWords: Set<String> = ["recommended", "advised", "suggested", "proposed", "advocated"]
    static let presentWords: Set<String> = ["now", "today", "currently", "presents", "presented", "underwent"]
    static let historyHeadings: Set<String> = ["history", "hx", "pmh", "psh", "pshx", "pmhx"]
    /// "we sewed it together on Tuesday", "I fixed her ankle on Friday": the writer's own work told
    /// in the past is the operation reported, not a plan for a weekday. Plan verbs are not that work
    /// ("we booked her for ORIF on Monday").
    static func firstPersonPast(_ tokens: [NarrativeToken], from clauseStart: Int, to end: Int) -> Bool {
        var position = max(clauseStart, 0)
        while position < end {
            // "Our surgeon repaired the MCL … yesterday afternoon", "my team plated it last night":
            // the writer's own team is the writer.
            let team = ["our", "my"].contains(tokens[position].text) && position + 1 < end
                && Self.ownTeamPastWords.contains(tokens[position + 1].text)
            if ["we", "i"].contains(tokens[position].text) || team {
                var look = position + (team ? 2 : 1)
                // "I had the lump on the front of my ankle removed on Tuesday": a patient's own
                // operation, its participle after the thing done to them.
                let had = look < end && tokens[look].text == "had"
                while look < end, look <= position + 3 || had {
                    let text = tokens[look].text
                    if Self.planVerbsPast.contains(text) { return false }
                    if text.hasSuffix("ed") || Self.pastWorkVerbs.contains(text) { return true }
                    look += 1
                }
            }
            position += 1
        }
        return false
    }
    /// What "our" or "my" names as the writer's own team ("our surgeon", "my team", "our unit"):
    /// read here and by `writerOperates`, each with words of its own (`ownTeamPastWords`, `writerTeamWords`).
    static let ownTeamWords: Set<String> = ["surgeon", "surgeons", "team", "unit", "service"]
    /// Also the writer's grades and "surgical" ("my registrar", "our consultant", "our surgical team").
    static let ownTeamPastWords: Set<String> = ownTeamWords.union(["consultant", "registrar", "fellow", "surgical"])
    static let pastWorkVerbs: Set<String> = ["did", "put", "sewn", "took", "made", "cut", "set", "got", "brought", "sewed", "done"]
    /// Verbs of planning in the past: the backward plan cues ("planned", "booked") and the other
    /// words of arranging or calling off an operation.
    static let planVerbsPast: Set<String> = Lexicon.backwardPlanCues.union([
        "listed", "consented", "arranged", "postponed", "rescheduled", "cancelled", "canceled", "discussed", "offered", "advised", "recommended",
    ])
    /// "at an outside hospital", "at another centre", "at the referring hospital".
    static func atAnotherFacility(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        var look = index + 1
        var other = false
        while look < tokens.count, look <= index + 4, tokens[look].clause == tokens[index].clause {
            let text = tokens[look].text
            if otherFacilityWords.contains(text) { other = true }
            else if other, facilityWords.contains(text) { return true }
            else if !facilityQualifiers.contains(text) { return false }
            look += 1
        }
        return false
    }
    static let otherFacilityWords: Set<String> = ["outside", "another", "other", "referring", "different"]
    static let facilityQualifiers: Set<String> = ["an", "a", "the", "local", "private", "district", "regional"]
    static let facilityWords: Set<String> = ["hospital", "hospitals", "facility", "institution", "centre", "center", "clinic", "unit", "trust", "practice"]
    /// Where a clause began before an aside interrupted it ("Surgery (DHS or hemi) planned": the
    /// tokenizer resumes "surgery"'s clause after the parenthesis), or nil when it was not resumed.
    static func resumedClauseStart(_ tokens: [NarrativeToken], clauseStart: Int) -> Int? {
        guard clauseStart > 0, clauseStart < tokens.count else { return nil }
        let clause = tokens[clauseStart].clause
        var position = clauseStart - 1
        while position >= 0, position >= clauseStart - 12, tokens[position].sentence == tokens[clauseStart].sentence,
              tokens[position].clause != clause {
            position -= 1
        }
        guard position >= 0, position < clauseStart - 1, tokens[position].clause == clause else { return nil }
        while position > 0, tokens[position - 1].clause == clause { position -= 1 }
        return position
    }
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        // Short forms of a ward note ("formal closure Fri", "back Thurs"); not "sat" or "sun".
                                        "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri"]
    /// "Formal closure Fri.", "second look Thursday", "back to theatre Weds for closure": a weekday
    /// said right after what is done that day (not after "on", read above), ending its clause or
    /// followed by "for", dates the clause to another day.
    static func trailingWeekday(_ tokens: [NarrativeToken], at index: Int, clauseStart: Int) -> Bool {
        guard weekdays.contains(tokens[index].text), index > clauseStart else { return false }
        let before = tokens[index - 1].text
        guard !Lexicon.stopWords.contains(before), !Lexicon.prepositions.contains(before), before.first?.isLetter == true else { return false }
        return index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause || tokens[index + 1].text == "for"
    }
    /// Months before a year are a date ("November 2026"), not a dated event.
    static let monthWords: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                                          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    /// Units after "last" / "next" that date an event ("last week", "next month").
    static let datedUnits: Set<String> = Set(["week", "month", "year", "night", "weekend"]).union(weekdays)
}
