/// Splits a narrative into lower-case words with their place in the original text (so evidence
/// quotes what the person wrote), the boundary before each word, and the section it is in.
///
/// Works on UTF-8 bytes: a narrative is scanned once, with no per-line String splitting.
struct Tokenizer {
    enum Boundary: UInt8, Comparable {
        case none = 0, clause = 1, sentence = 2
        static func < (a: Boundary, b: Boundary) -> Bool { a.rawValue < b.rawValue }
    }

    struct RawToken {
        var text: String
        var start: Int
        var end: Int
        var boundary: Boundary
        var section: SectionKind
        /// First word inside "(…)", and first word after the ")" with no other punctuation
        /// between: the words after an aside continue the clause before it.
        var opensAside = false
        var resumesClause = false
    }

    /// A short quoted term opening at `index` (one to three words of letters, digits, spaces or
    /// hyphens, closed on the same line within 40 bytes, a word character or space on either side):
    /// the index of its closing quote.
    static func shortQuotedTerm(_ bytes: [UInt8], openingAt index: Int) -> Int? {
        guard index > 0, bytes[index - 1] == 32, index + 1 < bytes.count else { return nil }
        var position = index + 1
        var words = 0
        var inWord = false
        while position < min(bytes.count, index + 41) {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                guard words >= 1, words <= 3, position + 1 >= bytes.count || [32, 46, 44, 59, 58, 41, 10, 13, 63].contains(bytes[position + 1]) else { return nil }
                return position
            }
            let letter = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
            if letter { if !inWord { words += 1; inWord = true } } else if byte == 32 || byte == UInt8(ascii: "-") { inWord = false } else { return nil }
            position += 1
        }
        return nil
    }

    /// The length of an emoji (or of its joiner or variation selector) at `index`: the pictographs
    /// of U+1F000-1FFFF (F0 9F …), the dingbats U+2700-27BF (✅ ✔ ❤), U+FE0F and the zero-width joiner.
    static func emojiLength(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 2 < bytes.count else { return nil }
        let (first, second) = (bytes[index], bytes[index + 1])
        if first == 0xF0, second == 0x9F, index + 3 < bytes.count { return 4 }
        if first == 0xE2, second == 0x9C || second == 0x9D { return 3 }
        if first == 0xE2, second == 0x80, bytes[index + 2] == 0x8D { return 3 }
        if first == 0xEF, second == 0xB8, bytes[index + 2] == 0x8F { return 3 }
        return nil
    }

    static func tokenize(_ narrative: String) -> [RawToken] {
        let bytes = Array(narrative.utf8)
        var tokens: [RawToken] = []
        tokens.reserveCapacity(bytes.count / 5)
        var section = SectionKind.general
        var pending = Boundary.sentence
        var asideOpened = false
        var asideClosed = false
        var index = 0
        let count = bytes.count
        var atLineStart = true
        var lineStart = 0
        var sectionAfterField: SectionKind?
        // The closing quote of a short quoted term ("the title "synovectomy" is wrong"): the term is
        // a word of its clause, not a clause of its own.
        var quotedTermEnd = -1
        var lineFirstToken = 0
        var word: [UInt8] = []
        word.reserveCapacity(32)

        func isAlnum(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte >= 0x80
        }
        func lower(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte + 32 : byte }
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) }
        func raise(_ boundary: Boundary) { if boundary > pending { pending = boundary } }

        while index < count {
            if atLineStart {
                atLineStart = false
                if let (kind, next, followUp) = heading(bytes, from: index) {
                    // "Date: Tue, Nov 10", "EBL: 50 mL", "Drains: none": an administrative field
                    // with its value on the line is one line; the text after it is in the section before.
                    // So is a follow-up field ("Follow-up: 6 weeks", "Follow-up: John Redmond, DOB …"
                    // above a clinic letter): its value is on its line, and what follows is not a plan.
                    if (kind == .administrative && section != .administrative) || (kind == .plan && followUp),
                       lineHasValue(bytes, from: next) {
                        sectionAfterField = section
                    } else {
                        sectionAfterField = nil
                    }
                    section = kind
                    index = next
                    raise(.sentence)
                    continue
                }
                // A list item ("1. …", "2) …", "- …", "• …") is its own statement even when the
                // line before it has no full stop: listed procedures are separate procedures.
                if startsListItem(bytes, from: index) { raise(.sentence) }
                // A form's field naming a further procedure ("Procedure: Arthrodesis of pubic symphysis …"
                // then "Additional procedure: Right SI joint fusion …") is a statement of its own, as a
                // list item is. Other fields of a form (side, fracture, fixation) tell one procedure.
                if startsFieldLine(bytes, from: index, labelNaming: procedureFieldLabels) { raise(.sentence) }
            }
            let byte = bytes[index]
            // "HPI: … wrinkled by day 5. OR: prone, …": a label of the operation itself ("OR:",
            // "Procedure:", "In theatre:") with its colon after a full stop, capitalised, ends the
            // history told before it as a heading at the start of a line does. Other labels said
            // inline ("Plan: relook in 48 h", "Anesthesia: sedation.") are one sentence's field.
            if byte >= 65, byte <= 90, pending == .sentence, !tokens.isEmpty, index >= 2, bytes[index - 1] == 32,
               bytes[index - 2] == UInt8(ascii: "."), let (kind, next, _) = heading(bytes, from: index, colonOnly: true),
               kind == .body || kind == .procedureTitle {
                section = kind
                sectionAfterField = nil
                index = next
                continue
            }
            // Typography ("16\u{A0}cm", "ORIF \u{2014} fibula plate", "\u{2018}left alone\u{2019}", "2\u{D7}4.0 mm",
            // "0\u{2013}20\u{B0}", "\u{2022} item"): a word processor's spaces, dashes, quotes and signs are the
            // punctuation they stand for, not letters of the word beside them.
            if byte >= 0x80, let (mark, length) = unicodeMark(bytes, at: index) {
                switch mark {
                case .space, .hyphen, .apostrophe, .sign:
                    break
                case .dash, .enDash:
                    // An en dash between two words or numbers ("0\u{2013}20", "Smith\u{2013}Petersen") joins
                    // them as a hyphen does; spaced, or any em dash, it sets off a clause.
                    let spaced = (index > 0 && bytes[index - 1] == 32) || (index + length < count && bytes[index + length] == 32)
                    if mark == .dash || spaced { raise(.clause) }
                case .quote, .bullet, .arrow:
                    raise(.clause)
                    asideClosed = false
                case .times:
                    tokens.append(RawToken(text: "x", start: index, end: index + length, boundary: pending, section: section))
                    pending = .none
                }
                index += length
                continue
            }
            // An emoji of a chat message ("not yet 😅 Dr Kim removed …", "done 👍") ends what was
            // said before it, as a full stop would.
            if byte >= 0xE2, let length = emojiLength(bytes, at: index) {
                raise(.sentence)
                asideClosed = false
                index += length
                continue
            }
            if isAlnum(byte) {
                let start = index
                word.removeAll(keepingCapacity: true)
                var apostrophe: Int?
                while index < count {
                    let current = bytes[index]
                    if current >= 0x80, let (mark, length) = unicodeMark(bytes, at: index) {
                        // "didn\u{2019}t", "patient\u{2019}s": a typographic apostrophe joins as "'" does.
                        guard mark == .apostrophe, index + length < count, isAlnum(bytes[index + length]), word.count < 8,
                              unicodeMark(bytes, at: index + length) == nil else { break }
                        apostrophe = word.count
                        index += length
                    } else if isAlnum(current), current < 0xE2 || emojiLength(bytes, at: index) == nil {
                        word.append(lower(current))
                        index += 1
                    } else if current == UInt8(ascii: "'"), index + 1 < count, isAlnum(bytes[index + 1]), word.count < 8 {
                        apostrophe = word.count
                        index += 1  // didn't, fx's: the apostrophe joins
                    } else if (current == UInt8(ascii: "&") || current == UInt8(ascii: "/")), word.count <= 3,
                              word.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
                        // i&d, w/, w/o, s/p, b/l, tib/fib: short connected abbreviations stay one word
                        word.append(current)
                        index += 1
                    } else if current == UInt8(ascii: "-"), word.count >= 2, index > start, isLetter(bytes[index - 1]),
                              let resume = wrappedWordContinuation(bytes, hyphen: index, fragment: start) {
                        index = resume  // "manipu-\nlated", "de-\nbrided": a word a hard line wrap split
                    } else if current == UInt8(ascii: "."), index + 1 < count, word.last.map({ $0 >= 48 && $0 <= 57 }) == true,
                              bytes[index + 1] >= 48, bytes[index + 1] <= 57 {
                        word.append(current)  // 4.5 mm
                        index += 1
                    } else {
                        break
                    }
                }
                if let apostrophe, Self.keepsApostrophe(word, at: apostrophe) {
                    word.insert(UInt8(ascii: "'"), at: apostrophe)
                }
                tokens.append(RawToken(text: String(decoding: word, as: UTF8.self), start: start, end: index, boundary: pending, section: section,
                                       opensAside: asideOpened, resumesClause: asideClosed && pending == .clause))
                pending = .none
                asideOpened = false
                asideClosed = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"):
                // A blank line ends a sentence; a line break ends at least a clause.
                var look = index + 1
                while look < count, bytes[look] == 32 || bytes[look] == 9 || bytes[look] == 13 { look += 1 }
                if look < count && bytes[look] == 10 {
                    raise(.sentence)
                } else if !isSoftWrap(bytes, newline: index, lineStart: lineStart, next: look) {
                    raise(.clause)
                }
                asideClosed = false
                atLineStart = true
                lineStart = index + 1
                lineFirstToken = tokens.count
                if let restored = sectionAfterField {
                    section = restored
                    sectionAfterField = nil
                }
            case UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"):
                raise(.sentence)
                asideClosed = false
            case UInt8(ascii: "("):
                raise(.clause)
                asideOpened = true
                asideClosed = false
            case UInt8(ascii: ")"):
                raise(.clause)
                asideClosed = !asideOpened
            case UInt8(ascii: ":") where tokens.count - lineFirstToken >= 1 && tokens.count - lineFirstToken <= 2 && pending == .none
                && !tokens[lineFirstToken...].dropFirst().contains(where: { $0.boundary != .none }) && lineHasValue(bytes, from: index + 1)
                && !opensSentence(bytes, from: index + 1):
                // "fibula: plate", "PM: 2 AP lag screws", "muscle: viable": a short label opening the
                // line and its value are one statement (known headings never get here).
                break
            case UInt8(ascii: "\"") where index == quotedTermEnd || shortQuotedTerm(bytes, openingAt: index).map({ quotedTermEnd = $0; return true }) == true:
                break
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""),
                 // A cell of a row ("14/06 | PGY-3 | L hip | tenotomy, nothing opened | dx spastic
                 // diplegic CP"): a negation or a history cue does not run into the next cell.
                 UInt8(ascii: "|"):
                raise(.clause)
                asideClosed = false
            case UInt8(ascii: "-") where index > 0 && bytes[index - 1] == 32 && index + 1 < count && (bytes[index + 1] == 32 || bytes[index + 1] == UInt8(ascii: "-")):
                // " - " between words is a dash: "no bone graft - unlisted?" are two statements.
                raise(.clause)
            case _ where (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "=")) && index + 1 < count && bytes[index + 1] == UInt8(ascii: ">"):
                // "did not contract -> excised", "=>": an arrow starts the next step of a terse note.
                raise(.clause)
            case UInt8(ascii: "#") where isFractureSign(bytes, at: index):
                // "NOF #", "pelvic # R", "#NOF", "no # on CT", "#s": the sign for a fracture in
                // British and Australian notes. "#2 Vicryl", "Ethibond # 5" and "## Findings" are not.
                var end = index + 1
                var text = "fracture"
                if end < count, bytes[end] == UInt8(ascii: "s") || bytes[end] == UInt8(ascii: "S"), end + 1 >= count || !isAlnum(bytes[end + 1]) {
                    end += 1
                    text = "fractures"
                }
                tokens.append(RawToken(text: text, start: index, end: end, boundary: pending, section: section,
                                       opensAside: asideOpened, resumesClause: asideClosed && pending == .clause))
                pending = .none
                asideOpened = false
                asideClosed = false
                index = end
                continue
            case UInt8(ascii: "&"), UInt8(ascii: "+"):
                tokens.append(RawToken(text: "and", start: index, end: index + 1, boundary: pending, section: section))
                pending = .none
            default:
                break
            }
            index += 1
        }
        return tokens
    }

    /// What a non-ASCII punctuation mark or space stands for.
    enum UnicodeMark: Equatable {
        case space, hyphen, enDash, dash, apostrophe, quote, bullet, arrow, times, sign
    }

    /// The typographic mark whose UTF-8 bytes start at `index`, and its length in bytes; nil for a
    /// letter (accented letters, "\u{BD}" of "2\u{BD}") or anything else.
    static func unicodeMark(_ bytes: [UInt8], at index: Int) -> (UnicodeMark, Int)? {
        let lead = bytes[index]
        guard lead >= 0xC2, index + 1 < bytes.count else { return nil }
        let second = bytes[index + 1]
        switch lead {
        case 0xC2:
            switch second {
            case 0xA0: return (.space, 2)                                    // no-break space
            case 0xB0, 0xB7, 0xB1, 0xBA, 0xA7, 0xB6: return (.sign, 2)       // ° · ± º § ¶
            case 0xAB, 0xBB: return (.quote, 2)                              // « »
            default: return nil
            }
        case 0xC3:
            return second == 0x97 ? (.times, 2) : nil                        // ×
        case 0xE2:
            guard index + 2 < bytes.count else { return nil }
            let third = bytes[index + 2]
            switch (second, third) {
            case (0x80, 0x80...0x8B), (0x80, 0xAF), (0x81, 0x9F): return (.space, 3)
            case (0x80, 0x90...0x92), (0x88, 0x92): return (.hyphen, 3)     // ‐ ‑ ‒ and the minus sign
            case (0x80, 0x93): return (.enDash, 3)
            case (0x80, 0x94), (0x80, 0x95): return (.dash, 3)               // — ―
            case (0x80, 0x98), (0x80, 0x99), (0x80, 0x9B), (0x80, 0xB2): return (.apostrophe, 3)
            case (0x80, 0x9C...0x9F), (0x80, 0xB3): return (.quote, 3)
            case (0x80, 0xA2), (0x80, 0xA3), (0x81, 0x83), (0x97, 0x8F), (0x97, 0xA6), (0x96, 0xAA), (0x96, 0xA0): return (.bullet, 3)
            case (0x80, 0xA6): return (.arrow, 3)                            // … leaves a clause
            case (0x86, 0x92), (0x87, 0x92), (0x9E, 0x94), (0x9E, 0x9C): return (.arrow, 3)
            case (0x89, 0x88), (0x89, 0xA4), (0x89, 0xA5), (0x80, 0xB0): return (.sign, 3)    // ≈ ≤ ≥ ‰
            default: return nil
            }
        case 0xEF:
            return index + 2 < bytes.count && second == 0xBB && bytes[index + 2] == 0xBF ? (.space, 3) : nil   // byte order mark
        default:
            return nil
        }
    }

    /// Text copied from a PDF keeps its hard line wraps: a word split by a hyphen at the end of a
    /// line ("manipu-" / "lated") continues on the next line when that line opens with a lower-case
    /// letter, or, in an all-capitals note, with two capitals. Returns where the rest of the word starts.
    static func wrappedWordContinuation(_ bytes: [UInt8], hyphen: Int, fragment: Int) -> Int? {
        let count = bytes.count
        var next = hyphen + 1
        while next < count, bytes[next] == 32 || bytes[next] == 9 || bytes[next] == 13 { next += 1 }
        guard next < count, bytes[next] == 10 else { return nil }
        next += 1
        while next < count, bytes[next] == 32 || bytes[next] == 9 { next += 1 }
        guard next < count else { return nil }
        let first = bytes[next]
        if first >= 97 && first <= 122 { return next }
        let fragmentIsCapitals = !bytes[fragment..<hyphen].contains(where: { $0 >= 97 && $0 <= 122 })
        if fragmentIsCapitals, first >= 65, first <= 90, next + 1 < count, bytes[next + 1] >= 65, bytes[next + 1] <= 90 { return next }
        return nil
    }

    /// A hard wrap inside a sentence (text copied from a PDF or a fixed-width export): the line is
    /// long, ends in a word with no punctuation, and the next line goes on in lower case. Such a
    /// line break is no boundary at all; a short line ("r leg fasciotomy" / "muscle viable") still is.
    static func isSoftWrap(_ bytes: [UInt8], newline: Int, lineStart: Int, next: Int) -> Bool {
        guard next < bytes.count, bytes[next] >= 97, bytes[next] <= 122 else { return false }
        var last = newline - 1
        while last >= lineStart, bytes[last] == 32 || bytes[last] == 9 || bytes[last] == 13 { last -= 1 }
        guard last >= lineStart, last - lineStart >= 40 else { return false }
        let byte = bytes[last]
        return (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90)
    }

    /// A pronoun's contraction keeps its apostrophe, so abbreviations.tsv can give its words:
    /// joined, "we'll", "I'll", "she'll", "he'll", "we're" read as the words "well", "ill", "shell"
    /// (an acetabular shell), "hell", "were", and the future ("we'll fix it Tuesday", "she'll need a
    /// nail", "they're going to") reached no cue. Only 'll, 're, 've and 'm: "didn't" stays "didnt"
    /// (the list expands it), "patient's" stays "patients", and 'd (had or would) and 's (is, has or
    /// a possessive) say too little to be read.
    static func keepsApostrophe(_ word: [UInt8], at position: Int) -> Bool {
        guard position > 0, position < word.count else { return false }
        let suffix = word[position...]
        return suffix.elementsEqual("ll".utf8) || suffix.elementsEqual("re".utf8) || suffix.elementsEqual("ve".utf8)
            || suffix.elementsEqual("m".utf8)
    }

    /// Whether the rest of the line from `start` holds a letter or digit (a field's value).
    static func lineHasValue(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] != 10 {
            let byte = bytes[index]
            if (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) { return true }
            index += 1
        }
        return false
    }

    /// Words that open a sentence of its own after a label ("Hip revision: the cup was left"):
    /// then the label is a heading of the line, not a part of the statement.
    static let sentenceOpeners: Set<String> = ["the", "a", "an", "we", "i", "this", "it", "he", "she", "they", "there", "patient", "pt", "our"]

    static func opensSentence(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        var word: [UInt8] = []
        while index < bytes.count, word.count < 8 {
            let byte = bytes[index]
            if byte >= 97 && byte <= 122 { word.append(byte) } else if byte >= 65 && byte <= 90 { word.append(byte + 32) } else { break }
            index += 1
        }
        return sentenceOpeners.contains(String(decoding: word, as: UTF8.self))
    }

    /// Whether the "#" at `index` stands for "fracture": not doubled, not before a number (after
    /// spaces too), and either right before a letter ("#NOF") or after something on its line ("NOF #").
    static func isFractureSign(_ bytes: [UInt8], at index: Int) -> Bool {
        let count = bytes.count
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        if index > 0, bytes[index - 1] == UInt8(ascii: "#") { return false }
        var next = index + 1
        if next < count, bytes[next] == UInt8(ascii: "#") { return false }
        if next < count, isLetter(bytes[next]) { return true }
        while next < count, bytes[next] == 32 || bytes[next] == 9 { next += 1 }
        if next < count, isDigit(bytes[next]) { return false }
        // After anything on its line ("pelvic #", "stairs, # coccyx"); at the start of a line
        // "# Left hip" is more likely a heading mark.
        var previous = index - 1
        while previous >= 0, bytes[previous] == 32 || bytes[previous] == 9 { previous -= 1 }
        return previous >= 0 && bytes[previous] != 10 && bytes[previous] != 13
    }

    /// Whether the line from `start` opens with a list marker: up to two digits then "." or ")",
    /// or a bullet ("-", "*", "•"), followed by a space.
    /// A line opening with a short label and a colon, with a value after it on the line
    /// ("Max tumour dimension (cm): 11.5", "Side: L").
    /// The labels of a form field that names a procedure ("Procedure:", "Additional operation:"); built
    /// once, since the tokenizer asks at every line start.
    static let procedureFieldLabels: Set<String> = ["procedure", "operation", "procedures", "operations"]
    static func startsFieldLine(_ bytes: [UInt8], from start: Int, labelNaming: Set<String>) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        var words = 0
        var inWord = false
        var label: [UInt8] = []
        var named = false
        while index < bytes.count, bytes[index] != 10, index - start < 48 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                if !label.isEmpty, labelNaming.contains(String(decoding: label, as: UTF8.self)) { named = true }
                guard words >= 1, words <= 5, named else { return false }
                var value = index + 1
                while value < bytes.count, bytes[value] == 32 || bytes[value] == 9 { value += 1 }
                return value < bytes.count && bytes[value] != 10 && bytes[value] != 13
            }
            let letter = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
            if letter {
                if !inWord { words += 1; label.removeAll() }
                label.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
                inWord = true
            } else if byte == 32 || byte == 9 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
                        || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "'") {
                if inWord, labelNaming.contains(String(decoding: label, as: UTF8.self)) { named = true }
                inWord = false
            } else {
                return false
            }
            index += 1
        }
        return false
    }

    static func startsListItem(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        guard index < bytes.count else { return false }
        var digits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, digits < 3 { index += 1; digits += 1 }
        if digits > 0 {
            guard digits <= 2, index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return false }
            index += 1
        } else if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "*") {
            index += 1
        } else if bytes[index] >= 0xC2, let (mark, length) = unicodeMark(bytes, at: index), mark == .bullet {  // • ● ▪
            index += length
        } else {
            return false
        }
        return index < bytes.count && (bytes[index] == 32 || bytes[index] == 9)
    }

    /// A heading at the start of a line: a known label followed by ":" ("POSTOPERATIVE DIAGNOSIS:",
    /// "Procedure(s) performed:"), or a line that is only an upper-case known label.
    /// Returns the section, where the text after the heading starts, and whether the label is
    /// "Follow-up" / "Followup" / "Follow up" alone (not "Plan and follow-up"): its letters, the
    /// label read here without its separators.
    static func heading(_ bytes: [UInt8], from start: Int, colonOnly: Bool = false) -> (SectionKind, Int, Bool)? {
        var index = start
        let count = bytes.count
        while index < count {
            if bytes[index] == 32 || bytes[index] == 9 || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "*") || bytes[index] == UInt8(ascii: "#") {
                index += 1
            } else if bytes[index] >= 0xC2, let (mark, length) = unicodeMark(bytes, at: index), mark == .bullet || mark == .space {
                index += length  // "\u{2022} Procedure: ORIF"
            } else {
                break
            }
        }
        var label: [UInt8] = []
        var hasLower = false
        var letters = 0
        let limit = min(count, index + 64)
        while index < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                guard letters >= 2, let kind = SectionKind.classify(heading: String(decoding: label, as: UTF8.self)) else { return nil }
                return (kind, index + 1, kind == .plan && saysFollowUp(label))
            }
            if byte == 10 || byte == 13 {
                guard !colonOnly, !hasLower, letters >= 4, let kind = SectionKind.classify(heading: String(decoding: label, as: UTF8.self)) else { return nil }
                return (kind, index, kind == .plan && saysFollowUp(label))
            }
            if byte >= 97 && byte <= 122 {
                hasLower = true
                letters += 1
                label.append(byte)
            } else if byte >= 65 && byte <= 90 {
                letters += 1
                label.append(byte + 32)
            } else if byte == 32 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "&") || byte == 9 {
                label.append(32)
            } else {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// A heading's label (lower-case letters, a space for each separator) is "followup" once its
    /// separators are left out.
    static func saysFollowUp(_ label: [UInt8]) -> Bool {
        label.lazy.filter { $0 != 32 }.elementsEqual("followup".utf8)
    }
}
