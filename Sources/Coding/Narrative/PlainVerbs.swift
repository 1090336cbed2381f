/// Verbs told in the present ("doctor open the compartment") read as today's past action.
extension NarrativeAnalyzer {
    static let plainVerbPast: [String: String] = [
        "open": "opened", "opens": "opened", "release": "released", "releases": "released", "remove": "removed", "removes": "removed",
        "excise": "excised", "excises": "excised", "debride": "debrided", "debrides": "debrided", "reduce": "reduced",
        "reduces": "reduced", "fix": "fixed", "fixes": "fixed", "repair": "repaired", "repairs": "repaired", "drain": "drained",
        "resect": "resected", "resects": "resected", "insert": "inserted", "inserts": "inserted", "apply": "applied",
        "applies": "applied", "incise": "incised", "incises": "incised", "decompress": "decompressed", "explore": "explored",
        "explores": "explored", "irrigate": "irrigated", "lengthen": "lengthened", "lengthens": "lengthened", "transfer": "transferred",
        "transfers": "transferred", "reattach": "reattached", "reattaches": "reattached", "divide": "divided", "divides": "divided",
        "cuts": "cut", "curette": "curetted", "excize": "excised",
    ]
    static let fallPlaceWords: Set<String> = ["in", "on", "at", "while", "and", "down", "over", "off", "outside", "from", "getting", "walking"]
    static let slipAnatomy: Set<String> = ["neck", "metaphysis", "physis", "epiphysis", "epiphyseal", "femur", "femoral", "head", "capital",
                                           "growth", "plate", "posteriorly", "further"]
    static let determiners: Set<String> = ["the", "a", "an", "both", "all", "his", "her", "their", "this", "that", "these", "those", "each"]
    static let planWords: Set<String> = ["to", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "plan",
                                         "planning", "going", "need", "needs", "want", "wants", "try", "tried", "attempt", "attempted"]

    /// Verbs that with "out" after them in their clause say something was removed: "took the whole
    /// sac out", "pulled the nail out", "got the loose bodies out", "taken out".
    static let outVerbs: Set<String> = ["took", "take", "takes", "taken", "taking", "pulled", "pull", "pulls", "got", "get", "gets"]
    /// Of those, the ones that with "off" say the same: "had a lump taken off my thigh", "took the
    /// bursa off" (not "got off the table"). What is taken off a list or off work was
    /// not removed.
    static let offVerbs: Set<String> = ["took", "take", "takes", "taken", "taking"]
    static let offPlaces: Set<String> = ["list", "lists", "work", "school", "duty", "bed", "table", "ventilator", "oxygen"]
    /// Who sees: "I saw Mr Lowe in clinic", "we saw him on the ward", "she saw the GP": the verb see,
    /// not a bone saw.
    static let seeingSubjects: Set<String> = ["i", "he", "she", "they", "you", "who"]
    static let seenPeople: Set<String> = ["him", "her", "them", "you", "mr", "mrs", "ms", "miss", "dr", "master", "patient", "pt",
                                          "baby", "child", "boy", "girl", "man", "woman", "lady", "gentleman"]

    /// Verbs that with "back" after them say a joint or fragment was put back in place: "popped it
    /// back", "put the kneecap back in", "got it back in", "slipped back into place". Not "got back
    /// to the ward" or "put back on" (a dressing).
    /// Not "pushed back a week" (a date moved), "we went back in" (a return to theatre), "pulled back
    /// the retractor".
    static let backVerbs: Set<String> = ["popped", "pop", "pops", "put", "puts", "got", "get", "gets", "slipped", "slid", "clunked",
                                         "eased", "snapped", "levered"]

    /// A surgical verb in its plain form before what it acts on is today's action told in the
    /// present, as writers whose first language is not English, and some terse dictation, tell an
    /// operation: "doctor open the anterior compartment", "we release the tendon", "surgeon fix the
    /// fracture with two screws". The knowledge base's phrases are written with the past form
    /// ("opened", "released", "fixed"), so the plain form becomes the past when a determiner follows it
    /// and no modal or "to" (a plan or a purpose: "to reduce the risk", "will fix the fracture") precedes it.
    /// Before that, a verb with "back" (`backVerbs`) becomes "reduced" and one with "out" (`outVerbs`) "removed".
    /// Work done through a wound: a bare "closed" after it in the sentence is the wound's closure.
    static let woundWork: Set<String> = ["resected", "excised", "incised", "repaired", "drained", "irrigated", "debrided", "redone",
                                         "removed", "evacuated", "ligated", "washed", "explored", "released", "divided", "transferred",
                                         "reattached", "myodesis", "myoplasty", "washout", "incision", "dissection", "biopsied", "curetted"]

    /// A count or an amount after the plain verb stands where a determiner would: "we open three
    /// compartments", "release 2 compartments", "drain about 80 ml pus". Not a bare number after
    /// "drain", which is also the noun of a drain's count ("drain 2, dressing").
    static let amountWords: Set<String> = approximatingWords.union(["some", "several", "multiple", "one", "two", "three", "four", "five", "six"])
    /// The amounts a bare "drain" may take too ("drain about 80 ml").
    static let approximatingWords: Set<String> = ["about", "approximately", "approx", "around", "roughly"]
    static func countsWhatIsDone(_ next: String, after verb: String) -> Bool {
        if approximatingWords.contains(next) { return true }
        guard verb != "drain" else { return false }
        return amountWords.contains(next) || (!next.isEmpty && next.utf8.allSatisfy { $0 >= 48 && $0 <= 57 })
    }

    /// Verbs that put a part "back into" place (read in `readPlainVerbs`).
    static let pushVerbs: Set<String> = ["pushed", "push", "pushes", "pressed", "nudged", "guided"]

    /// Words that tell a growth plate slipped ("the slipped growth plate", "the growth plate at the
    /// top of his thigh bone had slipped", "her growth plate is slipping").
    static let slipWordsOfAPlate: Set<String> = ["slipped", "slip", "slips", "slipping", "slippage"]

    func readPlainVerbs(_ tokens: inout [NarrativeToken]) {
        guard tokens.count > 1 else { return }
        // A growth plate that slipped is a slipped epiphysis told in lay words ("we fixed the slipped
        // growth plate at the top of her thigh bone"): its "plate" is the physis, no implant, so it
        // is read as the epiphysiolysis it names. A growth plate in a sentence with no slip keeps its
        // words (a physeal fracture, an epiphysiodesis).
        for index in 0..<(tokens.count - 1) where tokens[index].text == "growth" && (tokens[index + 1].text == "plate" || tokens[index + 1].text == "plates") {
            if tokens.sentenceSpan(of: index).contains(where: { Self.slipWordsOfAPlate.contains(tokens[$0].text) }) {
                tokens[index + 1].text = "epiphysiolysis"
            }
        }
        // "slipped in the bathroom", "slipped on ice", "slipped and fell": the way the patient fell,
        // not a slipped epiphysis ("the epiphysis has slipped posteriorly on the neck" keeps its word).
        for index in 0..<(tokens.count - 1) where tokens[index].text == "slipped" && Self.fallPlaceWords.contains(tokens[index + 1].text) {
            let clause = tokens[index].clause
            let after = tokens[(index + 1)..<min(tokens.count, index + 5)].filter { $0.clause == clause }
            if !after.contains(where: { Self.slipAnatomy.contains($0.text) }) { tokens[index].text = "fell" }
        }
        // "femur resected 4 cm higher, myodesis redone, closed.", "bursa excised, washed, closed": a
        // clause that is only "closed" after work through a wound closes the wound; it is no closed
        // treatment.
        for index in 1..<tokens.count where tokens[index].text == "closed" {
            let clause = tokens[index].clause
            let fillers: Set<String> = ["and", "then", "wound", "skin", "was", "were", "incision", "incisions"]
            var start = index
            while start > 0, tokens[start - 1].clause == clause, fillers.contains(tokens[start - 1].text) { start -= 1 }
            guard start > 0, tokens[start - 1].clause != clause,
                  index + 1 == tokens.count || tokens[index + 1].clause != clause else { continue }
            var look = start - 1
            var work = false
            while look >= 0, tokens[look].sentence == tokens[index].sentence {
                if Self.woundWork.contains(tokens[look].text) { work = true; break }
                look -= 1
            }
            if work { tokens[index].text = "closure" }
        }
        // "pushed it back into place", "pushed the hip back in": pushed back into its place; not
        // "pushed back a week" (a date moved) or "pushed back the retractor".
        for index in 0..<(tokens.count - 1) where Self.pushVerbs.contains(tokens[index].text) {
            var look = index + 1
            while look < tokens.count, look <= index + 3, tokens[look].clause == tokens[index].clause {
                if tokens[look].text == "back" {
                    let next = look + 1 < tokens.count && tokens[look + 1].clause == tokens[index].clause ? tokens[look + 1].text : ""
                    if ["into", "in", "inside"].contains(next) { tokens[index].text = "reduced" }
                    break
                }
                look += 1
            }
        }
        for index in 0..<(tokens.count - 1) where Self.backVerbs.contains(tokens[index].text) {
            var look = index + 1
            while look < tokens.count, look <= index + 3, tokens[look].clause == tokens[index].clause {
                if tokens[look].text == "back" {
                    let next = look + 1 < tokens.count && tokens[look + 1].clause == tokens[index].clause ? tokens[look + 1].text : ""
                    if !["to", "on", "onto", "home", "up", "down", "later", "tomorrow", "for", "from"].contains(next) { tokens[index].text = "reduced" }
                    break
                }
                look += 1
            }
        }
        for index in 0..<(tokens.count - 1) where tokens[index].text == "saw" {
            let before = index > 0 && tokens[index - 1].clause == tokens[index].clause ? tokens[index - 1].text : ""
            let after = tokens[index + 1].clause == tokens[index].clause ? tokens[index + 1].text : ""
            let person = Self.seenPeople.contains(after) || (after == "the" && index + 2 < tokens.count && Self.seenPeople.contains(tokens[index + 2].text))
            if Self.seeingSubjects.contains(before) || (before == "we" && person) { tokens[index].text = "seen" }
        }
        for index in 0..<(tokens.count - 1) where Self.outVerbs.contains(tokens[index].text) {
            var look = index + 1
            while look < tokens.count, look <= index + 5, tokens[look].clause == tokens[index].clause {
                if tokens[look].text == "off", Self.offVerbs.contains(tokens[index].text) {
                    let after = look + 1 < tokens.count && tokens[look + 1].clause == tokens[index].clause ? tokens[look + 1].text : ""
                    let afterNext = look + 2 < tokens.count && tokens[look + 2].clause == tokens[index].clause ? tokens[look + 2].text : ""
                    if !Self.offPlaces.contains(after), !Self.offPlaces.contains(afterNext) { tokens[index].text = "removed" }
                    break
                }
                if tokens[look].text == "out" {
                    // "the screw had pulled out (of the bone)" is a failed fixation, not a removal: "pulled"
                    // needs its object before "out" ("pulled the nail out") or after it ("pulled out the wire").
                    if tokens[index].text.hasPrefix("pull"), look == index + 1,
                       !(look + 1 < tokens.count && Self.determiners.contains(tokens[look + 1].text)) { break }
                    // "took it out of the cast" is still a removal; "out" standing before a time or place
                    // word of leaving ("got out of bed") is not: "bed", "hospital", "theatre".
                    let next = look + 2 < tokens.count && tokens[look + 1].text == "of" ? tokens[look + 2].text : ""
                    // "pulled it out to length", "pulled the leg out straight": a reduction by traction.
                    let after = look + 1 < tokens.count && tokens[look + 1].clause == tokens[index].clause ? tokens[look + 1].text : ""
                    let afterNext = look + 2 < tokens.count && tokens[look + 2].clause == tokens[index].clause ? tokens[look + 2].text : ""
                    if after == "straight" || (after == "to" && afterNext == "length") {
                        if ["pulled", "pull", "pulls"].contains(tokens[index].text) { tokens[index].text = "reduced" }
                    } else if !["bed", "hospital", "theatre", "theater", "recovery", "pacu", "surgery"].contains(next) { tokens[index].text = "removed" }
                    break
                }
                look += 1
            }
        }
        for index in 0..<(tokens.count - 1) {
            guard let past = Self.plainVerbPast[tokens[index].text],
                  Self.determiners.contains(tokens[index + 1].text) || Self.countsWhatIsDone(tokens[index + 1].text, after: tokens[index].text),
                  tokens[index + 1].clause == tokens[index].clause else { continue }
            if index > 0, tokens[index - 1].clause == tokens[index].clause, Self.planWords.contains(tokens[index - 1].text) { continue }
            tokens[index].text = past
        }
    }
}
