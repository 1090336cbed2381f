/// A knowledge-base or lexicon phrase compiled to vocabulary keys.
struct Phrase: Sendable, Equatable {
    let text: String
    let keys: [Int32]
    /// The phrase says something did not happen in its own words ("did not contract", "without
    /// anesthesia", "not fixed"): its own negation word states the fact, so the phrase counts
    /// as affirmed unless a negation before it in its clause turns it round.
    var internalNegation = false
    /// Its first key (-1 when it has none), kept beside the phrase: `AnalyzedNarrative.mayContain`
    /// asks it of every phrase of the knowledge base for every narrative, and reading `keys.first`
    /// went to the heap (a cache miss) for each phrase.
    let head: Int32

    init(text: String, keys: [Int32], internalNegation: Bool = false) {
        self.text = text
        self.keys = keys
        self.internalNegation = internalNegation
        head = keys.first ?? -1
    }

    /// Where a phrase was found, and what the sentence says about it.
    struct Hit: Sendable, Equatable {
        var first: Int      // token indices (inclusive)
        var last: Int
        var negated: Bool
        var uncertain: Bool
        var historical: Bool
        var section: SectionKind
        var sentence: Int
        var affirmed: Bool { !negated && !uncertain && !historical }
    }

    /// Every occurrence in the narrative.
    func hits(in narrative: AnalyzedNarrative) -> [Hit] {
        guard let starts = narrative.positions(of: head) else { return [] }
        var result: [Hit] = []
        for start in starts {
            let position = Int(start)
            guard position + keys.count <= narrative.content.count else { continue }
            var matches = true
            var offset = 1
            var cursor = position + 1
            var sideSkipped = false
            var insertSkipped = false
            // Fields are read in place: copying a token would retain its text and prefix keys,
            // and this loop runs for every phrase of the knowledge base.
            while offset < keys.count {
                guard cursor < narrative.content.count else { matches = false; break }
                let index = narrative.content[cursor]
                let key = keys[offset]
                if !(narrative.tokens[index].key == key || (key >= Vocabulary.prefixBase && narrative.tokens[index].prefixKeys.contains(key))) {
                    // "dislocation of left knee", "fracture of the right patella": a side after
                    // "of" names which limb the phrase's next word is, inside the phrase.
                    if !sideSkipped, Self.sideAfterOf(index, narrative.tokens) {
                        sideSkipped = true
                        cursor += 1
                        continue
                    }
                    // "removed a long sequestrum", "the loose bony fragment", "a short titanium nail": one
                    // descriptive word of no coding fact inside the phrase, between two of its keys.
                    if !insertSkipped, Lexicon.phraseInsertWords.contains(narrative.tokens[index].text) {
                        insertSkipped = true
                        cursor += 1
                        continue
                    }
                    matches = false
                    break
                }
                offset += 1
                cursor += 1
            }
            guard matches else { continue }
            let first = narrative.content[position]
            let last = narrative.content[cursor - 1]
            // A phrase must not run across a clause boundary ("ORIF, post mal not fixed").
            let clause = narrative.tokens[first].clause
            guard narrative.tokens[last].clause == clause else { continue }
            var negated = narrative.tokens[first].negated
            if internalNegation {
                var position = first - 1
                negated = false
                while position >= 0, narrative.tokens[position].clause == clause {
                    if Lexicon.forwardNegationWords.contains(narrative.tokens[position].text) { negated = true; break }
                    position -= 1
                }
            }
            result.append(Hit(first: first, last: last, negated: negated, uncertain: narrative.tokens[first].uncertain,
                              historical: narrative.tokens[first].historical, section: narrative.tokens[first].section,
                              sentence: narrative.tokens[first].sentence))
        }
        return result
    }
}

extension Phrase {
    /// A side word right after "of" (or "of the/his/her"), in the clause of that "of".
    @inline(__always) static func sideAfterOf(_ index: Int, _ tokens: [NarrativeToken]) -> Bool {
        let text = tokens[index].text
        guard text == "left" || text == "right", index > 0 else { return false }
        var look = index - 1
        if ["the", "his", "her", "their"].contains(tokens[look].text), look > 0 { look -= 1 }
        return tokens[look].text == "of" && tokens[look].clause == tokens[index].clause
    }
}

/// Compiles phrase text with the narrative's own rules (tokenizer, abbreviations, stop words),
/// so a phrase and the narrative it should match are normalised the same way.
struct PhraseCompiler {
    var vocabulary = Vocabulary()
    let lexicon: Lexicon
    /// The same phrase is written in many entries (a fracture's anatomy group in each of its
    /// treatment codes): compiled once.
    private var cache: [String: Phrase] = [:]

    init(lexicon: Lexicon) { self.lexicon = lexicon }

    mutating func compile(_ text: String) -> Phrase {
        if let phrase = cache[text] { return phrase }
        let phrase = compileUncached(text)
        cache[text] = phrase
        return phrase
    }

    private mutating func compileUncached(_ text: String) -> Phrase {
        var keys: [Int32] = []
        for word in words(of: text) where !Lexicon.isPhraseTransparent(word) {
            if word.hasSuffix("*"), word.count > 1 {
                keys.append(vocabulary.add(prefix: String(word.dropLast())))
            } else {
                keys.append(vocabulary.add(word: word))
            }
        }
        let internalNegation = words(of: text).contains { Lexicon.forwardNegationWords.contains($0) }
        return Phrase(text: text, keys: keys, internalNegation: internalNegation)
    }

    /// Words of a phrase: split like a narrative, abbreviations expanded, `*` kept.
    func words(of text: String) -> [String] {
        // Bytes, as the narrative tokenizer: ASCII letters and digits (lower-cased), anything
        // non-ASCII, and * & / inside words; an apostrophe joins.
        var raw: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 65...90: word.append(byte + 32)
            case 97...122, 48...57, 0x80...0xFF, UInt8(ascii: "*"), UInt8(ascii: "&"), UInt8(ascii: "/"): word.append(byte)
            case UInt8(ascii: "'"): continue
            default:
                if !word.isEmpty { raw.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            }
        }
        if !word.isEmpty { raw.append(String(decoding: word, as: UTF8.self)) }
        var output: [String] = []
        var index = 0
        while index < raw.count {
            var matched = false
            var length = min(lexicon.longestAbbreviation, raw.count - index)
            while length >= 1, !matched {
                if let expansion = lexicon.abbreviations[Array(raw[index..<(index + length)])] {
                    output += expansion
                    index += length
                    matched = true
                }
                length -= 1
            }
            if matched { continue }
            var word = raw[index]
            if word == "non", index + 1 < raw.count { word += raw[index + 1]; index += 1 }
            output += word.split(whereSeparator: { $0 == "/" || $0 == "&" }).map(String.init)
            index += 1
        }
        return output
    }
}
