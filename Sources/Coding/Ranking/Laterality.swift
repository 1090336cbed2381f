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
}

struct LateralityReader: Sendable {
    /// Sides named in each sentence (affirmed words only; "bilateral" names both).
    let bySentence: [Int: Set<Side>]
    /// The side of the narrative as a whole, from sentences that describe today's operation.
    let overall: Set<Side>

    init(_ narrative: AnalyzedNarrative) {
        var bySentence: [Int: Set<Side>] = [:]
        var counts: [Side: Double] = [:]
        var bilateral = false
        // A side word is not negated by a cue before it ("no manipulation, L"): only history is left out.
        for token in narrative.tokens where !token.historical {
            guard let sides = Side.named(by: token.text) else { continue }
            bySentence[token.sentence, default: []].formUnion(sides)
            let weight = token.section.procedureWeight
            if token.text == "bilateral", weight >= 0.5 { bilateral = true }
            for side in sides { counts[side, default: 0] += weight }
        }
        self.bySentence = bySentence
        if bilateral {
            overall = [.right, .left]
        } else if let (side, _) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            // Both sides named with similar weight (a right and a left procedure): keep both.
            let other: Side = side == .right ? .left : .right
            overall = (counts[other] ?? 0) >= 0.8 * (counts[side] ?? 0) ? [.right, .left] : [side]
        } else {
            overall = []
        }
    }

    /// Sides of the sentences holding these hits; the narrative's side when they name none.
    func sides(of hits: [Phrase.Hit]) -> Set<Side> {
        var sides: Set<Side> = []
        for hit in hits { sides.formUnion(bySentence[hit.sentence] ?? []) }
        return sides.isEmpty ? overall : sides
    }

    /// Whether any procedure sentence names both sides (for entries with a `bilateral` fact).
    var bothSides: Bool { overall.count == 2 }
}
