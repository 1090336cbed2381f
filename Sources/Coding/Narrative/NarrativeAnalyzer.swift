import Foundation

/// Turns a narrative into tokens with negation, uncertainty, history, sections and keys. The
/// passes live beside it: `ScopeMarking` (negation, uncertainty, history), `NoteConventions`
/// (what the way a note is written says), `ClaimsAndQuestions` (other voices and questions),
/// `SitesAsPlaces` (a bone's part named as a place), `ClauseConcepts` (facts said across a
/// clause), `SpokenPunctuation` (dictated punctuation).
struct NarrativeAnalyzer: Sendable {
    let lexicon: Lexicon
    let vocabulary: Vocabulary
    /// Code → the words of the site it is about ("27759" → tibial shaft), see `citedSite`.
    var codeSites: [String: [String]] = [:]
    /// The ICD-10-CM tabular: a diagnosis code written in the note names its condition (`readDiagnosisCodes`).
    var diagnosisTable: ICD10CMTable? = nil

    func analyze(_ note: String) -> AnalyzedNarrative {
        // Check boxes become spaces (byte positions kept): the words are the note's own.
        let text = Self.loneCarriageReturnsAsNewlines(Self.clearingCheckBoxes(Self.clearingMarkup(note)))
        // Dictated punctuation ("… fibula period the wound …") read as the marks it stands for.
        var raw = Self.spokenPunctuation(Tokenizer.tokenize(text))
        // The passes that read the note's bytes around the words ("?", ":", "(") share one copy.
        let bytes = Array(text.utf8)
        let examinationReport = Self.namesExaminationReport(raw)
        // A note written by someone translating from Spanish or Portuguese keeps its accents
        // ("pilón tibial", "acetábulo"): the words are read without them.
        for index in raw.indices where raw[index].text.utf8.contains(where: { $0 >= 0x80 }) {
            raw[index].text = raw[index].text.folding(options: .diacriticInsensitive, locale: nil)
        }
        repairScanErrors(&raw)
        citedSite(&raw)
        var tokens = number(expand(raw))
        readDiagnosisCodes(&tokens)
        // A note that is only an implant log or a sticker sheet ("IMPLANTS: Triathlon CR femur #5 |
        // tibial baseplate #5 | insert 11 mm"): the list is the whole record of the operation, so its
        // words count as a note without headings, not as the side lines of an operative note.
        if tokens.first?.section == .administrative, tokens.allSatisfy({ $0.section == .administrative }) {
            for index in tokens.indices { tokens[index].section = .general }
        }
        // So is the implant list of a templated note whose procedure line was left unfilled
        // ("Procedure: ***", "Pre-op dx: L femoral neck fracture", "Implants: bipolar head 47 mm;
        // cemented stem"): with no word under a procedure or body heading and none outside a
        // heading, what was put in is the only record of what was done.
        else if tokens.contains(where: { $0.section == .administrative }),
                !tokens.contains(where: { [.general, .procedureTitle, .body].contains($0.section) }) {
            for index in tokens.indices where tokens[index].section == .administrative { tokens[index].section = .general }
        }
        readPlainVerbs(&tokens)
        markScopes(&tokens)
        markConsentedPlan(&tokens, bytes: bytes)
        markRisks(&tokens)
        markCorrections(&tokens, bytes: bytes)
        markDisputedClaims(&tokens)
        markBilledAsClaims(&tokens)
        markNamedGuesses(&tokens)
        markTourniquetSites(&tokens)
        markTractionPinSites(&tokens)
        markCodeGlosses(&tokens, bytes: bytes)
        markClaimsArguedAgainst(&tokens)
        markOpenQuestions(&tokens, bytes: bytes)
        markAnsweredQuestions(&tokens, bytes: bytes)
        markRetractedQuotes(&tokens, bytes: bytes)
        markFormNames(&tokens)
        markSignOff(&tokens)
        markYesNoQuestions(&tokens, bytes: bytes)
        markDeniedItems(&tokens, bytes: bytes)
        markOfferedChoices(&tokens, bytes: bytes)
        markNegativeFields(&tokens, bytes: bytes)
        markBracketedNoAnswers(&tokens, bytes: bytes)
        markFailedClosedAttempts(&tokens)
        markEarlierProcedureSites(&tokens)
        markConvertedArthroscopy(&tokens)
        markCancelledCase(&tokens)
        markRecordStatus(&tokens, bytes: bytes)
        markUnfilledFields(&tokens, bytes: bytes)
        markExaminationReport(&tokens, isReport: examinationReport)
        markWhoOperated(&tokens, bytes: bytes)
        markPlafondAsPlace(&tokens)
        markFemoralHeadAsPlace(&tokens)
        markTubercleAsLandmark(&tokens)
        addGlossedHeads(&tokens, bytes: bytes)
        addSharedCompartmentHeads(&tokens, bytes: bytes)
        markDeclinedReleases(&tokens)
        markDatedAsides(&tokens, bytes: bytes)
        markDeadSkinAndFat(&tokens)
        addClassifiedFractures(&tokens)
        addPCSOperations(&tokens)
        addSpecimenExcisions(&tokens, bytes: bytes)
        addLayBoneEnds(&tokens)
        addNailGunProjectiles(&tokens)
        addConcepts(&tokens)
        addOnlyBoneNail(&tokens)
        addPosteriorFragmentFixation(&tokens)
        addMalleolarCombination(&tokens)
        addPressureRelease(&tokens)
        assignKeys(&tokens)
        return AnalyzedNarrative(text: text, tokens: tokens)
    }

    /// An appeal or a dispute that cites two codes of one site and argues which applies ("Appeal
    /// for 27759: the reviewer recoded this as 27758 because ...") names that site through them,
    /// though the letter may never spell the bone out: its words are added after each code.
    /// Codes of different sites ("billed 27814, auditor says 27822") add nothing.
    func citedSite(_ raw: inout [Tokenizer.RawToken]) {
        guard !codeSites.isEmpty, raw.contains(where: { Self.isCodeNumber($0.text) }) else { return }
        var first: Int?
        var codes: Set<String> = []
        for index in raw.indices where Self.isCodeNumber(raw[index].text) && codeSites[raw[index].text] != nil {
            codes.insert(raw[index].text)
            if first == nil { first = index }
        }
        guard let first, codes.count >= 2, Set(codes.compactMap { codeSites[$0] }).count == 1,
              let words = codeSites[raw[first].text] else { return }
        for index in raw.indices.reversed() where codes.contains(raw[index].text) {
            raw.insert(contentsOf: words.map { Tokenizer.RawToken(text: $0, start: raw[index].start, end: raw[index].end, boundary: .none,
                                                                  section: raw[index].section) }, at: index + 1)
        }
    }

    /// Prefixes a word may be split at ("sub trochanteric", "cephalo medullary").
    static let separablePrefixes: Set<String> = [
        "sub", "inter", "intra", "per", "peri", "supra", "infra", "trans", "hemi", "cephalo", "para", "retro", "extra", "semi",
        "multi", "uni", "bi", "tri", "ilio", "ischio", "tibio", "femoro", "patello", "osteo", "arthro", "endo", "epi", "meta", "dia",
    ]

    /// Abbreviations (longest first), "non" and split prefixes joined to their word, unknown words corrected.
    func expand(_ raw: [Tokenizer.RawToken]) -> [Tokenizer.RawToken] {
        var output: [Tokenizer.RawToken] = []
        output.reserveCapacity(raw.count + 16)
        let malleolusInitials = Self.readsMalleolusInitials(raw)
        var index = 0
        while index < raw.count {
            if malleolusInitials, let side = Self.malleolusInitial[raw[index].text], !Self.followsNumber(raw, at: index) {
                // "MM screws x2, PM large": an ankle note's initials of the malleoli; not "4.0 mm", "2 pm".
                for (offset, word) in [side, "malleolus"].enumerated() {
                    output.append(.init(text: word, start: raw[index].start, end: raw[index].end,
                                        boundary: offset == 0 ? raw[index].boundary : .none, section: raw[index].section,
                                        opensAside: offset == 0 && raw[index].opensAside,
                                        resumesClause: offset == 0 && raw[index].resumesClause))
                }
                index += 1
                continue
            }
            var matched = false
            var length = lexicon.abbreviationHeads.contains(raw[index].text) ? min(lexicon.longestAbbreviation, raw.count - index) : 0
            while length >= 1, !matched {
                let window = raw[index..<(index + length)]
                if length == 1 || window.dropFirst().allSatisfy({ $0.boundary == .none }),
                   let expansion = lexicon.abbreviations[window.map(\.text)] {
                    for (offset, word) in expansion.enumerated() {
                        output.append(.init(text: word, start: raw[index].start, end: raw[index + length - 1].end,
                                            boundary: offset == 0 ? raw[index].boundary : .none, section: raw[index].section,
                                            opensAside: offset == 0 && raw[index].opensAside, resumesClause: offset == 0 && raw[index].resumesClause))
                    }
                    index += length
                    matched = true
                }
                length -= 1
            }
            if matched { continue }
            var token = raw[index]
            if token.text == "non", index + 1 < raw.count, raw[index + 1].boundary == .none {
                token.text = "non" + raw[index + 1].text
                token.end = raw[index + 1].end
                index += 1
            } else if Self.separablePrefixes.contains(token.text), index + 1 < raw.count, raw[index + 1].boundary == .none,
                      let joined = Optional(token.text + raw[index + 1].text), vocabulary.ids[joined] != nil {
                // Dictation and hurried typing split a word at its prefix: "sub trochanteric",
                // "intra medullary", "hemi arthroplasty", "para patellar". Joined when the whole is a word.
                token.text = joined
                token.end = raw[index + 1].end
                index += 1
            }
            if token.text.contains(where: { $0 == "/" || $0 == "&" }) {
                // and/or, tib/fib not in the list: the parts are words of their own.
                let parts = token.text.split(whereSeparator: { $0 == "/" || $0 == "&" })
                for (offset, part) in parts.enumerated() {
                    var piece = token
                    piece.text = String(part)
                    if offset > 0 { piece.boundary = .none }
                    output.append(piece)
                }
                index += 1
                continue
            }
            if vocabulary.ids[token.text] == nil, !Lexicon.stopWords.contains(token.text),
               let corrected = vocabulary.correction(for: token.text) ?? vocabulary.shortCorrection(for: token.text) {
                token.text = corrected
            }
            output.append(token)
            index += 1
        }
        // "lateral, medial and posterior malleoli": a comma inside a list of the malleoli's
        // directions joins one phrase, not two clauses.
        for position in output.indices.dropFirst() where output[position].boundary == .clause
            && Self.malleolusDirections.contains(output[position].text) && Self.malleolusDirections.contains(output[position - 1].text)
            && output[(position + 1)..<min(output.count, position + 4)].contains(where: { $0.text == "malleoli" }) {
            output[position].boundary = .none
        }
        // "Left tibial shaft fracture, closed", "bimalleolar fracture (open, Gustilo II)": a
        // fracture's type said after it, alone in its clause, the way a diagnosis line or a problem
        // list writes it, is the fracture's ("closed fracture"), not a closed or open treatment. Read
        // as "closed fracture" / "open fracture", which the approach words' blockers know.
        var typed: [Int] = []
        for position in output.indices.dropFirst() where output[position].boundary != .none
            && (output[position].text == "closed" || output[position].text == "open")
            && (output[position - 1].text == "fracture" || output[position - 1].text == "fractures")
            && (position + 1 == output.count || output[position + 1].boundary != .none) {
            typed.append(position)
        }
        for position in typed.reversed() {
            var noun = output[position]
            noun.text = "fracture"
            noun.boundary = .none
            noun.opensAside = false
            noun.resumesClause = false
            output.insert(noun, at: position + 1)
        }
        return output
    }
    static let malleolusDirections: Set<String> = ["lateral", "medial", "posterior"]

    static let malleolusInitial = ["mm": "medial", "lm": "lateral", "pm": "posterior"]

    /// "4.0 mm", "at 2 pm": a unit or a time after a number, not an initial.
    static func followsNumber(_ raw: [Tokenizer.RawToken], at index: Int) -> Bool {
        index > 0 && raw[index - 1].text.first?.isNumber == true
    }

    /// MM / LM / PM are read as the malleoli only in a note about the ankle's bones (another word
    /// of them in the text, or two of the initials), never after a number ("4.0 mm", "at 2 pm"):
    /// elsewhere "MM" is as likely multiple myeloma or millimetres.
    static func readsMalleolusInitials(_ raw: [Tokenizer.RawToken]) -> Bool {
        var initials = Set<String>()
        var anklePart = false
        for (index, token) in raw.enumerated() {
            switch token.text {
            case "mm", "lm", "pm":
                if !followsNumber(raw, at: index) { initials.insert(token.text) }
            case "malleolus", "malleoli", "mal", "mall", "malleolar", "fibula", "fib", "fibular", "ankle", "syndesmosis",
                 "syndesmotic", "bimalleolar", "trimalleolar", "bimal", "trimal", "weber":
                anklePart = true
            default: break
            }
        }
        return !initials.isEmpty && (anklePart || initials.count >= 2)
    }

    /// Sentence and clause numbers from the boundaries the tokenizer saw.
    /// Words after a parenthetical aside continue the clause before it ("posterior compartments
    /// (superficial + deep) of the leg released"); the aside is a clause of its own.
    func number(_ raw: [Tokenizer.RawToken]) -> [NarrativeToken] {
        var sentence = -1
        var clause = -1
        var nextClause = 0
        var outer: Int?
        return raw.map { token in
            if token.boundary == .sentence {
                sentence += 1; clause = nextClause; nextClause += 1; outer = nil
            } else if token.boundary == .clause {
                if token.resumesClause, let before = outer {
                    clause = before
                    outer = nil
                } else {
                    if token.opensAside { outer = clause }
                    clause = nextClause; nextClause += 1
                }
            }
            return NarrativeToken(text: token.text, start: token.start, end: token.end,
                                  sentence: max(sentence, 0), clause: max(clause, 0), section: token.section)
        }
    }

    func assignKeys(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices {
            let word = tokens[index].text
            tokens[index].key = vocabulary.ids[word] ?? -1
            tokens[index].prefixKeys = vocabulary.prefixKeys(of: word)
        }
    }

    /// Text read by OCR from a scanned page swaps look-alike characters: "1" for "l", "0" for "o",
    /// "rn" for "m" ("1eft tibia1 nai1", "0pen reduction", "intrarnedullary", "10 rnrn"). A word
    /// the vocabulary does not know is read with them swapped back when that makes a word it
    /// knows (a knowledge-base word, an abbreviation or a stop word); anything else is left to the
    /// spelling corrector. Numbers, units ("10mm", "1cm") and levels ("T10", "S1") stay as written.
    func repairScanErrors(_ raw: inout [Tokenizer.RawToken]) {
        for index in raw.indices {
            let word = raw[index].text
            guard word.utf8.count >= 3 else { continue }
            // This runs for every word of every note: one pass over the bytes, no string search.
            var hasLookAlikeDigit = false
            var hasRN = false
            var hasLower = false
            var previous: UInt8 = 0
            for byte in word.utf8 {
                if byte == UInt8(ascii: "1") || byte == UInt8(ascii: "0") {
                    hasLookAlikeDigit = true
                } else if byte >= 97 && byte <= 122 {
                    hasLower = true
                    if byte == UInt8(ascii: "n"), previous == UInt8(ascii: "r") { hasRN = true }
                }
                previous = byte
            }
            guard hasLookAlikeDigit || hasRN, hasLower else { continue }
            guard !knowsWord(word) else { continue }
            var candidate = word
            if hasLookAlikeDigit {
                candidate = String(String.UnicodeScalarView(candidate.unicodeScalars.map { $0 == "1" ? "l" : $0 == "0" ? "o" : $0 }))
                guard candidate.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
            }
            if knowsWord(candidate), candidate != word {
                raw[index].text = candidate
                continue
            }
            if candidate.contains("rn") {
                let merged = candidate.replacingOccurrences(of: "rn", with: "m")
                if merged.utf8.count >= 2, knowsWord(merged) { raw[index].text = merged }
            }
        }
    }

    private func knowsWord(_ word: String) -> Bool {
        vocabulary.ids[word] != nil || Lexicon.stopWords.contains(word) || lexicon.abbreviations[[word]] != nil
    }
}
