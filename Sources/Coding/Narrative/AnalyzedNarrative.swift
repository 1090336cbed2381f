/// A narrative ready for matching: its tokens, and where each vocabulary key occurs among the
/// content words (stop words are skipped, so phrases match across "of the", "and").
public struct AnalyzedNarrative: Sendable {
    public let text: String
    public let tokens: [NarrativeToken]
    /// Indices into `tokens` of the words that take part in matching.
    let content: [Int]
    /// Key → positions in `content`.
    let positions: [Int32: [Int32]]
    private let bytes: [UInt8]

    init(text: String, tokens: [NarrativeToken]) {
        self.text = text
        self.tokens = tokens
        bytes = Array(text.utf8)
        var content: [Int] = []
        content.reserveCapacity(tokens.count)
        var positions: [Int32: [Int32]] = [:]
        for (index, token) in tokens.enumerated() where !Lexicon.stopWords.contains(token.text) {
            let position = Int32(content.count)
            content.append(index)
            if token.key >= 0 { positions[token.key, default: []].append(position) }
            for key in token.prefixKeys { positions[key, default: []].append(position) }
        }
        self.content = content
        self.positions = positions
    }

    /// The original words behind tokens `first...last`, as the person wrote them.
    public func quote(_ first: Int, _ last: Int) -> String {
        let start = tokens[first].start
        let end = max(tokens[last].end, start)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The original sentence around a token, trimmed, for context in a report.
    public func sentenceText(of index: Int) -> String {
        let sentence = tokens[index].sentence
        var first = index
        while first > 0, tokens[first - 1].sentence == sentence { first -= 1 }
        var last = index
        while last + 1 < tokens.count, tokens[last + 1].sentence == sentence { last += 1 }
        return quote(first, last)
    }
}
