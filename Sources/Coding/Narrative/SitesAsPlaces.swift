import Foundation

/// A part of a bone named as the place something is put back, not as an injury: the tibial
/// plafond the talus goes back under, or that measures a fragment's size; the femoral head that
/// goes back into its socket. The words are negated so they read no fracture of that part.
extension NarrativeAnalyzer {
    /// "The talus was brought back under the tibial plafond", "talus now concentric beneath the
    /// plafond": the plafond named as the place of the talus, in a reduction of an ankle
    /// fracture or dislocation, is no fracture of the plafond (a pilon code, S82.87-).
    func markPlafondAsPlace(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where tokens[index].text == "plafond" {
            var look = index - 1
            while look >= 0, tokens[look].clause == tokens[index].clause, ["the", "tibial", "distal", "its"].contains(tokens[look].text) { look -= 1 }
            // "posterior malleolus, 30% of the plafond", "a third of the plafond": the plafond as
            // the measure of a fragment's size is no fracture of the plafond.
            if look >= 1, tokens[look].text == "of", tokens[look - 1].clause == tokens[index].clause,
               Self.fragmentShares.contains(tokens[look - 1].text) || tokens[look - 1].text.hasSuffix("%") || Double(tokens[look - 1].text) != nil {
                // The whole name ("of the tibial plafond"): a phrase takes its standing from its first word.
                for position in (look + 1)...index { tokens[position].negated = true }
                continue
            }
            guard look >= 0, tokens[look].clause == tokens[index].clause,
                  ["under", "beneath", "below", "underneath"].contains(tokens[look].text) else { continue }
            var talus = look - 1
            while talus >= 0, tokens[talus].sentence == tokens[index].sentence, !["talus", "talar"].contains(tokens[talus].text) { talus -= 1 }
            guard talus >= 0, tokens[talus].sentence == tokens[index].sentence else { continue }
            for position in (look + 1)...index { tokens[position].negated = true }
        }
    }

    /// "traction used to bring the femoral head back under the roof", "femoral head concentric
    /// within the acetabulum": the femoral head named as what moves back into its socket, in the
    /// care of an acetabular fracture or a dislocation, is no fracture of the femoral head (27267-27269).
    /// Not "femoral head fracture reduced" or "femoral head fragment fixed".
    func markFemoralHeadAsPlace(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where tokens[index].text == "head" && index > 0 && tokens[index - 1].text == "femoral"
            && tokens[index - 1].clause == tokens[index].clause {
            var look = index + 1
            while look < tokens.count, tokens[look].clause == tokens[index].clause, ["is", "was", "now", "then", "well"].contains(tokens[look].text) { look += 1 }
            guard look < tokens.count, tokens[look].clause == tokens[index].clause,
                  Self.headPlaceWords.contains(tokens[look].text) else { continue }
            tokens[index - 1].negated = true
            tokens[index].negated = true
        }
    }
    /// "lateral retinaculum divided from vastus lateralis down to the tubercle", "incision carried
    /// distally as far as the tibial tuberosity": the tubercle as the end of a cut's extent is a
    /// landmark, not the tubercle operated on (27418/27420 or a tubercle fracture).
    func markTubercleAsLandmark(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where (tokens[index].text == "tubercle" || tokens[index].text == "tuberosity") && index >= 2 {
            var look = index - 1
            while look >= 0, tokens[look].clause == tokens[index].clause, ["the", "tibial", "tibia", "level", "of"].contains(tokens[look].text) { look -= 1 }
            guard look >= 1, tokens[look - 1].clause == tokens[index].clause else { continue }
            let extent = (tokens[look].text == "to" && Self.extentWords.contains(tokens[look - 1].text))
                || (tokens[look].text == "as" && tokens[look - 1].text == "far")
            guard extent else { continue }
            for position in (look + 1)...index { tokens[position].negated = true }
        }
    }
    static let extentWords: Set<String> = ["down", "up", "distally", "proximally", "extended", "extending", "carried", "continued", "all", "way"]

    static let headPlaceWords: Set<String> = ["back", "under", "into", "concentric", "concentrically", "within", "seated", "relocated", "beneath", "underneath"]

    static let fragmentShares: Set<String> = ["%", "percent", "per", "cent", "third", "thirds", "quarter", "quarters", "half", "fifth"]
}
