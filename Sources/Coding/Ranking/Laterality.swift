/// Which side a procedure or a condition is on, read from the sentences its words are in.
enum Side: String, Sendable, Comparable {
    case right, left
    static func < (a: Side, b: Side) -> Bool { a.rawValue < b.rawValue }

    /// The sides a word names: "right", "left", or both for "bilateral"; nil for any other word.
    static func named(by word: String) -> Set<Side>? {
        switch word {
        case "right": return [.right]
        case "left": return [.left]
        case "bilateral": return [.right, .left]
        default: return nil
        }
    }

    /// The sides the word at `index` names, read with its neighbours: "both knees" and "both
    /// sides" name both (not "both sides of the fracture", "both components"); "left" as a verb
    /// ("a drain was left in the joint", "tourniquet left inflated", "the patient left the room")
    /// and "right" meaning correct or at once ("looked right", "is that right", "right away",
    /// "right angle"), or a direction ("airplaned to the left", "to the right of the midline")
    /// name no side.
    static func named(at index: Int, in tokens: [NarrativeToken]) -> Set<Side>? {
        let word = tokens[index].text
        /// The word `offset` places away in the same clause (in the same sentence with `sentence`).
        func text(_ offset: Int, sentence: Bool = false) -> String? {
            let position = index + offset
            guard tokens.indices.contains(position) else { return nil }
            if sentence ? tokens[position].sentence != tokens[index].sentence : tokens[position].clause != tokens[index].clause { return nil }
            return tokens[position].text
        }
        // "L", "rt", "R)": an abbreviation always names a side.
        let spelledOut = tokens[index].end - tokens[index].start == word.utf8.count
        switch word {
        case "both":
            guard let next = text(1) else { return nil }
            if next == "sides" || next == "side" { return text(2) == "of" ? nil : [.right, .left] }
            if pairedLimbs.contains(next) || (text(2).map(pairedLimbs.contains) ?? false) && next != "of" { return [.right, .left] }
            return nil
        case "left" where spelledOut:
            if let before = text(-1), verbBefore.contains(before) { return nil }
            // "the left" is the side ("on the left in a 40-year-old"), unless a direction.
            if text(-1) != "the", let after = text(1) {
                if leftVerbAfter.contains(after) { return nil }
                if after == "in", let place = text(2), ["situ", "place", "position", "the", "its", "continuity"].contains(place) { return nil }
                if after == "the", let place = text(2), placesLeft.contains(place) { return nil }
                // "wound left open", "incisions left to heal": what is left is the wound.
                if let before = text(-1), openedThings.contains(before), after == "to" || leftOpenWords.contains(after) { return nil }
                // ", left open as a guillotine", "Left open, NPWT.": opening its clause and with nothing named
                // after it ("Left open ankle dislocation" names the side), the verb of a wound left open.
                if text(-1) == nil, leftOpenWords.contains(after), text(2).map(afterLeftOpen.contains) ?? true { return nil }
            }
            if isDirection() { return nil }
            return [.left]
        case "right" where spelledOut:
            if let before = text(-1), rightMeaningCorrectAfter.contains(before) { return nil }
            // "is that right?", "that right or": a question about being correct.
            if text(-1) == "that", text(1).map({ ["or", "and"].contains($0) }) ?? true { return nil }
            if let after = text(1), rightAdverbBefore.contains(after) { return nil }
            // "it's right under the skin", "right down to bone", "right next to the nerve": an adverb of place.
            if let after = text(1), rightBeforePlace.contains(after), let place = text(2), placeFollowers.contains(place) { return nil }
            if isDirection() { return nil }
            return [.right]
        default:
            return named(by: word)
        }
        /// "to the left", "toward the right of the midline": a direction, when nothing of the body follows.
        func isDirection() -> Bool {
            guard text(-1) == "the", let to = text(-2), ["to", "toward", "towards"].contains(to) else { return false }
            guard let after = text(1) else { return true }
            return ["of", "for", "and", "so", "with", "by", "to", "until", "while", "then", "as"].contains(after)
        }
    }

    /// Limbs and sides that come in pairs: "both knees", "both lower legs".
    static let pairedLimbs: Set<String> = ["knees", "hips", "legs", "ankles", "thighs", "sides", "feet", "calves", "femurs", "femora", "tibias",
                                           "tibiae", "limbs", "extremities", "patellae", "patellas", "heels", "achilles", "buttocks", "ilia", "groins"]
    /// Before "left" as a verb: "was left", "we left", "patient left".
    static let verbBefore: Set<String> = ["was", "were", "is", "are", "be", "been", "being", "we", "i", "he", "she", "they", "patient", "pt",
                                          "remained", "remains", "get", "got", "gets"]
    /// After "left" as a verb: "left in situ", "left inflated", "left alone", "left to heal".
    static let leftVerbAfter: Set<String> = ["inflated", "deflated", "up", "alone", "behind", "undisturbed", "untouched", "unrepaired",
                                             "unfixed", "unplated", "untreated", "overnight", "proud", "buried",
                                             "uncovered", "undone", "partially"]
    /// What a surgeon leaves open: "wound left open", "skin left open", "stump left open" (an open amputation's).
    static let openedThings: Set<String> = ["wound", "wounds", "incision", "incisions", "skin", "fasciotomy", "fasciotomies", "fascia",
                                            "stump", "stumps"]
    /// A wound left without closing: "left open", "left unclosed", "left packed".
    static let leftOpenWords: Set<String> = ["open", "unclosed", "unsutured", "packed"]
    /// What may follow "left open" opening its clause, as the verb ("left open as a guillotine",
    /// "left open for a second look"), not a side before an open injury.
    static let afterLeftOpen: Set<String> = ["as", "for", "with", "and", "until", "pending", "to", "in"]
    /// "left the room", "left the operating room".
    static let placesLeft: Set<String> = ["room", "operating", "or", "theatre", "theater", "recovery", "department", "hospital", "pacu", "table", "suite"]
    /// Before "right" meaning correct: "looked right", "felt right", "all right", "just right".
    static let rightMeaningCorrectAfter: Set<String> = ["looked", "look", "looks", "looking", "seemed", "seem", "seems", "felt", "feel", "feels",
                                                        "all", "just", "exactly", "sounds", "sound", "sounded", "quite"]
    /// After "right" as an adverb or adjective: "right away", "right angle", "right amount"; "the
    /// right code", "the right answer", "on the right track".
    static let rightAdverbBefore: Set<String> = ["away", "now", "angle", "angled", "angles", "amount", "size", "length", "there", "here",
                                                 "code", "codes", "coding", "cpt", "icd", "modifier", "modifiers", "answer", "choice", "thing", "way",
                                                 "track", "decision"]
    /// "right under the skin", "right down to bone", "ran right down into the joint", "right across
    /// the plafond": "right" as an adverb before a place (not "right below-knee amputation", "right
    /// through-knee", "right under GA").
    static let rightBeforePlace: Set<String> = ["under", "over", "into", "onto", "beneath", "underneath", "behind", "next", "beside", "against", "down", "off", "at", "on",
                                                "up", "across", "through", "along", "around", "inside"]
    /// The word after one of `rightBeforePlace` that makes it a place ("under the", "down to",
    /// "under skin", a second preposition: "down into", "up through"); "right under GA" and
    /// "right through knee" name a side.
    static let placeFollowers: Set<String> = ["the", "a", "its", "his", "her", "skin", "to", "bone",
                                              "into", "onto", "through", "across", "inside", "past", "beyond"]
}

struct LateralityReader: Sendable {
    /// Sides named in each sentence (affirmed words only; "bilateral" names both).
    let bySentence: [Int: Set<Side>]
    /// Sides named in each clause.
    let byClause: [Int: Set<Side>]
    private let tokens: [NarrativeToken]
    /// The side of the narrative as a whole, from sentences that describe today's operation.
    let overall: Set<Side>

    init(_ narrative: AnalyzedNarrative) {
        var bySentence: [Int: Set<Side>] = [:], byClause: [Int: Set<Side>] = [:]
        // Sides named where the note says what was done (procedure lines, body, untitled text),
        // and elsewhere (diagnosis, findings, header lines, history).
        var counts: [Side: Double] = [:], elsewhere: [Side: Double] = [:]
        var bilateral = false
        // A side word is not negated by a cue before it ("no manipulation, L"): only history is left out.
        for (index, token) in narrative.tokens.enumerated() where !token.historical {
            guard let sides = narrative.namedSides[index] else { continue }
            bySentence[token.sentence, default: []].formUnion(sides)
            byClause[token.clause, default: []].formUnion(sides)
            let weight = token.section.procedureWeight
            // "Bilateral knee osteoarthritis" in a diagnosis line says nothing of which knees were operated on.
            if sides.count == 2, weight >= 0.85 { bilateral = true }
            for side in sides {
                if weight >= 0.85 { counts[side, default: 0] += weight } else { elsewhere[side, default: 0] += weight }
            }
        }
        self.bySentence = bySentence
        self.byClause = byClause
        tokens = narrative.tokens
        if bilateral {
            overall = [.right, .left]
        } else if let (side, _) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            // Both sides named with similar weight (a right and a left procedure): keep both.
            let other: Side = side == .right ? .left : .right
            overall = (counts[other] ?? 0) >= 0.8 * (counts[side] ?? 0) ? [.right, .left] : [side]
        } else if let (side, _) = elsewhere.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            // Only a diagnosis or header line names a side: the side of the condition is the side
            // operated on, unless it names both ("bilateral hip OA, right worse than left"): then
            // which side was done is not documented.
            let other: Side = side == .right ? .left : .right
            overall = (elsewhere[other] ?? 0) >= 0.8 * (elsewhere[side] ?? 0) ? [] : [side]
        } else {
            overall = []
        }
    }

    /// Sides of the sentences holding these hits; the narrative's side when they name none.
    /// A sentence naming both sides gives the side of the hit's own clause when that names one
    /// ("Primary OA both knees, R TKA today" is RT).
    func sides(of hits: [Phrase.Hit]) -> Set<Side> {
        var sides: Set<Side> = []
        for hit in hits {
            guard let named = bySentence[hit.sentence] else { continue }
            if named.count == 2, let own = byClause[tokens[hit.first].clause] ?? byClause[tokens[hit.last].clause], own.count == 1 {
                sides.formUnion(own)
            } else {
                sides.formUnion(named)
            }
        }
        return sides.isEmpty ? overall : sides
    }

    /// Whether any procedure sentence names both sides (for entries with a `bilateral` fact).
    var bothSides: Bool { overall.count == 2 }
}
