import Foundation

/// A narrative ready for matching: its tokens, and where each vocabulary key occurs among the
/// content words (stop words are skipped, so phrases match across "of the", "and").
public struct AnalyzedNarrative: Sendable {
    public let text: String
    public let tokens: [NarrativeToken]
    /// Indices into `tokens` of the words that take part in matching.
    let content: [Int]
    /// Key → positions in `content`.
    let positions: [Int32: [Int32]]
    /// One bit per key (modulo 1,024) of the keys in `positions`: most phrases of the knowledge
    /// base start with a word the narrative does not have, and this answers that without hashing.
    private let keyBits: [UInt64]
    /// Sentences that are items of a numbered or bulleted list ("1. ORIF …", "2) …", "- …"),
    /// the way surgeons list several procedures under PROCEDURES; the ranker adds sentences of
    /// body text that each tell a whole procedure at a site of their own
    /// (`ProcedureStatements.selfContainedSentences`).
    var listItemSentences: Set<Int>
    /// Clauses of a series that each tell a whole procedure ("nail of the femoral shaft, ORIF of
    /// the patella, and ORIF of the lateral malleolus"): statements of their own, set by the ranker.
    var listItemClauses: Set<Int> = []
    private let bytes: [UInt8]
    /// The sides each token names, read once (`Side.named(at:in:)`): the ranker asks for a word's
    /// side many times per candidate.
    let namedSides: [Set<Side>?]
    /// Whether two words of the note that are not history name sides with none in common ("right"
    /// and "left"), read once: a word's sides (`ProcedureStatements.sides(at:in:)`) are the sides of
    /// such words, so in a note without two of them no two words' sides differ.
    let namesDisjointSides: Bool
    /// Whether a word is weighed against another ("schwannoma vs neurofibroma"), read once.
    let weighsAlternatives: Bool
    /// The words of a hip dislocated by the surgeon as the way in ("surgical dislocation of the hip",
    /// "the hip was dislocated anteriorly through the trochanteric flip"): an approach, not an
    /// injury, so no code for treating a dislocated hip reads its dislocation there.
    let surgicalDislocationSpans: [ClosedRange<Int>]

    init(text: String, tokens: [NarrativeToken]) {
        self.text = text
        self.tokens = tokens
        bytes = Array(text.utf8)
        var content: [Int] = []
        content.reserveCapacity(tokens.count)
        var positions: [Int32: [Int32]] = [:]
        var keyBits = [UInt64](repeating: 0, count: 16)
        func mark(_ key: Int32) { keyBits[Int(key & 1023) >> 6] |= 1 << UInt64(key & 63) }
        for (index, token) in tokens.enumerated() where !Lexicon.isPhraseTransparent(token.text) {
            let position = Int32(content.count)
            content.append(index)
            if token.key >= 0 { positions[token.key, default: []].append(position); mark(token.key) }
            for key in token.prefixKeys { positions[key, default: []].append(position); mark(key) }
        }
        self.content = content
        self.positions = positions
        self.keyBits = keyBits
        listItemSentences = Self.listItems(tokens, bytes)
        let namedSides = tokens.indices.map { Side.named(at: $0, in: tokens) }
        self.namedSides = namedSides
        var distinct: [Set<Side>] = []
        for index in tokens.indices where !tokens[index].historical {
            if let sides = namedSides[index], !distinct.contains(sides) { distinct.append(sides) }
        }
        namesDisjointSides = distinct.indices.contains { first in distinct[(first + 1)...].contains { $0.isDisjoint(with: distinct[first]) } }
        weighsAlternatives = tokens.contains { $0.text == "vs" || $0.text == "versus" }
        surgicalDislocationSpans = Self.surgicalDislocations(tokens)
    }

    static let surgicalDislocationModifiers: Set<String> = ["surgical", "surgically", "controlled", "safe", "ganz"]
    /// Words of the open hip-preservation exposure that a dislocation told beside them belongs to.
    static let hipExposureWords: Set<String> = ["ganz", "flip", "digastric"]

    /// `surgicalDislocationSpans`: a dislocation word said with "surgical", "surgically",
    /// "controlled", "safe" or "approach" next to it, or in a sentence that names the Ganz exposure
    /// (a trochanteric flip, a digastric osteotomy).
    static func surgicalDislocations(_ tokens: [NarrativeToken]) -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        for index in tokens.indices where NarrativeAnalyzer.dislocationWords.contains(tokens[index].text) {
            let sentence = tokens[index].sentence
            var start = index
            var told = false
            var look = index - 1
            while look >= 0, look >= index - 3, tokens[look].sentence == sentence,
                  surgicalDislocationModifiers.contains(tokens[look].text) || ["hip", "the", "of"].contains(tokens[look].text) {
                if surgicalDislocationModifiers.contains(tokens[look].text) { told = true; start = look }
                look -= 1
            }
            var end = index
            if index + 1 < tokens.count, tokens[index + 1].sentence == sentence, tokens[index + 1].text == "approach" { told = true; end = index + 1 }
            if !told {
                var position = max(0, index - 15)
                while position < min(tokens.count, index + 16) {
                    if tokens[position].sentence == sentence, hipExposureWords.contains(tokens[position].text)
                        || (tokens[position].text == "trochanteric" && position + 1 < tokens.count && tokens[position + 1].text.hasPrefix("osteotom")) {
                        told = true
                        break
                    }
                    position += 1
                }
            }
            if told { spans.append(start...end) }
        }
        return spans
    }

    /// False when the key is surely not among the content words (true may still be a key of the
    /// same bit): the bit test of `positions(of:)` alone, without its dictionary lookup.
    @inline(__always) func mayHave(_ key: Int32) -> Bool {
        key >= 0 && keyBits[Int(key & 1023) >> 6] & (1 << UInt64(key & 63)) != 0
    }

    /// Where a key occurs among the content words (nil when it does not).
    @inline(__always) func positions(of key: Int32) -> [Int32]? {
        guard key >= 0, keyBits[Int(key & 1023) >> 6] & (1 << UInt64(key & 63)) != 0 else { return nil }
        return positions[key]
    }

    /// False when the phrase's first word is not in the narrative. Loops over a knowledge
    /// base's phrases go by index and ask this first: `for phrase in group` copies each phrase,
    /// retaining its text and keys, and most phrases are not in any one narrative (a quarter of
    /// the benchmark's time went to those retains).
    @inline(__always) func mayContain(_ phrase: Phrase) -> Bool {
        // `head` is -1 for a phrase with no key, which `positions(of:)` answers with nil.
        return positions(of: phrase.head) != nil
    }

    /// A sentence is a list item when, on its line, only a marker stands before it (after an
    /// optional heading): "1.", "2)", "(3)", "#4", "-", "•", "*"; or when it has a line to itself
    /// ("PROCEDURES:" followed by one procedure a line). A paragraph's sentences share lines.
    private static func listItems(_ tokens: [NarrativeToken], _ bytes: [UInt8]) -> Set<Int> {
        var items: Set<Int> = []
        var labelled: [SectionKind: [Int]] = [:]
        // An ASCII note's line lead is read on its bytes (the same answers: each byte is a
        // character, and the only ASCII whitespace `trimmingCharacters(in: .whitespaces)` trims is
        // space and tab); through Foundation, a sentence in the middle of a long line decoded and
        // trimmed everything before it on the line.
        let ascii = bytes.allSatisfy { $0 < 128 }
        var index = 0
        while index < tokens.count {
            let sentence = tokens[index].sentence
            var last = index
            while last + 1 < tokens.count, tokens[last + 1].sentence == sentence { last += 1 }
            var lineStart = tokens[index].start
            while lineStart > 0, bytes[lineStart - 1] != 10 { lineStart -= 1 }
            let leadEmpty: Bool, leadEndsInColon: Bool, numbered: Bool, bulleted: Bool
            if ascii {
                func blank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
                var low = lineStart, high = tokens[index].start
                while low < high, blank(bytes[low]) { low += 1 }
                while high > low, blank(bytes[high - 1]) { high -= 1 }
                leadEmpty = low == high
                leadEndsInColon = high > low && bytes[high - 1] == UInt8(ascii: ":")
                // The lead's last word, and that word without ( ) . # : at its ends.
                var markerStart = high
                while markerStart > low, !blank(bytes[markerStart - 1]) { markerStart -= 1 }
                func trimmed(_ byte: UInt8) -> Bool {
                    byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: ":")
                }
                var bodyStart = markerStart, bodyEnd = high
                while bodyStart < bodyEnd, trimmed(bytes[bodyStart]) { bodyStart += 1 }
                while bodyEnd > bodyStart, trimmed(bytes[bodyEnd - 1]) { bodyEnd -= 1 }
                numbered = bodyEnd > bodyStart && bodyEnd - bodyStart <= 2 && bytes[bodyStart..<bodyEnd].allSatisfy { $0 >= 48 && $0 <= 57 }
                    && bodyEnd - bodyStart != high - markerStart
                bulleted = high - markerStart == 1 && (bytes[markerStart] == UInt8(ascii: "-") || bytes[markerStart] == UInt8(ascii: "*"))
            } else {
                let lead = String(decoding: bytes[lineStart..<tokens[index].start], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                let marker = lead.split(whereSeparator: { $0 == " " || $0 == "\t" }).last.map(String.init) ?? ""
                let body = marker.trimmingCharacters(in: CharacterSet(charactersIn: "().#:"))
                leadEmpty = lead.isEmpty
                leadEndsInColon = lead.hasSuffix(":")
                numbered = !body.isEmpty && body.count <= 2 && body.allSatisfy(\.isNumber) && marker != body
                bulleted = ["-", "•", "*"].contains(marker)
            }
            var lineEnd = tokens[last].end
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            let tail = bytes[tokens[last].end..<lineEnd]
            let ownLine = (leadEmpty || leadEndsInColon) && tail.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 46 || $0 == 44 || $0 == 59 }
            if numbered || bulleted || ownLine { items.insert(sentence) }
            // "R femoral shaft fx: IM nail. R tibial shaft fx: IM nail.": a sentence that opens
            // with a short label and a colon is an item when another of its section is too.
            if last > index, (index + 1...min(index + 10, last)).contains(where: { k in colonAfter(k - 1, tokens, bytes) }) {
                labelled[tokens[index].section, default: []].append(sentence)
            }
            index = last + 1
        }
        for (_, sentences) in labelled where sentences.count >= 2 { items.formUnion(sentences) }
        return items
    }

    /// Whether a colon stands between token `index` and the next one ("Hip revision R: the stem").
    func colonAfter(_ index: Int) -> Bool { Self.colonAfter(index, tokens, bytes) }
    @inline(__always) static func colonAfter(_ index: Int, _ tokens: [NarrativeToken], _ bytes: [UInt8]) -> Bool {
        guard index + 1 < tokens.count, tokens[index].end < tokens[index + 1].start else { return false }
        return bytes[tokens[index].end..<tokens[index + 1].start].contains(58)
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
