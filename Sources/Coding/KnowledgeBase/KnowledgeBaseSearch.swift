extension KnowledgeBase {
    /// Words of the query (normalised like a narrative) found in each entry's text; CPT
    /// entries first when they score as well, since they are what the desk codes.
    public func search(_ text: String, limit: Int) -> [SearchHit] {
        let words = Set(analyzer.analyze(text).tokens.map(\.text).filter { !Lexicon.stopWords.contains($0) })
        guard !words.isEmpty else { return [] }
        func score(_ haystack: String) -> Double {
            let tokens = Set(haystack.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
            var total = 0.0
            for word in words where tokens.contains(word) || tokens.contains(where: { $0.count >= 5 && word.count >= 5 && $0.hasPrefix(word) }) {
                total += 1
            }
            return total / Double(words.count)
        }
        var hits: [SearchHit] = []
        for entry in procedures {
            if words.contains(entry.code.lowercased()) {
                hits.append(SearchHit(kind: .procedure, code: entry.code, title: entry.descriptor, score: 2))
                continue
            }
            let phrases = ((entry.match.all ?? []).flatMap { $0 } + (entry.match.any ?? []).flatMap { $0 }).joined(separator: " ")
            let value = max(score(entry.descriptor) * 1.1, score(entry.descriptor + " " + entry.summary + " " + phrases))
            if value >= 0.5 { hits.append(SearchHit(kind: .procedure, code: entry.code, title: entry.descriptor, score: value + 0.05)) }
        }
        for row in 0..<icd.rowCount {
            let description = icd.description(row: row)
            let value = score(description)
            if value >= 0.5 {
                let kind = icd.kind(row: row)
                let code = icd.codes[row]
                hits.append(SearchHit(kind: .diagnosis, code: kind.hasPrefix("7") ? code + "-" : code, title: description,
                                      score: value - (kind == "H" ? 0.01 : 0) - Double(description.count) / 10_000))
            }
        }
        return Array(hits.sorted { $0.score > $1.score || ($0.score == $1.score && $0.code < $1.code) }.prefix(limit))
    }
}
