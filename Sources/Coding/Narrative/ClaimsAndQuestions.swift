/// What a note says about other voices and about its own wording: claims set against the
/// documentation, codes the asker names or glosses, a payer's or reviewer's claims, open and
/// answered questions, and quoted wording called wrong. Their words are not today's facts.
extension NarrativeAnalyzer {
    /// Words that turn from a claim to what the documentation says ("..., but the note says ...").
    static let turnWords: Set<String> = ["but", "however", "whereas"]

    /// The token range of each sentence, in order: the readers below judge a sentence as a whole.
    static func sentenceRanges(_ tokens: [NarrativeToken]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, tokens[end].sentence == tokens[start].sentence { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        return ranges
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
        for sentence in Self.sentenceRanges(tokens) {
            let (start, end) = (sentence.lowerBound, sentence.upperBound)
            guard let turn = tokens[start..<end].firstIndex(where: { Self.turnWords.contains($0.text) }), turn > start,
                  tokens[start..<turn].contains(where: { Self.claimVerbs.contains($0.text) }),
                  let noun = tokens[turn..<end].firstIndex(where: { Self.documentNouns.contains($0.text) }),
                  tokens[noun..<min(end, noun + 3)].contains(where: { Self.documentVerbs.contains($0.text) }) else { continue }
            // "I coded 27448 for the distal femoral varus osteotomy but the op note says ... fixed
            // with a plate": the claim is the code; what it was coded for still names the operation.
            var claimEnd = turn
            if let verb = tokens[start..<turn].firstIndex(where: { Self.claimVerbs.contains($0.text) }),
               let number = tokens[verb..<min(turn, verb + 3)].firstIndex(where: { Self.isCodeNumber($0.text) }),
               number + 1 < turn, tokens[number + 1].text == "for" {
                claimEnd = number + 2
            }
            for position in start..<claimEnd { tokens[position].historical = true }
        }
    }

    /// "Line 1 billed as gluteal fasciotomy with debridement of nonviable muscle. Operative
    /// documentation: compartments released ...": what a line was billed, coded or submitted as is
    /// the claim under review, not documentation, when a later sentence turns to what the note,
    /// record or documentation says. The words after "as" to the end of their sentence are history.
    static let billingVerbs: Set<String> = ["billed", "coded", "submitted", "claimed", "charged", "reported", "invoiced"]
    func markBilledAsClaims(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { $0.text == "as" }) else { return }
        for index in tokens.indices.dropLast() where Self.billingVerbs.contains(tokens[index].text) && tokens[index + 1].text == "as" {
            let sentence = tokens[index].sentence
            var end = index + 2
            while end < tokens.count, tokens[end].sentence == sentence { end += 1 }
            guard end < tokens.count,
                  tokens[end...].contains(where: { Self.documentNouns.contains($0.text) || $0.text == "operative" }) else { continue }
            for position in (index + 2)..<end { tokens[position].historical = true }
        }
    }

    /// "I was going to use one of the leg fasciotomy-with-debridement codes", "we billed the
    /// bimalleolar ORIF code": a code the asker names by its words is a guess, not documentation.
    /// The words between a guessing verb of "I"/"we" and "code(s)" of the same clause are uncertain.
    static let guessVerbs: Set<String> = ["use", "used", "using", "bill", "billed", "billing", "code", "coded", "coding", "report",
                                          "reported", "reporting", "pick", "picked", "choose", "chose", "select", "selected", "submit",
                                          "submitted", "put", "assign", "assigned"]
    func markNamedGuesses(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices.dropFirst(2) where tokens[index].text == "code" || tokens[index].text == "codes" {
            let clause = tokens[index].clause
            var verb = index - 1
            while verb > 0, index - verb <= 10, tokens[verb].clause == clause, !Self.guessVerbs.contains(tokens[verb].text) { verb -= 1 }
            guard tokens[verb].clause == clause, Self.guessVerbs.contains(tokens[verb].text), verb + 1 < index else { continue }
            let sentence = tokens[verb].sentence
            guard (max(0, verb - 6)..<verb).contains(where: { tokens[$0].sentence == sentence && ["i", "we"].contains(tokens[$0].text) }) else { continue }
            for position in (verb + 1)..<index { tokens[position].uncertain = true }
        }
    }

    /// "I had this as 28090 (foot ganglion)", "billed 27685 (TAL), denied": the words in brackets
    /// right after a code number say what the code means, not what was done. So does the text
    /// component after a code in an HL7 charge or order segment ("FT1|…|27814^ORIF BIMALLEOLAR
    /// ANKLE^CPT|…"), up to the next component or field.
    static let billingWords: Set<String> = ["billed", "submitted", "coded", "claimed", "reported", "charged", "was", "were", "is", "as"]
    func markCodeGlosses(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard bytes.contains(UInt8(ascii: "(")) || bytes.contains(UInt8(ascii: "^")) else { return }
        for index in tokens.indices where Self.isCodeNumber(tokens[index].text) {
            var look = tokens[index].end
            while look < bytes.count, bytes[look] == 32 || bytes[look] == 9 { look += 1 }
            // "27048 billed (…)", "27236 was submitted (…)": a word or two of billing between.
            var skipped = 0
            while skipped < 2, look < bytes.count, bytes[look] != UInt8(ascii: "("), bytes[look] != UInt8(ascii: "^"),
                  let word = tokens[(index + 1)...].first(where: { $0.start == look }), Self.billingWords.contains(word.text) {
                look = word.end
                while look < bytes.count, bytes[look] == 32 || bytes[look] == 9 { look += 1 }
                skipped += 1
            }
            guard look < bytes.count, bytes[look] == UInt8(ascii: "(") || bytes[look] == UInt8(ascii: "^") else { continue }
            let component = bytes[look] == UInt8(ascii: "^")
            guard let close = bytes[(look + 1)...].firstIndex(where: { component ? ($0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "|") || $0 == 10 || $0 == 13) : ($0 == UInt8(ascii: ")") || $0 == 10) })
                    ?? (component ? bytes.count : nil),
                  component || bytes[close] == UInt8(ascii: ")") else { continue }
            var position = index + 1
            while position < tokens.count, tokens[position].start < close {
                tokens[position].historical = true
                position += 1
            }
        }
    }

    /// A payer's, reviewer's or auditor's claim, in an appeal, a reply to an auditor or a coder's
    /// question quoting them: what the other side claims is argued against, not documented, and its
    /// words are history. One reader, sentence by sentence, of the claim's two shapes: a verb of
    /// claiming with its claimant just before it (`claimToSentenceEnd`) and a claimant followed
    /// closely by such a verb (`claimToTurn`). Where both shapes stand in one sentence, the words after
    /// a turn are still the claim's, as they were when two readers read them.
    func markClaimsArguedAgainst(_ tokens: inout [NarrativeToken]) {
        // Read once, when a "you" first stands before a verb of claiming.
        var family: Bool?
        for sentence in Self.sentenceRanges(tokens) {
            let toTurn = Self.claimToTurn(tokens, in: sentence)
            let toEnd = Self.claimToSentenceEnd(tokens, in: sentence, toldByFamily: &family)
            for range in [toTurn, toEnd] {
                guard let range else { continue }
                for position in range { tokens[position].historical = true }
            }
        }
    }

    /// "The payer says the ligament was acutely injured", "your reviewer downcoded this on the
    /// assumption that debridement was implied", "the payer reclassified this as a closed
    /// reduction": the words after the first verb of claiming whose claimant stands within three
    /// words before it in its clause, to the end of the sentence.
    static let reviewerNouns: Set<String> = ["payer", "payor", "reviewer", "reviewers", "insurer", "carrier", "auditor", "auditors", "denial"]
    static let reviewerVerbs: Set<String> = ["says", "said", "state", "states", "stated", "claims", "claimed", "contends", "argues", "believes",
                                             "assumed", "assumes", "reclassified", "downcoded", "recoded", "considers", "considered", "suggests",
                                             "maintains", "asserts", "determined", "feels", "thinks"]
    static func claimToSentenceEnd(_ tokens: [NarrativeToken], in sentence: Range<Int>, toldByFamily account: inout Bool?) -> Range<Int>? {
        for index in max(sentence.lowerBound, 1)..<sentence.upperBound where reviewerVerbs.contains(tokens[index].text) {
            // The claimant within three words before the verb, in its clause ("the payer says",
            // "your reviewer downcoded", "you state").
            let clause = tokens[index].clause
            let claimant = (max(0, index - 3)..<index).contains { position in
                guard tokens[position].clause == clause else { return false }
                if reviewerNouns.contains(tokens[position].text) { return true }
                guard tokens[position].text == "you", position == index - 1 else { return false }
                // A relative writing to the surgeon ("Mum's op yesterday, you said you replaced only
                // the ball part") tells what the surgeon said of their own operation, not a claim.
                if account == nil { account = toldByFamily(tokens) }
                return account == false
            }
            if claimant { return (index + 1)..<sentence.upperBound }
        }
        return nil
    }

    /// "Your letter states that ... and suggests a sliding hip screw", "the reviewer recoded this as
    /// 27758 because the report says the fracture was opened": a claimant followed closely by a verb
    /// of claiming or recoding (or recoding "by" or "from" it), from the claim up to a turn to what
    /// the documentation says (the appeal goes on to quote the note itself).
    static let claimants: Set<String> = ["reviewer", "reviewers", "payer", "payor", "payers", "insurer", "auditor", "auditors",
                                         "denial", "carrier", "letter", "downcode", "determination"]
    static let claimantVerbs: Set<String> = ["states", "stated", "suggests", "suggested", "claims", "claimed", "recoded", "downcoded",
                                             "changed", "reclassified", "says", "said", "believes", "argues", "contends", "asserts",
                                             "thinks", "maintains", "insists", "alleges", "recode", "downcode", "argued", "felt"]
    static func claimToTurn(_ tokens: [NarrativeToken], in sentence: Range<Int>) -> Range<Int>? {
        let (start, end) = (sentence.lowerBound, sentence.upperBound)
        var claim: Int?
        for position in start..<end where claimants.contains(tokens[position].text) {
            // "the reviewer states", "your letter states that", "recoded by the payer"; in one
            // clause ("External auditor: The note states ..." is the auditor quoting the note).
            let clause = tokens[position].clause
            let after = tokens[(position + 1)..<min(end, position + 4)].filter { $0.clause == clause }
            let before = tokens[max(start, position - 3)..<position].filter { $0.clause == clause }
            if after.contains(where: { claimantVerbs.contains($0.text) })
                || (before.contains(where: { ["by", "from"].contains($0.text) }) && before.contains(where: { claimantVerbs.contains($0.text) })) {
                claim = position
                break
            }
        }
        guard let claim else { return nil }
        // From the claim ("I billed 27814 for a right ankle ORIF - auditor says ..." keeps the
        // asker's own words) up to a turn to what the documentation says ("... but the operative
        // report documents ...").
        var from = claim
        while from > start, tokens[from - 1].clause == tokens[claim].clause, claim - from < 3,
              !claimantVerbs.contains(tokens[from].text) { from -= 1 }
        if !claimantVerbs.contains(tokens[from].text) { from = claim }
        while from > start, tokens[from - 1].clause == tokens[claim].clause, ["your", "the", "our", "their", "external", "clinical"].contains(tokens[from - 1].text) { from -= 1 }
        let turn = tokens[claim..<end].firstIndex(where: { turnWords.contains($0.text) }) ?? end
        return from..<turn
    }

    /// Whether the next mark after byte `position`, past the bytes in `skipped` (blanks and closing
    /// marks), is a "?": the words before it were asked. The passes skip different closers, kept as
    /// they were written: a tab before the "?" counts in all but `markRetractedQuotes`, a ")" in all
    /// but `markYesNoQuestions`, quotes only in those two and `markOfferedChoices`.
    static func questionMarkFollows(_ position: Int, in bytes: [UInt8], skipping skipped: Set<UInt8>) -> Bool {
        var look = position
        while look < bytes.count, skipped.contains(bytes[look]) { look += 1 }
        return look < bytes.count && bytes[look] == UInt8(ascii: "?")
    }
    static let blankOrBracket: Set<UInt8> = [32, 9, UInt8(ascii: ")")]
    static let blankOrQuote: Set<UInt8> = [32, 9, UInt8(ascii: "'"), UInt8(ascii: "\"")]
    static let blankQuoteOrBracket: Set<UInt8> = [32, 9, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ")")]
    static let spaceQuoteOrBracket: Set<UInt8> = [32, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ")")]

    /// "Did he do a fasciotomy?", "was the fibula fixed?": a question whether something was done
    /// does not say it was, unless the next sentence answers "yes". From the asking verb to the "?".
    static let askingVerbs: Set<String> = ["did", "was", "were"]
    static let askedSubjects: Set<String> = ["he", "she", "they", "we", "you", "it", "there", "the", "this", "that", "surgeon", "doctor", "doc", "dr"]
    static let yesWords: Set<String> = ["yes", "yep", "yeah", "correct", "affirmative"]
    func markOpenQuestions(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.count > 2, bytes.contains(UInt8(ascii: "?")) else { return }
        for index in 0..<(tokens.count - 1) {
            let token = tokens[index]
            guard Self.askingVerbs.contains(token.text), index == 0 || tokens[index - 1].clause != token.clause,
                  Self.askedSubjects.contains(tokens[index + 1].text), tokens[index + 1].sentence == token.sentence else { continue }
            var last = index
            while last + 1 < tokens.count, tokens[last + 1].sentence == token.sentence { last += 1 }
            guard Self.questionMarkFollows(tokens[last].end, in: bytes, skipping: Self.blankOrBracket) else { continue }
            if last + 1 < tokens.count, Self.yesWords.contains(tokens[last + 1].text) { continue }
            for position in index...last { tokens[position].uncertain = true }
        }
    }

    /// "medialising calcaneal osteotomy + FDL transfer? no - calcaneal osteotomy only": a writer
    /// doubting what they just wrote and answering "no" takes it back, as an item asked of and
    /// answered "No." was not done ("Debridement? No."). The words before the "?" back to the start
    /// of their clause, an "and" or a preposition are negated: the doubt is about the last item
    /// ("supracondylar fracture above a well-fixed TKA? no - native knee": the TKA, not the fracture).
    static let noWords: Set<String> = ["no", "nope", "nah", "negative"]
    static let placePrepositions: Set<String> = ["above", "below", "around", "near", "beside", "beneath", "behind", "plus"]
    func markDeniedItems(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.count > 1, bytes.contains(UInt8(ascii: "?")) else { return }
        for index in 1..<tokens.count where Self.noWords.contains(tokens[index].text) && tokens[index - 1].sentence != tokens[index].sentence
            && (index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause) {
            guard Self.questionMarkFollows(tokens[index - 1].end, in: bytes, skipping: Self.blankOrBracket) else { continue }
            let clause = tokens[index - 1].clause
            var position = index - 1
            while position >= 0, tokens[position].clause == clause,
                  !Lexicon.backwardStops.contains(tokens[position].text), !Lexicon.prepositions.contains(tokens[position].text),
                  !Self.placePrepositions.contains(tokens[position].text) {
                tokens[position].negated = true
                position -= 1
            }
        }
    }

    /// A question asking what was done ("Mr Park's femur, was it nailed or plated?", "did you fix
    /// the posterior malleolus?") does not document it: from the question's verb to the "?".
    static let questionVerbs: Set<String> = ["was", "were", "did", "is", "are", "do", "does", "has", "have", "had"]
    static let questionSubjects: Set<String> = ["it", "they", "you", "he", "she", "the", "there"]
    func markYesNoQuestions(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard bytes.contains(UInt8(ascii: "?")) else { return }
        for sentence in Self.sentenceRanges(tokens) {
            let (start, end) = (sentence.lowerBound, sentence.upperBound)
            guard Self.questionMarkFollows(tokens[end - 1].end, in: bytes, skipping: Self.blankOrQuote) else { continue }
            // Answered yes ("did they fix the fibula too? Yes - separate incision, plate."): done.
            if end < tokens.count, Self.yesWords.contains(tokens[end].text) || tokens[end].text == "indeed" { continue }
            guard let verb = (start..<end).first(where: { position in
                Self.questionVerbs.contains(tokens[position].text) && (position == start || tokens[position - 1].clause != tokens[position].clause)
                    && position + 1 < end && Self.questionSubjects.contains(tokens[position + 1].text)
            }) else { continue }
            for position in verb..<end { tokens[position].uncertain = true }
        }
    }

    /// "Which code: percutaneous or open treatment?", "27027 or 27057?", "with or without
    /// manipulation?": the choices a question ends on are the asker's options, not documentation.
    /// In a sentence ending in "?", an "or" in its last clause with at most three words after it
    /// makes the word before it and the words after it uncertain.
    func markOfferedChoices(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard bytes.contains(UInt8(ascii: "?")) else { return }
        for sentence in Self.sentenceRanges(tokens) {
            let (start, end) = (sentence.lowerBound, sentence.upperBound)
            guard end - start >= 3, let or = (start + 1..<end).last(where: { tokens[$0].text == "or" }),
                  end - 1 - or <= 3, end - 1 > or, tokens[or - 1].clause == tokens[or].clause,
                  tokens[end - 1].clause == tokens[or].clause else { continue }
            guard Self.questionMarkFollows(tokens[end - 1].end, in: bytes, skipping: Self.blankQuoteOrBracket) else { continue }
            for position in (or - 1)..<end { tokens[position].uncertain = true }
        }
    }

    /// A five-character CPT code as written ("27448", "27245-RT" reads "27245").
    static func isCodeNumber(_ word: String) -> Bool {
        word.utf8.count == 5 && word.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// A question answered "No" ("Is this an SI joint fusion? No, only an injection.", "Was the
    /// posterior malleolus fixed? No."): what the question asked about did not happen. The words of
    /// a one-clause question sentence are negated when the next sentence opens with "no" or "nope"
    /// standing alone in its clause.
    func markAnsweredQuestions(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.count > 1, bytes.contains(UInt8(ascii: "?")) else { return }
        var index = 1
        while index < tokens.count {
            let token = tokens[index]
            defer { index += 1 }
            guard token.text == "no" || token.text == "nope", token.sentence != tokens[index - 1].sentence,
                  index + 1 >= tokens.count || tokens[index + 1].clause != token.clause else { continue }
            // The sentence before ends with "?".
            guard Self.questionMarkFollows(tokens[index - 1].end, in: bytes, skipping: Self.blankOrBracket) else { continue }
            // Only a question of one clause: "No" may deny a part of a longer one ("Girdlestone R hip
            // after infected hemiarthroplasty? No - the prosthesis came out last month").
            let question = tokens[index - 1].sentence
            var first = index - 1
            while first > 0, tokens[first - 1].sentence == question { first -= 1 }
            guard tokens[first..<index].allSatisfy({ $0.clause == tokens[index - 1].clause }) else { continue }
            for position in first..<index { tokens[position].negated = true }
        }
        // "> which open meniscus code for this? Surgeon: it wasn't open. Knee scope ...": a word of
        // the question that the answer right after it denies ("it wasn't open", "not open") is denied
        // in the question too.
        index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard index + 1 < tokens.count, tokens[index + 1].sentence != tokens[index].sentence else { continue }
            guard Self.questionMarkFollows(tokens[index].end, in: bytes, skipping: Self.blankOrBracket) else { continue }
            var first = index
            while first > 0, tokens[first - 1].sentence == tokens[index].sentence { first -= 1 }
            let answerEnd = min(tokens.count, index + 9)
            for answer in (index + 1)..<answerEnd where tokens[answer].negated && !Lexicon.stopWords.contains(tokens[answer].text) {
                for position in first...index where tokens[position].text == tokens[answer].text { tokens[position].negated = true }
            }
        }
    }

    /// Words that say a quoted wording was an error.
    static let errorWords: Set<String> = ["wrong", "incorrect", "error", "erroneous", "mistake", "mistaken", "inaccurate", "untrue"]
    static let quotingVerbs: Set<String> = ["said", "says", "say", "read", "reads", "stated", "states", "dictated", "written", "wrote",
                                            "typed", "documented", "mentioned", "called"]

    /// A wording quoted as what the dictation said and then called wrong ("the dictation said
    /// 'osteotomy with plate fixation'. That is wrong.", "the earlier line 'extra-articular' - this
    /// was wrong"): the quoted words did not happen. The quote must follow a verb of saying (or a
    /// document noun: "the line '...'") within three words and be called an error within eight
    /// words after it closes, in its sentence or the next, and not in a question ("Right or wrong?").
    func markRetractedQuotes(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.contains(where: { Self.errorWords.contains($0.text) }) else { return }
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b >= 128 }
        // Quote pairs: straight double quotes, curly quotes, and single quotes that open after a
        // non-letter and close before one (not an apostrophe: "wasn't").
        var pairs: [(Int, Int)] = []
        var position = 0
        while position < bytes.count {
            let b = bytes[position]
            var openLength = 0
            if b == 34 || b == 39 { openLength = 1 }
            else if b == 0xE2, position + 2 < bytes.count, bytes[position + 1] == 0x80, bytes[position + 2] == 0x9C || bytes[position + 2] == 0x98 { openLength = 3 }
            if openLength > 0, position == 0 || !isLetter(bytes[position - 1]), position + openLength < bytes.count, isLetter(bytes[position + openLength]) {
                var close = position + openLength
                var found = -1
                while close < bytes.count, close < position + 300, bytes[close] != 10 {
                    let c = bytes[close]
                    let curlyClose = c == 0xE2 && close + 2 < bytes.count && bytes[close + 1] == 0x80 && (bytes[close + 2] == 0x9D || bytes[close + 2] == 0x99)
                    if (c == b && openLength == 1) || (openLength == 3 && curlyClose) {
                        let after = close + (openLength == 3 ? 3 : 1)
                        if close > 0, isLetter(bytes[close - 1]) || bytes[close - 1] == 46, after >= bytes.count || !isLetter(bytes[after]) { found = close; break }
                    }
                    close += 1
                }
                if found > 0 { pairs.append((position, found)); position = found + 1; continue }
            }
            position += 1
        }
        for (open, close) in pairs {
            guard let first = tokens.firstIndex(where: { $0.start > open }), tokens[first].end <= close else { continue }
            var last = first
            while last + 1 < tokens.count, tokens[last + 1].end <= close { last += 1 }
            let introduced = (max(0, first - 3)..<first).contains { Self.quotingVerbs.contains(tokens[$0].text) || Self.documentNouns.contains(tokens[$0].text) || tokens[$0].text == "line" }
            guard introduced, last + 1 < tokens.count else { continue }
            let sentenceLimit = tokens[last].sentence + 1
            // Called an error, not asked about: "Right or wrong?", "is that wrong?" leave the quote
            // as the note's words.
            // `index` is an error word: "or" right before it offers it as a choice.
            func asked(_ index: Int) -> Bool {
                if index > 0, tokens[index - 1].text == "or" { return true }
                var end = index
                while end + 1 < tokens.count, tokens[end + 1].sentence == tokens[index].sentence { end += 1 }
                return Self.questionMarkFollows(tokens[end].end, in: bytes, skipping: Self.spaceQuoteOrBracket)
            }
            let called = ((last + 1)..<min(tokens.count, last + 9)).contains {
                tokens[$0].sentence <= sentenceLimit && Self.errorWords.contains(tokens[$0].text) && !asked($0)
            }
            guard called else { continue }
            for index in first...last { tokens[index].negated = true }
        }
    }
}
