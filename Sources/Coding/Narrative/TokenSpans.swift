extension Array where Element == NarrativeToken {
    /// The clause of token `index`, as a range of token indices.
    func clauseSpan(of index: Int) -> ClosedRange<Int> {
        var first = index, last = index
        while first > 0, self[first - 1].clause == self[index].clause { first -= 1 }
        while last + 1 < count, self[last + 1].clause == self[index].clause { last += 1 }
        return first...last
    }

    /// The sentence of token `index`, as a range of token indices.
    func sentenceSpan(of index: Int) -> ClosedRange<Int> {
        var first = index, last = index
        while first > 0, self[first - 1].sentence == self[index].sentence { first -= 1 }
        while last + 1 < count, self[last + 1].sentence == self[index].sentence { last += 1 }
        return first...last
    }
}

extension AnalyzedNarrative {
    /// The clause of token `index`, as a range of token indices (`[NarrativeToken].clauseSpan`).
    func clauseSpan(of index: Int) -> ClosedRange<Int> { tokens.clauseSpan(of: index) }

    /// The sentence of token `index`, as a range of token indices.
    func sentenceSpan(of index: Int) -> ClosedRange<Int> { tokens.sentenceSpan(of: index) }
}
