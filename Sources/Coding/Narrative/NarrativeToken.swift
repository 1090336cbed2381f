/// One word of an analysed narrative, after abbreviation expansion and spelling correction,
/// with what the sentence around it says about it.
public struct NarrativeToken: Sendable, Equatable {
    public var text: String
    /// UTF-8 offsets of the original words this token comes from (evidence quotes them).
    public var start: Int
    public var end: Int
    public var sentence: Int
    public var clause: Int
    public var section: SectionKind
    /// In the scope of a negation: "no debridement", "posterior malleolus not fixed".
    public var negated = false
    /// In the scope of uncertainty: "rule out", "possible".
    public var uncertain = false
    /// About the past or the future: "prior ORIF", "s/p", "will need".
    public var historical = false
    /// In a sentence that corrects what was said before ("Correction: no reduction was needed"):
    /// where it and an earlier sentence disagree about a fact, it wins.
    public var correcting = false
    var key: Int32 = -1
    var prefixKeys: [Int32] = []

    /// Counts as evidence of what happened today.
    public var isAffirmed: Bool { !negated && !uncertain && !historical }

    /// A token the reader adds stands for the words that say it: it quotes them as evidence and
    /// happened only if they did.
    mutating func standFor(_ words: NarrativeToken) {
        start = words.start
        end = words.end
        negated = words.negated
        uncertain = words.uncertain
        historical = words.historical
    }
}
