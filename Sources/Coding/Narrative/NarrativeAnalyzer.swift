/// Turns a narrative into tokens with negation, uncertainty, history, sections and keys.
struct NarrativeAnalyzer: Sendable {
    let lexicon: Lexicon
    let vocabulary: Vocabulary

    func analyze(_ text: String) -> AnalyzedNarrative {
        let raw = Tokenizer.tokenize(text)
        var tokens = number(expand(raw))
        markScopes(&tokens)
        markCorrections(&tokens)
        markDisputedClaims(&tokens)
        markAnsweredQuestions(&tokens, text: text)
        markNegativeFields(&tokens, text: text)
        markEarlierProcedureSites(&tokens)
        markConvertedArthroscopy(&tokens)
        markCancelledCase(&tokens)
        addConcepts(&tokens)
        addPosteriorFragmentFixation(&tokens)
        addPressureRelease(&tokens)
        assignKeys(&tokens)
        return AnalyzedNarrative(text: text, tokens: tokens)
    }

    /// Verbs of keeping a result: "X but could not be held" says X was done and then lost.
    static let keepingVerbs: Set<String> = ["held", "maintained", "kept", "sustained", "controlled", "stabilized", "stabilised"]

    /// Words that open a sentence correcting an earlier one: "Correction: ...", "Correction to the
    /// above - ...", "Amended: ...", "Erratum: ...", dictated "strike that, ...", "scratch that".
    static let correctionHeads: Set<String> = ["correction", "corrected", "amendment", "amended", "erratum", "corrigendum"]
    static let retractingVerbs: Set<String> = ["strike", "scratch", "disregard", "ignore", "delete"]

    /// Compartment pressures in mmHg, then compartments "released"/"opened" with no word for the
    /// fascia or the compartment ("ant 55 lat 48 mmHg. Anterior + lateral released."; "Pressures
    /// 45/50/38/42 mmHg, all four opened"): the release is a fasciotomy. Pressures of a tourniquet,
    /// a cuff or the blood do not count, nor a release of a retinaculum, capsule, tendon or ligament.
    static let pressureExclusions: Set<String> = ["tourniquet", "cuff", "bp", "blood", "map", "systolic", "diastolic", "insufflation",
                                                  "pneumoperitoneum", "arterial", "venous", "cvp", "pump", "inflated"]
    static let releaseVerbs: Set<String> = ["released", "release", "opened", "decompressed", "split", "incised"]
    static let compartmentNames: Set<String> = ["anterior", "lateral", "posterior", "deep", "superficial", "adductor", "flexor", "extensor",
                                                "four", "all", "both", "gluteal", "quadriceps", "hamstring", "medial", "three", "two"]
    static let otherReleased: Set<String> = ["tourniquet", "retinaculum", "retinacular", "capsule", "capsular", "capsulotomy", "tendon",
                                             "ligament", "contracture", "adhesions", "tenotomy", "band", "iliotibial", "itb", "clamp",
                                             "traction", "reduction", "carpal", "tunnel", "nerve"]
    func addPressureRelease(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { $0.text == "mmhg" }),
              !tokens.contains(where: { $0.text == "fasciotomy" || $0.text == "fasciotomies" }) else { return }
        var sentenceWords: [Int: [Int]] = [:]
        for index in tokens.indices { sentenceWords[tokens[index].sentence, default: []].append(index) }
        let pressure = sentenceWords.values.contains { members in
            members.contains { tokens[$0].text == "mmhg" } && !members.contains { Self.pressureExclusions.contains(tokens[$0].text) }
        }
        guard pressure else { return }
        for sentence in sentenceWords.keys.sorted() {
            let members = sentenceWords[sentence]!
            guard let verb = members.first(where: { Self.releaseVerbs.contains(tokens[$0].text) }),
                  members.contains(where: { Self.compartmentNames.contains(tokens[$0].text) }),
                  !members.contains(where: { Self.otherReleased.contains(tokens[$0].text) }) else { continue }
            var token = tokens[verb]
            token.text = "fasciotomy"
            tokens.insert(token, at: verb + 1)
            return
        }
    }

    /// Marks the sentences that correct an earlier statement (see `NarrativeToken.correcting`).
    /// The marker must open its sentence and stand as a label (its clause ends after it, or "to
    /// the above/previous/earlier" follows), so "correction of the varus deformity" is not one.
    func markCorrections(_ tokens: inout [NarrativeToken]) {
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            let word = tokens[index].text
            guard index == 0 || tokens[index - 1].sentence != tokens[index].sentence else { continue }
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            var marker = false
            if Self.correctionHeads.contains(word), let next, next.sentence == tokens[index].sentence {
                marker = next.clause != tokens[index].clause || next.text == "to"
            } else if Self.retractingVerbs.contains(word), let next, next.sentence == tokens[index].sentence {
                marker = ["that", "this", "the", "previous", "above", "last"].contains(next.text)
            }
            guard marker else { continue }
            let sentence = tokens[index].sentence
            // The sentence it corrects, just before it, no longer says what happened today; a
            // PROCEDURE title keeps naming the operation (FeatureDetector drops its facts).
            var back = index - 1
            while back >= 0, tokens[back].sentence == tokens[index - 1].sentence, !tokens[back].correcting,
                  tokens[index - 1].section != .procedureTitle {
                tokens[back].historical = true
                back -= 1
            }
            var position = index
            while position < tokens.count, tokens[position].sentence == sentence {
                tokens[position].correcting = true
                position += 1
            }
        }
    }

    /// "Dr says no reduction but the note says traction was applied under fluoro": what someone
    /// claims, set against what the documentation says, is not itself documentation. The words
    /// before "but/however/whereas" no longer count as today's facts when that part has a verb of
    /// claiming and the part after names the note (or chart, record, report...) and what it says.
    static let claimVerbs: Set<String> = ["says", "said", "say", "wrote", "writes", "wants", "coded", "billed", "thinks", "insists",
                                          "claims", "calls", "called", "charged", "booked", "selected", "picked", "listed"]
    static let documentNouns: Set<String> = ["note", "notes", "documentation", "chart", "record", "report", "dictation", "narrative",
                                             "opnote", "op-note", "body"]
    static let documentVerbs: Set<String> = ["says", "said", "states", "stated", "documents", "documented", "reads", "shows", "describes",
                                             "described", "mentions", "records", "recorded", "clearly"]
    func markDisputedClaims(_ tokens: inout [NarrativeToken]) {
        var start = 0
        while start < tokens.count {
            var end = start
            while end < tokens.count, tokens[end].sentence == tokens[start].sentence { end += 1 }
            defer { start = end }
            guard let turn = tokens[start..<end].firstIndex(where: { ["but", "however", "whereas"].contains($0.text) }), turn > start,
                  tokens[start..<turn].contains(where: { Self.claimVerbs.contains($0.text) }),
                  let noun = tokens[turn..<end].firstIndex(where: { Self.documentNouns.contains($0.text) }),
                  tokens[noun..<min(end, noun + 3)].contains(where: { Self.documentVerbs.contains($0.text) }) else { continue }
            for position in start..<turn { tokens[position].historical = true }
        }
    }

    /// A question answered "No" ("Is this an SI joint fusion? No, only an injection.", "Was the
    /// posterior malleolus fixed? No."): what the question asked about did not happen. The words of
    /// a one-clause question sentence are negated when the next sentence opens with "no" or "nope"
    /// standing alone in its clause.
    func markAnsweredQuestions(_ tokens: inout [NarrativeToken], text: String) {
        guard tokens.count > 1, text.utf8.contains(UInt8(ascii: "?")) else { return }
        let bytes = Array(text.utf8)
        var index = 1
        while index < tokens.count {
            let token = tokens[index]
            defer { index += 1 }
            guard token.text == "no" || token.text == "nope", token.sentence != tokens[index - 1].sentence,
                  index + 1 >= tokens.count || tokens[index + 1].clause != token.clause else { continue }
            // The sentence before ends with "?".
            var look = tokens[index - 1].end
            while look < bytes.count, bytes[look] == 32 || bytes[look] == 9 || bytes[look] == UInt8(ascii: ")") { look += 1 }
            guard look < bytes.count, bytes[look] == UInt8(ascii: "?") else { continue }
            // Only a question of one clause: "No" may deny a part of a longer one ("Girdlestone R hip
            // after infected hemiarthroplasty? No - the prosthesis came out last month").
            let question = tokens[index - 1].sentence
            var first = index - 1
            while first > 0, tokens[first - 1].sentence == question { first -= 1 }
            guard tokens[first..<index].allSatisfy({ $0.clause == tokens[index - 1].clause }) else { continue }
            for position in first..<index { tokens[position].negated = true }
        }
    }

    /// Words that make up a negative field value: "none", "nil", "not required", "none needed", "N/A".
    static let negativeFieldWords: Set<String> = [
        "none", "nil", "no", "not", "n/a", "na", "required", "needed", "necessary", "indicated", "done", "performed",
        "applicable", "attempted",
    ]

    /// A templated field whose value is negative ("Reduction: none needed", "Debridement: not
    /// required", "Fixation: nil"): the label, one to three words opening its line, did not happen.
    /// Headings the tokenizer knows (Anesthesia:, Drains:) are sections, not words, and stay as they are.
    func markNegativeFields(_ tokens: inout [NarrativeToken], text: String) {
        guard tokens.count > 1, text.utf8.contains(UInt8(ascii: ":")) else { return }
        let bytes = Array(text.utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }
        var index = 1
        while index < tokens.count {
            defer { index += 1 }
            let first = tokens[index]
            guard Self.negativeFieldWords.contains(first.text), ["none", "nil", "no", "not", "n/a", "na"].contains(first.text) else { continue }
            // A ":" right before the value.
            var look = first.start - 1
            while look >= 0, isSpace(bytes[look]) { look -= 1 }
            guard look >= 0, bytes[look] == UInt8(ascii: ":") else { continue }
            // The value is only negative words up to its clause's end.
            var end = index
            while end < tokens.count, tokens[end].clause == first.clause, Self.negativeFieldWords.contains(tokens[end].text) { end += 1 }
            guard end == tokens.count || tokens[end].clause != first.clause else { continue }
            // The label: one to three words before the ":", opening its line (the tokenizer may
            // have kept a short label and its value in one clause).
            var labelStart = index - 1
            while labelStart > 0, index - labelStart < 3, tokens[labelStart - 1].sentence == first.sentence,
                  tokens[labelStart - 1].end >= tokens[labelStart].start
                    || !bytes[tokens[labelStart - 1].end..<tokens[labelStart].start].contains(10) { labelStart -= 1 }
            var before = tokens[labelStart].start - 1
            while before >= 0, isSpace(bytes[before]) || bytes[before] == UInt8(ascii: "-") || bytes[before] == UInt8(ascii: "*") { before -= 1 }
            guard before < 0 || bytes[before] == 10 else { continue }
            for position in labelStart..<end { tokens[position].negated = true }
        }
    }

    /// Words naming the place an operation left behind.
    static let siteWords: Set<String> = ["wound", "wounds", "site", "sites", "scar", "scars", "defect", "defects", "bed"]
    /// Care given to a wound left by an earlier operation.
    static let woundCareWords: Set<String> = ["change", "changed", "exchange", "exchanged", "dressing", "dressings", "vac", "npwt",
                                              "closure", "graft", "grafting", "check", "review", "inspection"]
    /// Words between a preposition and the procedure it names as a place.
    static let siteModifiers: Set<String> = [
        "the", "a", "both", "his", "her", "their", "its", "this", "that", "these", "those", "right", "left", "bilateral",
        "medial", "lateral", "anterior", "posterior", "open", "leg", "thigh", "calf", "old", "previous", "prior", "recent",
    ]

    /// "skin graft to the fasciotomy wounds", "closure of both fasciotomy sites", "VAC change over the
    /// amputation wound": after a preposition, an operation named as the place of today's work was
    /// done before. "Fasciotomy wounds left open" (no preposition) is today's fasciotomy.
    func markEarlierProcedureSites(_ tokens: inout [NarrativeToken]) {
        var index = 2
        while index < tokens.count {
            defer { index += 1 }
            guard Self.siteWords.contains(tokens[index].text) else { continue }
            let procedure = index - 1
            let word = tokens[procedure].text
            guard tokens[procedure].clause == tokens[index].clause,
                  word.hasSuffix("otomy") || word.hasSuffix("otomies") || word.hasSuffix("ectomy") || word == "amputation"
                    || word == "orif" || word == "fixation" || word == "arthroplasty" else { continue }
            var look = procedure - 1
            while look >= 0, look >= procedure - 3, tokens[look].clause == tokens[index].clause, Self.siteModifiers.contains(tokens[look].text) { look -= 1 }
            // "wound VAC change, left leg fasciotomy wounds": a wound-care heading ending the
            // clause just before names the site as its place, like a preposition.
            let afterWoundCare = look >= 0 && tokens[look].clause != tokens[index].clause
                && tokens[look].sentence == tokens[index].sentence && Self.woundCareWords.contains(tokens[look].text)
            guard afterWoundCare || (look >= 0 && tokens[look].clause == tokens[index].clause
                  && ["to", "of", "on", "over", "into", "at", "across"].contains(tokens[look].text)) else { continue }
            tokens[procedure].historical = true
        }
    }

    /// Abbreviations (longest first), "non" joined to its word, unknown words corrected.
    func expand(_ input: [Tokenizer.RawToken]) -> [Tokenizer.RawToken] {
        let raw = Self.spokenPunctuation(input)
        var output: [Tokenizer.RawToken] = []
        output.reserveCapacity(raw.count + 16)
        var index = 0
        while index < raw.count {
            var matched = false
            var length = min(lexicon.longestAbbreviation, raw.count - index)
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
               let corrected = vocabulary.correction(for: token.text) {
                token.text = corrected
            }
            output.append(token)
            index += 1
        }
        return output
    }

    /// Speech recognition writes the punctuation the surgeon spoke as words ("fixation of the left
    /// fibula period the wound was closed"): "period", "full stop", "new paragraph" end a sentence,
    /// "comma" and "semicolon" a clause, unless the word is the noun ("the postoperative period",
    /// "a period of immobilisation", "a 6 week period", "comma shaped").
    static func spokenPunctuation(_ raw: [Tokenizer.RawToken]) -> [Tokenizer.RawToken] {
        guard raw.contains(where: { $0.text == "period" || $0.text == "stop" || $0.text == "comma" || $0.text == "semicolon" || $0.text == "paragraph" }) else { return raw }
        var output: [Tokenizer.RawToken] = []
        output.reserveCapacity(raw.count)
        var pending: Tokenizer.Boundary?
        var index = 0
        while index < raw.count {
            let token = raw[index]
            var spoken: (length: Int, boundary: Tokenizer.Boundary)?
            let next = index + 1 < raw.count ? raw[index + 1].text : nil
            let before = output.last?.text
            if let before, token.boundary == .none, !Self.nounBeforePunctuationWord.contains(before), Double(before) == nil,
               next.map({ !["of", "was", "is", "in", "during", "shaped"].contains($0) }) ?? true {
                switch token.text {
                case "period": spoken = (1, .sentence)
                case "full" where next == "stop" && (index + 1 < raw.count && raw[index + 1].boundary == .none): spoken = (2, .sentence)
                case "new" where next == "paragraph" && (index + 1 < raw.count && raw[index + 1].boundary == .none): spoken = (2, .sentence)
                case "comma", "semicolon": spoken = (1, .clause)
                default: break
                }
            }
            if let spoken {
                pending = max(pending ?? .none, spoken.boundary)
                index += spoken.length
                continue
            }
            var copy = token
            if let boundary = pending, copy.boundary < boundary { copy.boundary = boundary }
            pending = nil
            output.append(copy)
            index += 1
        }
        return output
    }

    static let nounBeforePunctuationWord: Set<String> = [
        "a", "an", "the", "this", "that", "each", "every", "same", "whole", "entire", "postoperative", "perioperative", "preoperative",
        "operative", "post", "recovery", "healing", "waiting", "trial", "time", "short", "long", "brief", "initial", "early", "late",
        "global", "grace", "immobilization", "immobilisation", "observation", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "hour", "hours", "refractory", "latent", "menstrual", "full", "no", "any", "rest",
        "postop", "perioperatively", "prolonged", "rehabilitation", "neonatal", "followup", "follow",
    ]

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

    /// Negation, uncertainty and history, each scoped to its clause.
    func markScopes(_ tokens: inout [NarrativeToken]) {
        var negating = false
        var uncertain = false
        var historical = false
        var clauseStart = 0
        // "Plan: ORIF in 7-10 days": a history cue that is its clause's only word is a heading
        // inside the line, and what follows it in the sentence is the plan, not today's work.
        var historicalSentence: Int?
        var countedFrom = false
        var index = 0
        while index < tokens.count {
            if index == 0 || tokens[index].clause != tokens[index - 1].clause {
                negating = false; uncertain = false; historical = false; countedFrom = false
                clauseStart = index
                if index > 0, tokens[index].sentence == tokens[index - 1].sentence, tokens[index - 1].historical,
                   index - 1 == 0 || tokens[index - 2].clause != tokens[index - 1].clause,
                   Self.cue(Lexicon.historyCues, in: tokens, at: index - 1) != nil {
                    historicalSentence = tokens[index].sentence
                }
                if historicalSentence == tokens[index].sentence { historical = true }
            }
            let word = tokens[index].text
            if Lexicon.scopeBreakers.contains(word)
                || (word == "and" && index + 1 < tokens.count && Lexicon.statementStarters.contains(tokens[index + 1].text)) {
                negating = false; uncertain = false; historical = false
                clauseStart = index + 1
                index += 1
                continue
            }
            // "post-op day 1 after IM nailing", "the morning after fixation", "2 weeks after the
            // osteotomy": what the time is counted from was done before.
            if word == "after", !historical, (max(clauseStart, index - 3)..<index).contains(where: { Lexicon.timeCountWords.contains(tokens[$0].text) }) {
                historical = true
                countedFrom = true
                tokens[index].historical = true
                index += 1
                continue
            }
            // The event counted from is a noun phrase: a new subject ends it ("after IM nailing of the
            // femur the thigh became tense").
            if countedFrom, historical, Lexicon.subjectStarters.contains(word), index > 0,
               !Lexicon.prepositions.contains(tokens[index - 1].text), tokens[index - 1].text != "after" {
                historical = false
                countedFrom = false
            }
            // "soft tissues too swollen for ORIF", "unfit for nailing": what follows was not done.
            if word == "for", !negating, (max(clauseStart, index - 3)..<index).contains(where: { Lexicon.unfitWords.contains(tokens[$0].text) }) {
                negating = true
                index += 1
                continue
            }
            if let length = Self.cue(Lexicon.negationCues, in: tokens, at: index) {
                if word == "not" || word == "never" {
                    let before = index > 0 ? tokens[index - 1].text : ""
                    let after = index + 1 < tokens.count ? tokens[index + 1].text : ""
                    // "posterior malleolus was not fixed", "not performed": the negated thing came first.
                    // "casted in clinic and never reduced": "and never" negates the verb after it,
                    // not what the first verb did.
                    // "the muscle did not contract", "the fracture does not extend into the joint": after
                    // "do" or a modal an active verb says what the subject did not do, and the
                    // subject stays ("the posterior malleolus did not require fixation" is not treated).
                    let activeVerb = Lexicon.doOrModalVerbs.contains(before) && !after.hasSuffix("ed") && !Self.participles.contains(after)
                        && !Lexicon.verbsThatLeaveTheSubjectUntreated.contains(after)
                    if !(word == "never" && before == "and"), !activeVerb, Lexicon.beVerbs.contains(before) || after.hasSuffix("ed") || Self.participles.contains(after) {
                        negateBackward(&tokens, from: index - 1, to: clauseStart)
                        // "posterior compartments soft, not released": the clause is only the
                        // verb; what was not done is named in the clause before it.
                        if Self.onlyFunctionWords(tokens, from: clauseStart, to: index) { negatePreviousClause(&tokens, before: clauseStart) }
                        // "X was discussed but was not performed": no new subject after "but", so
                        // what is not done is the X before it.
                        // Not when what failed is keeping it ("reduced on the traction table but could not
                        // be held"): the reduction was done.
                        var verb = index + 1
                        while verb < tokens.count, Lexicon.beVerbs.contains(tokens[verb].text) { verb += 1 }
                        let keeping = verb < tokens.count && Self.keepingVerbs.contains(tokens[verb].text)
                        if !keeping, clauseStart >= 1, tokens[clauseStart - 1].text == "but", tokens[clauseStart - 1].clause == tokens[index].clause,
                           (clauseStart..<index).allSatisfy({ Lexicon.beVerbs.contains(tokens[$0].text) }) {
                            var start = clauseStart - 1
                            while start > 0, tokens[start - 1].clause == tokens[index].clause, !Lexicon.scopeBreakers.contains(tokens[start - 1].text) { start -= 1 }
                            negateBackward(&tokens, from: clauseStart - 2, to: start)
                        }
                    }
                }
                negating = true
                index += length
                continue
            }
            if Lexicon.backwardNegationCues.contains(word) {
                negateBackward(&tokens, from: index - 1, to: clauseStart)
                if word != "intact", Self.onlyFunctionWords(tokens, from: clauseStart, to: index) { negatePreviousClause(&tokens, before: clauseStart) }
            }
            if Lexicon.clauseFinalNegationCues.contains(word), index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause {
                negateBackward(&tokens, from: index - 1, to: clauseStart)
                // "posterior fragment small, left alone" (→ untouched); not "stable" or "normal",
                // which describe the thing before them ("Weber B fracture, stable, boot").
                if word == "untouched" || word == "retained", Self.onlyFunctionWords(tokens, from: clauseStart, to: index) {
                    negatePreviousClause(&tokens, before: clauseStart)
                }
            }
            if Lexicon.retentionVerbs.contains(word), index > clauseStart, let end = Self.retentionEnd(tokens, at: index) {
                negateRetained(&tokens, from: index - 1, to: clauseStart, cue: index)
                _ = end
            }
            // "after fasciotomy last week", "ORIF yesterday": a dated event is history; so is a
            // dated plan ("for hemi on tomorrow's list", "ORIF next week").
            if word == "yesterday" || word == "tomorrow"
                || (index > 0 && ["last", "next"].contains(tokens[index - 1].text) && Self.datedUnits.contains(word)) {
                var position = index - 1
                while position >= clauseStart, position >= 0 {
                    tokens[position].historical = true
                    position -= 1
                }
            }
            // "already reduced by the ED physician", "splinted by the referring hospital": another
            // provider's work before this one's is history.
            if word == "by", index > clauseStart, index + 1 < tokens.count,
               tokens[(index + 1)..<min(index + 4, tokens.count)].contains(where: { $0.clause == tokens[index].clause && Self.otherProviders.contains($0.text) }) {
                var position = index - 1
                while position >= clauseStart, position >= 0, !Lexicon.backwardStops.contains(tokens[position].text) {
                    tokens[position].historical = true
                    position -= 1
                }
            }
            // "definitive fixation to be done another day", "tibia to be nailed once swelling
            // settles", "needs to be plated": what is still to be done is the plan. Not a state
            // found today ("noted to be reduced", "was able to be reduced", "had to be opened").
            if word == "to", index > clauseStart, index + 2 < tokens.count, tokens[index + 1].text == "be",
               tokens[index + 2].clause == tokens[index].clause, !Self.stateBeforeTo.contains(tokens[index - 1].text),
               !tokens[index - 1].text.hasSuffix("ed") {
                let verb = tokens[index + 2].text
                if verb.hasSuffix("ed") || Self.participles.contains(verb) {
                    var position = index - 1
                    while position >= clauseStart, position >= 0, !Lexicon.backwardStops.contains(tokens[position].text) {
                        tokens[position].historical = true
                        position -= 1
                    }
                }
            }
            // "TKA in 2019": a dated event is history.
            if index > 0, word.utf8.count == 4, let year = Int(word), (1950...2100).contains(year),
               ["in", "since", "during"].contains(tokens[index - 1].text) {
                var position = index - 1
                while position >= clauseStart, position >= 0 {
                    tokens[position].historical = true
                    position -= 1
                }
            }
            if Lexicon.backwardUncertaintyCues.contains(word),
               index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause || tokens[index + 1].text == "but" {
                var position = index - 1
                while position >= clauseStart, position >= 0, !Lexicon.backwardStops.contains(tokens[position].text) {
                    tokens[position].uncertain = true
                    position -= 1
                }
            }
            // "ORIF planned when the swelling settles", "TKA scheduled for March": the thing
            // planned came first ("closed reduction as planned" is today's work).
            let planned = Lexicon.backwardPlanCues.contains(word) && index > clauseStart && tokens[index - 1].text != "as"
                && (index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause
                    || Lexicon.planFollowers.contains(tokens[index + 1].text))
            if Lexicon.backwardHistoryCues.contains(word) || planned || (word == "in" && Self.futureTime(tokens, at: index)) {
                // "open reduction and ligament reconstruction planned at a later date": like a
                // backward negation, it crosses an "and" between nouns, not one after a verb.
                var position = index - 1
                while position >= clauseStart, position >= 0 {
                    let text = tokens[position].text
                    if text == "and", position > 0 {
                        let before = tokens[position - 1].text
                        if before.hasSuffix("ed") || Self.participles.contains(before) { break }
                    } else if Lexicon.backwardStops.contains(text) {
                        break
                    }
                    tokens[position].historical = true
                    position -= 1
                }
            }
            if let length = Self.cue(Lexicon.uncertaintyCues, in: tokens, at: index) {
                uncertain = true
                for offset in 0..<length { tokens[index + offset].uncertain = true }
                index += length
                continue
            }
            // "How would you code …", "what would you bill": a question, not a plan.
            if word == "would", index + 1 < tokens.count, ["you", "i", "we", "one"].contains(tokens[index + 1].text) || (index > 0 && ["how", "what", "which"].contains(tokens[index - 1].text)) {
                index += 1
                continue
            }
            // "heterotopic ossification after ORIF acetabulum", "arthrofibrosis after femoral
            // nail": the condition is today's, the operation it followed is history. Not an
            // implant or a stump the condition is about ("infection after TKA" is today's object).
            if word == "after", !historical, Self.followsCondition(tokens, at: index, clauseStart: clauseStart) {
                historical = true
                index += 1
                continue
            }
            if let length = Self.cue(Lexicon.historyCues, in: tokens, at: index) {
                historical = true
                for offset in 0..<length { tokens[index + offset].historical = true }
                index += length
                continue
            }
            tokens[index].negated = tokens[index].negated || negating
            tokens[index].uncertain = tokens[index].uncertain || uncertain
            tokens[index].historical = tokens[index].historical || historical
            index += 1
        }
    }

    /// A case cancelled before it started ("case cancelled, no anaesthetic given", "surgery was
    /// postponed"): what the narrative names was not done today, so every word is the plan, except
    /// in a later sentence that says what was done today.
    func markCancelledCase(_ tokens: inout [NarrativeToken]) {
        let cancelWords: Set<String> = ["cancelled", "canceled", "postponed", "rebooked", "rescheduled"]
        let subjects: Set<String> = ["case", "surgery", "procedure", "operation", "op", "theatre", "list"]
        guard let cancel = tokens.indices.first(where: { index in
            let token = tokens[index]
            guard cancelWords.contains(token.text), !token.uncertain else { return false }
            // The subject of the cancellation, in its clause and not itself history ("previous
            // surgery cancelled"), nor a negated cancellation ("case was not cancelled").
            return tokens.indices.contains { other in
                tokens[other].clause == token.clause && subjects.contains(tokens[other].text) && !tokens[other].historical
                    && !(other < index && tokens[other..<index].contains { $0.text == "not" })
            }
        }) else { return }
        let sentence = tokens[cancel].sentence
        let later = Set(tokens.filter { $0.sentence > sentence && ["today", "performed", "proceeded"].contains($0.text) }.map(\.sentence))
        for index in tokens.indices where !later.contains(tokens[index].sentence) {
            tokens[index].historical = true
        }
    }

    /// Arthroscopy converted to open (or abandoned): only the open procedure is reported, so the
    /// arthroscopy words no longer speak for the approach or rule open codes out, and
    /// "converted" is the approach's conversion, not a conversion arthroplasty. The words become
    /// `convertedarthroscopy`, which no phrase names.
    func markConvertedArthroscopy(_ tokens: inout [NarrativeToken]) {
        func isArthroscopy(_ word: String) -> Bool {
            word.hasPrefix("arthroscop") || ["scope", "scoped", "portal", "portals"].contains(word)
        }
        var converted = false
        for index in tokens.indices {
            let word = tokens[index].text
            if ["converted", "conversion", "convert"].contains(word) {
                // "converted to open", "converted to a mini-arthrotomy", "conversion to an open procedure"
                let window = tokens[(index + 1)..<min(index + 7, tokens.count)].filter { $0.sentence == tokens[index].sentence }
                if window.contains(where: { ["open", "arthrotomy", "mini", "formal"].contains($0.text) }),
                   tokens.contains(where: { isArthroscopy($0.text) }) {
                    tokens[index].historical = true
                    converted = true
                }
            } else if ["abandoned", "aborted"].contains(word) {
                let clause = tokens[index].clause
                if tokens.contains(where: { $0.clause == clause && isArthroscopy($0.text) }) { converted = true }
            }
        }
        guard converted else { return }
        // Renamed, not only marked: "knee arthroscopy" must not match as a phrase either (a
        // phrase takes its scope from its first word, "knee").
        for index in tokens.indices where isArthroscopy(tokens[index].text) {
            tokens[index].text = "convertedarthroscopy"
            tokens[index].historical = true
        }
    }

    /// Who else may have treated the patient before ("by the ED physician", "by paramedics").
    static let otherProviders: Set<String> = ["ed", "er", "emergency", "paramedic", "paramedics", "ambulance", "referring", "outside",
                                              "gp", "casualty", "triage", "ems", "colleague", "colleagues", "partner", "partners",
                                              "plastics", "another"]
    /// Words before "to be …" that make it a state or a past necessity, not a plan.
    static let stateBeforeTo: Set<String> = ["had", "has", "have", "able", "appears", "appear", "seems", "seem", "is", "was", "were",
                                             "are", "found", "noted", "shown", "felt", "thought", "confirmed", "proved", "proven"]
    /// Units after "last" / "next" that date an event ("last week", "next month").
    static let datedUnits: Set<String> = ["week", "month", "year", "night", "monday", "tuesday", "wednesday", "thursday", "friday",
                                          "saturday", "sunday", "weekend"]
    /// Conditions a patient comes with ("stiffness after …", "nonunion after …").
    static let conditionWords: Set<String> = [
        "ossification", "arthrofibrosis", "stiffness", "stiff", "contracture", "contractures", "nonunion", "malunion", "pain",
        "painful", "ankylosis", "ankylosed", "deformity", "weakness", "osteomyelitis", "osteoarthritis", "arthritis", "adhesions",
        "scarring", "neuroma", "equinus", "overgrowth", "recurrence", "recurred", "recurrent",
    ]
    static let stateConditions: Set<String> = ["pain", "painful", "stiffness", "stiff", "arthrofibrosis"]
    /// Words of an implant or a stump: the object of today's work even after "after".
    static let implantWords: Set<String> = [
        "arthroplasty", "hemiarthroplasty", "replacement", "prosthesis", "prosthetic", "resurfacing", "amputation", "stump",
        "spacer", "implant", "implants", "total",
    ]

    /// Whether "after" at `index` follows a condition named earlier in its clause and names an
    /// operation that is not an implant or stump.
    static func followsCondition(_ tokens: [NarrativeToken], at index: Int, clauseStart: Int) -> Bool {
        guard index > clauseStart, index + 1 < tokens.count, tokens[index + 1].clause == tokens[index].clause else { return false }
        let before = tokens[max(clauseStart, index - 6)..<index]
        guard before.contains(where: { conditionWords.contains($0.text) }) else { return false }
        // Pain or stiffness after a replacement is the patient's state, not a fault of the
        // implant: "genicular nerve ablation for pain after TKA", "MUA for stiffness after TKR".
        if before.contains(where: { Self.stateConditions.contains($0.text) }) { return true }
        var position = index + 1
        while position < tokens.count, tokens[position].clause == tokens[index].clause {
            if implantWords.contains(tokens[position].text) { return false }
            position += 1
        }
        return true
    }

    static let participles: Set<String> = ["done", "seen", "needed", "required", "performed", "fixed", "involved", "addressed",
                                           "undertaken", "made", "given", "taken", "necessary", "indicated", "possible", "present",
                                           "identified", "found", "noted", "repaired", "debrided", "reduced", "excised"]

    /// Whether the words from `start` up to (not including) `end` are only stop words or forms
    /// of "be" ("it was not fixed"): the clause names nothing of its own.
    static func onlyFunctionWords(_ tokens: [NarrativeToken], from start: Int, to end: Int) -> Bool {
        guard start < end else { return true }
        return tokens[start..<end].allSatisfy { Lexicon.stopWords.contains($0.text) || Lexicon.beVerbs.contains($0.text) }
    }

    /// Negates the clause before `clauseStart` in the same sentence ("posterior fragment small
    /// (<10%), not fixed"), passing over a clause of numbers only, and stopping at a verb of its
    /// own ("the fracture was reduced, not fixed": the reduction stands) or a word that joins statements.
    private func negatePreviousClause(_ tokens: inout [NarrativeToken], before clauseStart: Int) {
        guard clauseStart > 0, clauseStart < tokens.count else { return }
        let sentence = tokens[clauseStart].sentence
        var position = clauseStart - 1
        var clause = tokens[position].clause
        var clauseHasWord = false
        while position >= 0, tokens[position].sentence == sentence {
            let token = tokens[position]
            if token.clause != clause {
                if clauseHasWord { break }
                clause = token.clause
            }
            let word = token.text
            // "anterior and lateral compartments soft (with pressures of 15), not released": an
            // "and" or "with" between nouns of a clause with no verb of its own does not stop it.
            let joinsNouns = (word == "and" || word == "with") && position > 0 && tokens[position - 1].clause == clause
                && !tokens[position - 1].text.hasSuffix("ed") && !Self.participles.contains(tokens[position - 1].text)
                && position + 1 < clauseStart && !Lexicon.beVerbs.contains(tokens[position + 1].text)
            if word.hasSuffix("ed") || Self.participles.contains(word) || (Lexicon.backwardStops.contains(word) && !joinsNouns) { break }
            if word.contains(where: \.isLetter) { clauseHasWord = true }
            tokens[position].negated = true
            position -= 1
        }
    }

    /// "definitive fixation in 10 days", "ORIF in 7 to 10 days": "in" with a span of time that ends
    /// its clause (or leads to "time", "once", "when"): what the clause names is to come.
    static func futureTime(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        let clause = tokens[index].clause
        var look = index + 1
        var sawNumber = false
        while look < tokens.count, tokens[look].clause == clause,
              Double(tokens[look].text) != nil || Lexicon.numberWords.contains(tokens[look].text) || (sawNumber && ["to", "or"].contains(tokens[look].text)) {
            sawNumber = true
            look += 1
        }
        guard sawNumber, look < tokens.count, tokens[look].clause == clause, Lexicon.timeUnits.contains(tokens[look].text) else { return false }
        let after = look + 1
        return after == tokens.count || tokens[after].clause != clause || ["time", "once", "when", "if", "after", "pending"].contains(tokens[after].text)
    }

    /// The last token of a retention cue starting at `index` ("left in place", "kept", "retained")
    /// that ends its clause or is followed by a reason ("…, because it was well fixed"). "Left" alone
    /// must be followed by its complement ("left in place", "left alone"); "kept" and "retained" stand alone.
    static func retentionEnd(_ tokens: [NarrativeToken], at index: Int) -> Int? {
        let clause = tokens[index].clause
        for end in Lexicon.retentionEnds {
            if end.isEmpty, tokens[index].text == "left" { continue }
            let last = index + end.count
            guard last < tokens.count else { continue }
            guard end.enumerated().allSatisfy({ tokens[index + 1 + $0.offset].text == $0.element && tokens[index + 1 + $0.offset].clause == clause }) else { continue }
            if last + 1 == tokens.count || tokens[last + 1].clause != clause || Lexicon.retentionFollowers.contains(tokens[last + 1].text) {
                return last
            }
        }
        return nil
    }

    /// Like `negateBackward`, but an "and" that only joins a description to the retention cue
    /// ("components well fixed and left in place": no new subject after the "and") is crossed.
    private func negateRetained(_ tokens: inout [NarrativeToken], from: Int, to start: Int, cue: Int) {
        var position = from
        while position >= start, position >= 0 {
            let word = tokens[position].text
            if word == "and", position > 0 {
                let before = tokens[position - 1].text
                let joinsPredicate = (position + 1..<cue).allSatisfy { Lexicon.stopWords.contains(tokens[$0].text) || Lexicon.beVerbs.contains(tokens[$0].text) }
                if !joinsPredicate, before.hasSuffix("ed") || Self.participles.contains(before) { break }
                tokens[position].negated = true
                position -= 1
                continue
            }
            if Lexicon.backwardStops.contains(word) { break }
            tokens[position].negated = true
            position -= 1
        }
    }

    private func negateBackward(_ tokens: inout [NarrativeToken], from: Int, to start: Int) {
        var position = from
        while position >= start, position >= 0 {
            let word = tokens[position].text
            // "and" between two statements stops ("lateral plated and posterior not fixed"); between
            // two nouns it does not ("femoral and tibial components retained").
            if word == "and", position > 0 {
                let before = tokens[position - 1].text
                if before.hasSuffix("ed") || Self.participles.contains(before) { break }
                tokens[position].negated = true
                position -= 1
                continue
            }
            if Lexicon.backwardStops.contains(word) { break }
            tokens[position].negated = true
            position -= 1
        }
    }

    /// First words of every cue: most words start none, and are passed over at once.
    static let cueHeads: Set<String> = Set((Lexicon.negationCues + Lexicon.uncertaintyCues + Lexicon.historyCues).compactMap(\.first))

    /// The length of a cue phrase starting at `index`, if any.
    static func cue(_ cues: [[String]], in tokens: [NarrativeToken], at index: Int) -> Int? {
        guard cueHeads.contains(tokens[index].text) else { return nil }
        var best: Int?
        for cue in cues where index + cue.count <= tokens.count && cue[0] == tokens[index].text {
            var matches = true
            for (offset, word) in cue.enumerated() where tokens[index + offset].text != word || (offset > 0 && tokens[index + offset].clause != tokens[index].clause) {
                matches = false
                break
            }
            if matches, cue.count > (best ?? 0) { best = cue.count }
        }
        return best
    }

    /// Adds each clause concept whose word groups all occur in the clause (or, for a concept
    /// scoped to the sentence, in the sentence), at the last of them. A clause interrupted by a
    /// parenthetical aside is still one clause.
    func addConcepts(_ tokens: inout [NarrativeToken]) {
        guard !lexicon.concepts.isEmpty, !tokens.isEmpty else { return }
        var insertions: [(after: Int, token: NarrativeToken)] = []
        var clauses: [Int: [Int]] = [:]
        var sentences: [Int: [Int]] = [:]
        var order: [(clause: Bool, key: Int)] = []
        for index in tokens.indices {
            if clauses[tokens[index].clause] == nil { order.append((true, tokens[index].clause)) }
            if sentences[tokens[index].sentence] == nil { order.append((false, tokens[index].sentence)) }
            clauses[tokens[index].clause, default: []].append(index)
            sentences[tokens[index].sentence, default: []].append(index)
        }
        for (isClause, key) in order {
            let members = isClause ? clauses[key]! : sentences[key]!
            for concept in lexicon.concepts where concept.afterFirst && isClause {
                // In order: a word of each group after the one before; the word goes after the first
                // group's word nearest the second group's, with the second group's scope.
                func isIn(_ group: [String], _ i: Int) -> Bool { group.contains { Lexicon.matches(tokens[i].text, $0) } }
                var search = members.startIndex
                var found: [Int] = []
                for group in concept.groups {
                    guard let at = members[search...].firstIndex(where: { isIn(group, $0) }) else { found = []; break }
                    found.append(members[at])
                    search = at + 1
                }
                guard found.count == concept.groups.count, found.count >= 2,
                      let first = members.last(where: { $0 < found[1] && isIn(concept.groups[0], $0) }) else { continue }
                if first + 1 < tokens.count, tokens[first + 1].text == concept.concept { continue }
                var token = tokens[found[1]]
                token.text = concept.concept
                token.start = tokens[first].start
                token.end = tokens[first].end
                insertions.append((first, token))
            }
            for concept in lexicon.concepts where !concept.afterFirst && concept.sentenceScope != isClause {
                if members.contains(where: { tokens[$0].text == concept.concept }) { continue }
                var last = -1
                var action = -1
                var all = true
                for (offset, group) in concept.groups.enumerated() {
                    guard let index = members.last(where: { i in group.contains { Lexicon.matches(tokens[i].text, $0) } }) else { all = false; break }
                    last = max(last, index)
                    if offset == 1 { action = index }
                }
                if all, last >= 0, !insertions.contains(where: { $0.after == last && $0.token.text == concept.concept }) {
                    var token = tokens[last]
                    token.text = concept.concept
                    // Whether it happened, and the words quoted for it, are the action word's (the second
                    // group): "opened the fascia and found the minimus dead, didn't twitch" is a fasciotomy.
                    if action >= 0 {
                        token.start = tokens[action].start
                        token.end = tokens[action].end
                        token.negated = tokens[action].negated
                        token.uncertain = tokens[action].uncertain
                        token.historical = tokens[action].historical
                    }
                    insertions.append((last, token))
                }
            }
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) { tokens.insert(insertion.token, at: insertion.after + 1) }
    }

    static let fixationWords: Set<String> = ["fixed", "fix", "fixation", "held", "stabilised", "stabilized", "secured", "screw", "screws",
                                             "plate", "plated", "buttressed", "buttress", "pinned", "wired"]
    static let malleolusWords: Set<String> = ["malleolus", "malleolar", "malleoli", "lip", "fragment"]
    static let otherBoneWords: Set<String> = ["fibula", "fibular", "tibia", "tibial", "syndesmosis", "deltoid", "talus", "talar", "plafond",
                                              "pilon", "shaft"]
    static let routeWords: Set<String> = ["through", "via", "with", "after", "from", "along", "using", "by", "behind", "beside", "around", "past"]

    /// The posterior malleolus fixed in words that do not name it next to the fixation: a fixation
    /// word's subject is the structure named last before it ("Attention to the posterior malleolus:
    /// reduced through the fibular fracture with a ball spike, then held with two lag screws"; "Then
    /// posterior malleolus we fix with two screws"), passing over a structure after a word of route
    /// ("through the fibular fracture") unless it stands right before the fixation word ("after
    /// fibular fixation" is the fibula's), and over "it", "which" and a bare "fragment"; a sentence
    /// naming no structure ("it was reduced and stabilised with two lag screws") takes the last one
    /// of the sentence before. Then "posterior malleolus fixed" is added at the end of the fixation
    /// word's clause, with its scope. Only affirmed fixation words
    /// in the operation's sections count.
    func addPosteriorFragmentFixation(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { $0.text == "posterior" }) else { return }
        /// What the word at `index` names: "posterior" (with the index of its malleolus word), "other", or nil.
        func structure(at index: Int) -> String? {
            let word = tokens[index].text
            if Self.malleolusWords.contains(word) {
                var look = index - 1
                var named: String?
                while look >= 0, look >= index - 4, tokens[look].sentence == tokens[index].sentence {
                    let text = tokens[look].text
                    if text == "posterior" { return "posterior" }
                    if text == "medial" || text == "lateral" { named = "other" }
                    else if text != "and" && !Self.malleolusWords.contains(text) && !Lexicon.stopWords.contains(text) { break }
                    look -= 1
                }
                return named
            }
            return Self.otherBoneWords.contains(word) ? "other" : nil
        }
        var insertion: (after: Int, words: [NarrativeToken])?
        for index in tokens.indices where Self.fixationWords.contains(tokens[index].text) && tokens[index].isAffirmed
            && tokens[index].section.procedureWeight >= 0.5 {
            // "fixation of the fibula", "ORIF of the posterior malleolus": the object is named after
            // it, and the knowledge base's phrases read that.
            var ahead = index + 1
            var namesObject = false
            while ahead < tokens.count, ahead <= index + 3, tokens[ahead].clause == tokens[index].clause {
                if structure(at: ahead) != nil || Self.malleolusWords.contains(tokens[ahead].text) { namesObject = true; break }
                ahead += 1
            }
            if namesObject { continue }
            var subject: (String, Int)?
            var look = index - 1
            var searched = tokens[index].sentence
            var crossed = false
            while look >= 0, subject == nil {
                if tokens[look].sentence != searched {
                    // Only a sentence that named no structure at all reads the one before it.
                    guard !crossed else { break }
                    crossed = true
                    searched = tokens[look].sentence
                }
                if let named = structure(at: look) {
                    let adjacent = look == index - 1 || (look == index - 2 && Lexicon.stopWords.contains(tokens[index - 1].text))
                    var afterRoute = false
                    var back = look - 1
                    while back >= 0, back >= look - 3, tokens[back].sentence == tokens[look].sentence {
                        if Self.routeWords.contains(tokens[back].text) { afterRoute = true; break }
                        if !(Lexicon.stopWords.contains(tokens[back].text) || ["distal", "proximal", "posterior", "medial", "lateral", "and"].contains(tokens[back].text)) { break }
                        back -= 1
                    }
                    // Right before the fixation word ("post mal plate") the phrases read it already.
                    if adjacent { subject = ("said", look) } else if !afterRoute { subject = (named, look) }
                }
                look -= 1
            }
            guard var (named, at) = subject, named == "posterior" else { continue }
            // The last word of the name: "posterior malleolar fragment".
            while at + 1 < tokens.count, Self.malleolusWords.contains(tokens[at + 1].text) { at += 1 }
            // Said already in the words that follow ("posterior malleolus fixed with two screws").
            if at + 1 < tokens.count, tokens[at + 1].text == "fixed" { return }
            // Told at the end of the fixation word's clause, where it splits no phrase ("posterior
            // malleolus fracture only" stays whole).
            var end = index
            while end + 1 < tokens.count, tokens[end + 1].clause == tokens[index].clause { end += 1 }
            insertion = (end, ["posterior", "malleolus", "fixed"].map { word in
                var token = tokens[index]
                token.text = word
                return token
            })
            break
        }
        if let insertion { tokens.insert(contentsOf: insertion.words, at: insertion.after + 1) }
    }

    func assignKeys(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices {
            let word = tokens[index].text
            tokens[index].key = vocabulary.ids[word] ?? -1
            tokens[index].prefixKeys = vocabulary.prefixKeys(of: word)
        }
    }
}
