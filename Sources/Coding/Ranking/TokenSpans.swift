extension AnalyzedNarrative {
    /// The clause of token `index`, as a range of token indices.
    func clauseSpan(of index: Int) -> ClosedRange<Int> {
        var first = index, last = index
        while first > 0, tokens[first - 1].clause == tokens[index].clause { first -= 1 }
        while last + 1 < tokens.count, tokens[last + 1].clause == tokens[index].clause { last += 1 }
        return first...last
    }

    /// The sentence of token `index`, as a range of token indices.
    func sentenceSpan(of index: Int) -> ClosedRange<Int> {
        var first = index, last = index
        while first > 0, tokens[first - 1].sentence == tokens[index].sentence { first -= 1 }
        while last + 1 < tokens.count, tokens[last + 1].sentence == tokens[index].sentence { last += 1 }
        return first...last
    }
}
