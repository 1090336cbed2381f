/// What the way a note is written says about its words: corrections, tourniquet sites, form
/// names, a letter's sign-off, negative field values, sites of earlier operations, dated asides,
/// cancelled cases, examination reports and arthroscopy converted to open. (Other voices and
/// questions: ClaimsAndQuestions.swift; a bone's part named as a place: SitesAsPlaces.swift.)
extension NarrativeAnalyzer {
    /// Words that open a sentence correcting an earlier one: "Correction: ...", "Correction to the
    /// above - ...", "Amended: ...", "Erratum: ...", dictated "strike that, ...", "scratch that".
    static let correctionHeads: Set<String> = ["correction", "corrected", "amendment", "amended", "erratum", "corrigendum"]
    static let retractingVerbs: Set<String> = ["strike", "scratch", "disregard", "ignore", "delete"]

    /// Marks the sentences that correct an earlier statement (see `NarrativeToken.correcting`).
    /// The marker must open its sentence and stand as a label (its clause ends after it, or "to
    /// the above/previous/earlier" follows), so "correction of the varus deformity" is not one.
    func markCorrections(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            let word = tokens[index].text
            // A label of a few words ending in a colon opens a correction too: "CORRECTION per
            // surgeon at sign-off: ...", "Then, correction from surgeon: ..." (its clause opens with the word).
            let opensClause = index == 0 || tokens[index - 1].sentence != tokens[index].sentence
                || (tokens[index - 1].clause != tokens[index].clause && Self.correctionHeads.contains(word))
            guard opensClause else { continue }
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            var marker = false
            if Self.correctionHeads.contains(word), let next, next.sentence == tokens[index].sentence {
                marker = next.clause != tokens[index].clause || next.text == "to"
                if !marker {
                    // "CORRECTION per surgeon at sign-off: ..."
                    var last = index
                    while last + 1 < tokens.count, tokens[last + 1].clause == tokens[index].clause, last - index < 6 { last += 1 }
                    if last + 1 < tokens.count, tokens[last + 1].clause != tokens[index].clause, tokens[last + 1].sentence == tokens[index].sentence {
                        var look = tokens[last].end
                        while look < bytes.count, bytes[look] == 32 { look += 1 }
                        marker = look < bytes.count && bytes[look] == UInt8(ascii: ":")
                    }
                }
            } else if index > 0, tokens[index - 1].sentence == tokens[index].sentence {
                continue
            } else if Self.retractingVerbs.contains(word), let next, next.sentence == tokens[index].sentence {
                marker = ["that", "this", "the", "previous", "above", "last"].contains(next.text)
            }
            guard marker else { continue }
            let sentence = tokens[index].sentence
            // The sentence it corrects, just before it, no longer says what happened today; a
            // PROCEDURE title keeps naming the operation (FeatureDetector drops its facts).
            var back = index - 1
            // "ADDENDUM 14/11 (surgeon): correction to the above - ...": a label and its colon
            // before the correction are not what it corrects; the sentence before the label is.
            if index > 0, tokens[index - 1].sentence == tokens[index].sentence, AnalyzedNarrative.colonAfter(index - 1, tokens, bytes) {
                var labelStart = index - 1
                while labelStart > 0, tokens[labelStart - 1].sentence == tokens[index].sentence { labelStart -= 1 }
                if labelStart > 0, index - labelStart <= 6 { back = labelStart - 1 }
            }
            // Dictation breaking off ("... and a knee-spanning... correction, ankle-spanning
            // fixator"): only the words it broke off in are taken back.
            let brokenOff = index > 0 && tokens[index - 1].end < tokens[index].start
                && String(decoding: bytes[tokens[index - 1].end..<tokens[index].start], as: UTF8.self).contains("..")
            let corrected = back >= 0 ? tokens[back].sentence : -1
            while back >= 0, tokens[back].sentence == corrected, !tokens[back].correcting,
                  !brokenOff || tokens[back].clause == tokens[index - 1].clause,
                  tokens[index - 1].section != .procedureTitle {
                tokens[back].historical = true
                back -= 1
            }
            var position = index
            while position < tokens.count, tokens[position].sentence == sentence {
                tokens[position].correcting = true
                position += 1
            }
            // "Plan: conversion to fusion. … Correction: we did not fuse": what the correction
            // says was not done is no longer documented anywhere before it (same word stem).
            for denied in index..<position where tokens[denied].negated && tokens[denied].text.utf8.count >= 3
                && tokens[denied].text.first?.isLetter == true && !Lexicon.stopWords.contains(tokens[denied].text) {
                for earlier in 0..<index where !tokens[earlier].correcting && Self.sameStem(tokens[earlier].text, tokens[denied].text) {
                    tokens[earlier].historical = true
                }
            }
            // A correction goes on to the end of its paragraph: "CORRECTION (dictated by the
            // attending): the procedure line above is a template error. No open reduction was done;
            // the screws went in percutaneously."
            while position < tokens.count, position > 0,
                  tokens[position - 1].end >= tokens[position].start || !bytes[tokens[position - 1].end..<tokens[position].start].contains(10) {
                tokens[position].correcting = true
                position += 1
            }
            overrideDenials(&tokens, correction: index..<position)
            index = max(index, position - 1)
        }
    }

    /// What a correction denies in two or more words of its own is denied where the note said it
    /// before: "No open reduction was done" after a PROCEDURE line "Open reduction internal fixation"
    /// (the title keeps naming the operation, but not the open reduction).
    func overrideDenials(_ tokens: inout [NarrativeToken], correction: Range<Int>) {
        let denied = correction.filter { tokens[$0].negated && !Lexicon.stopWords.contains(tokens[$0].text) }
        guard denied.count >= 2 else { return }
        var pairs: [(String, String)] = []
        for (a, b) in zip(denied, denied.dropFirst()) where
            !tokens[a + 1..<b].contains(where: { !Lexicon.stopWords.contains($0.text) }) {
            pairs.append((tokens[a].text, tokens[b].text))
        }
        guard !pairs.isEmpty else { return }
        let earlier = (0..<correction.lowerBound).filter { !Lexicon.stopWords.contains(tokens[$0].text) }
        for (a, b) in zip(earlier, earlier.dropFirst()) where tokens[a].isAffirmed && tokens[b].isAffirmed
            && tokens[a].sentence == tokens[b].sentence
            && pairs.contains(where: { $0.0 == tokens[a].text && $0.1 == tokens[b].text }) {
            tokens[a].negated = true
            tokens[b].negated = true
        }
    }

    static let shortFunctionWords: Set<String> = ["not", "did", "was", "the", "any", "all", "use", "used", "get", "put", "for", "and", "but",
                                                  "one", "two", "way", "can", "has", "had", "her", "his", "its", "our", "out", "off"]

    /// Two words of one stem: "fuse"/"fusion", "reduce"/"reduction", "plate"/"plated" (a common
    /// start of at least three letters, at most one letter short of the shorter word).
    static func sameStem(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var common = 0
        while common < min(x.count, y.count), x[common] == y[common] { common += 1 }
        return common >= 3 && common >= min(x.count, y.count) - 1 && !Self.shortFunctionWords.contains(a) && !Self.shortFunctionWords.contains(b)
    }

    /// "Tourniquet at the ankle", "left thigh tourniquet", "tourniquet inflated on the calf": where a
    /// tourniquet sits is not where the work is done. Its limb words are not today's sites.
    static let tourniquetWords: Set<String> = ["tourniquet", "tourniquets", "tq", "esmarch"]
    static let tourniquetPlaces: Set<String> = ["thigh", "calf", "ankle", "leg", "knee", "arm", "forearm", "upper", "high", "proximal", "distal",
                                                "mid", "lower", "supramalleolar", "the", "left", "right", "l", "r", "lt", "rt", "pneumatic",
                                                "padded", "sterile", "non", "nonsterile", "well"]
    static let tourniquetPrepositions: Set<String> = ["at", "on", "around", "to", "over", "above", "below", "about"]
    func markTourniquetSites(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where Self.tourniquetWords.contains(tokens[index].text) {
            let clause = tokens[index].clause
            var back = index - 1
            while back >= 0, index - back <= 4, tokens[back].clause == clause, Self.tourniquetPlaces.contains(tokens[back].text) {
                tokens[back].historical = true
                back -= 1
            }
            var look = index + 1
            while look < tokens.count, look - index <= 5, tokens[look].clause == clause, !Self.tourniquetPrepositions.contains(tokens[look].text) { look += 1 }
            guard look < tokens.count, tokens[look].clause == clause, Self.tourniquetPrepositions.contains(tokens[look].text) else { continue }
            look += 1
            while look < tokens.count, tokens[look].clause == clause, Self.tourniquetPlaces.contains(tokens[look].text) {
                tokens[look].historical = true
                look += 1
            }
        }
    }

    /// "Distal femoral Denham pin", "proximal tibial traction pin", "balanced skeletal traction through
    /// a distal femoral pin": where a traction pin goes in is not where the fracture is (a
    /// subtrochanteric or acetabular fracture is pulled through a pin in the distal femur). The site
    /// words before the pin are not today's sites.
    static let pinWords: Set<String> = ["pin", "pins"]
    static let tractionPinWords: Set<String> = ["traction", "denham", "skeletal"]
    static let tractionPinPlaces: Set<String> = ["distal", "proximal", "femoral", "femur", "tibial", "tibia", "calcaneal", "calcaneus",
                                                 "supracondylar", "tubercle", "tuberosity", "left", "right", "l", "r", "lt", "rt",
                                                 "traction", "denham", "skeletal", "steinmann", "a", "the"]
    func markTractionPinSites(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where Self.pinWords.contains(tokens[index].text) && index > 0 {
            let clause = tokens[index].clause
            var back = index - 1
            var traction = false
            while back >= 0, index - back <= 5, tokens[back].clause == clause, Self.tractionPinPlaces.contains(tokens[back].text) {
                if Self.tractionPinWords.contains(tokens[back].text) { traction = true }
                back -= 1
            }
            // "traction through a distal femoral pin": the pin of the traction told before it.
            if !traction, back >= 0, ["through", "via"].contains(tokens[back].text) {
                var look = back - 1
                while look >= 0, back - look <= 4, tokens[look].sentence == tokens[index].sentence {
                    if tokens[look].text == "traction" { traction = true; break }
                    look -= 1
                }
            }
            guard traction else { continue }
            for place in (back + 1)..<index where !Self.tractionPinWords.contains(tokens[place].text)
                && !["a", "the", "steinmann"].contains(tokens[place].text) {
                tokens[place].historical = true
            }
        }
    }

    /// Nouns that name a form, not what was done: "IMPLANT / GRAFT LOG", "implant record sheet".
    static let formNouns: Set<String> = ["log", "logs", "sheet", "worksheet", "register", "checklist", "record", "form"]

    /// The name of the form a note was written on ("IMPLANT / GRAFT LOG - OR 3") says what the form
    /// records, not what was done: the few words before the form noun in its sentence, when the noun
    /// ends its clause or sentence, are not today's facts.
    func markFormNames(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where Self.formNouns.contains(tokens[index].text) && index > 0 {
            let endsClause = index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause
                || tokens[index + 1].sentence != tokens[index].sentence
            guard endsClause else { continue }
            // Within the form name's own clause: "femoral neck fx, see implant log" refers to the
            // log; the fracture before the comma is still the note's ("see", "per" end it too).
            var position = index - 1
            while position >= 0, position >= index - 4, tokens[position].sentence == tokens[index].sentence,
                  tokens[position].clause == tokens[index].clause, !["see", "per"].contains(tokens[position].text),
                  !Lexicon.stopWords.contains(tokens[position].text) || tokens[position].text == "and" {
                tokens[position].historical = true
                position -= 1
            }
        }
    }

    /// A letter's closing ("Yours sincerely, Mr Campbell, Consultant Orthopaedic Surgeon", "Kind
    /// regards, Dr Roux"): the name and title after it sign the letter; a surgeon called Campbell or
    /// Roux names no procedure. Only the closing's own sentence, so a note quoted below it stays.
    func markSignOff(_ tokens: inout [NarrativeToken]) {
        guard tokens.count > 2 else { return }
        for index in 1..<tokens.count {
            let word = tokens[index].text, before = tokens[index - 1].text
            let closing = (before == "yours" && ["sincerely", "faithfully", "truly", "aye", "ever"].contains(word))
                || (word == "regards" && ["kind", "best", "warm", "warmest", "with"].contains(before))
                || (word == "wishes" && before == "best")
            guard closing else { continue }
            var position = index + 1
            while position < tokens.count, position <= index + 12, tokens[position].sentence == tokens[index].sentence {
                tokens[position].historical = true
                position += 1
            }
        }
    }

    /// A closed reduction told as an attempt that failed ("closed reduction under general anesthesia
    /// was tried two times but could not reduce", "closed reduction failed", "closed reduction in ED
    /// unsuccessful, irreducible"): the closed care is not the treatment, what follows is. The word
    /// "closed" is negated; the failure is said after it in its sentence.
    static let failedAttemptWords: Set<String> = ["failed", "unsuccessful", "unable", "irreducible", "impossible", "abandoned"]
    static let failedAfterNot: Set<String> = ["reduce", "reduced", "reducing", "achieve", "achieved", "obtained", "obtain", "possible",
                                              "successful", "relocate", "relocated", "succeed", "succeeded", "work", "worked"]
    func markFailedClosedAttempts(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where tokens[index].text == "closed" && !tokens[index].negated
            && index + 1 < tokens.count && ["reduction", "reductions", "manipulation", "attempt", "attempts"].contains(tokens[index + 1].text) {
            let sentence = tokens[index].sentence
            var look = index + 2
            var failed = false
            while look < tokens.count, look <= index + 14, tokens[look].sentence == sentence {
                let word = tokens[look].text
                if Self.failedAttemptWords.contains(word) { failed = true; break }
                // "couldn't", "cannot", "didn't" reach here as "could not", "can not", "did not" (abbreviations.tsv).
                if word == "not" {
                    var next = look + 1
                    while next < tokens.count, next <= look + 3, tokens[next].sentence == sentence, ["be", "been", "to", "get", "it", "the", "hip"].contains(tokens[next].text) { next += 1 }
                    if next < tokens.count, tokens[next].sentence == sentence, Self.failedAfterNot.contains(tokens[next].text) { failed = true }
                    break
                }
                look += 1
            }
            if failed { tokens[index].negated = true }
        }
    }

    /// Words that open a negative field value: "Fixation: none", "Neurectomy: not consented",
    /// "Obturator neurectomy: declined".
    static let negativeFieldOpeners: Set<String> = [
        "none", "nil", "no", "not", "n/a", "na", "declined", "refused", "deferred", "omitted", "cancelled", "canceled", "abandoned",
        // A form's "N" and a zero amount ("Muscle necrosis: N", "Muscle excised: 0 g", "Necrotic tissue removed: zero").
        "n", "0", "zero",
    ]
    /// Words that make up a negative field value: its openers and what follows them, "not required",
    /// "none needed"; on a booking or consent form also "not consented", "not carried out", "not
    /// undertaken", "not possible", "not feasible", "not wanted" (what the form says was not agreed or not done).
    static let negativeFieldWords: Set<String> = negativeFieldOpeners.union([
        "required", "needed", "necessary", "indicated", "done", "performed",
        "applicable", "attempted", "consented", "carried", "out", "undertaken", "possible", "feasible", "wanted",
        // The unit of a zero amount.
        "g", "gm", "grams", "mg", "ml", "cm", "mm", "cc",
    ])

    /// A templated field whose value is negative ("Reduction: none needed", "Debridement: not
    /// required", "Fixation: nil"): the label, one to three words opening its line or its
    /// sentence, did not happen.
    /// Headings the tokenizer knows (Anesthesia:, Drains:) are sections, not words, and stay as they are.
    func markNegativeFields(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.count > 1, bytes.contains(UInt8(ascii: ":")) || bytes.contains(UInt8(ascii: "|")) else { return }
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }
        var index = 1
        while index < tokens.count {
            defer { index += 1 }
            let first = tokens[index]
            guard Self.negativeFieldOpeners.contains(first.text) else { continue }
            // A ":" right before the value, or a table's cell border ("Posterior malleolus fixation | No").
            var look = first.start - 1
            while look >= 0, isSpace(bytes[look]) { look -= 1 }
            guard look >= 0, bytes[look] == UInt8(ascii: ":") || bytes[look] == UInt8(ascii: "|") else { continue }
            // The value is only negative words up to its clause's end.
            var end = index
            while end < tokens.count, tokens[end].clause == first.clause, Self.negativeFieldWords.contains(tokens[end].text) { end += 1 }
            guard end == tokens.count || tokens[end].clause != first.clause else { continue }
            // The label: one to three words before the ":", opening its line (the tokenizer may
            // have kept a short label and its value in one clause).
            var labelStart = index - 1
            // A form's question may run longer ("Muscle excised at index case: 0 g"): up to six words,
            // all on the value's line and, past the third, in one clause ("Tibial tray, size 3,
            // cemented: no" says only that the tray was not cemented).
            while labelStart > 0, index - labelStart < 3 || (index - labelStart < 6 && tokens[labelStart - 1].clause == tokens[index - 1].clause),
                  tokens[labelStart - 1].sentence == first.sentence,
                  tokens[labelStart - 1].end >= tokens[labelStart].start
                    || !bytes[tokens[labelStart - 1].end..<tokens[labelStart].start].contains(10) { labelStart -= 1 }
            var before = tokens[labelStart].start - 1
            while before >= 0, isSpace(bytes[before]) || bytes[before] == UInt8(ascii: "-") || bytes[before] == UInt8(ascii: "*") { before -= 1 }
            // The label opens its line, or its sentence on a line of several ("... groin incisions.
            // Obturator neurectomy: NOT consented").
            guard before < 0 || bytes[before] == 10
                    || (bytes[before] == UInt8(ascii: ".") && labelStart > 0 && tokens[labelStart - 1].sentence != first.sentence)
            else { continue }
            for position in labelStart..<end { tokens[position].negated = true }
        }
    }

    /// A form's answer in brackets after its item ("Fixation: percutaneous screws/pins (Y); IM nail
    /// (N); plate (N)", "Bone graft [No]"): an item answered N or No was not done. The item is the
    /// one to four words before the bracket, back to the list's separator (";", ",", ":", "/", a
    /// bracket or a line break).
    func markBracketedNoAnswers(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.count > 1, bytes.contains(UInt8(ascii: "(")) || bytes.contains(UInt8(ascii: "[")) else { return }
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
        for index in 1..<tokens.count where tokens[index].text == "n" || tokens[index].text == "no" {
            var open = tokens[index].start - 1
            while open >= 0, isSpace(bytes[open]) { open -= 1 }
            guard open >= 0, bytes[open] == UInt8(ascii: "(") || bytes[open] == UInt8(ascii: "[") else { continue }
            var close = tokens[index].end
            while close < bytes.count, isSpace(bytes[close]) { close += 1 }
            guard close < bytes.count, bytes[close] == UInt8(ascii: ")") || bytes[close] == UInt8(ascii: "]") else { continue }
            var labelStart = index
            while labelStart > 0, index - labelStart < 4 {
                // An abbreviation expanded to several words ("IM" as "intramedullary nail") gives
                // them one span: no gap between them.
                let gapStart = tokens[labelStart - 1].end, gapEnd = labelStart == index ? open : tokens[labelStart].start
                if gapStart < gapEnd, bytes[gapStart..<gapEnd].contains(where: Self.formItemSeparators.contains) { break }
                labelStart -= 1
            }
            for position in labelStart..<index { tokens[position].negated = true }
        }
    }
    static let formItemSeparators: Set<UInt8> = Set(";,:/()[]\n".utf8)

    /// Words naming the place an operation left behind.
    static let siteWords: Set<String> = ["wound", "wounds", "site", "sites", "scar", "scars", "defect", "defects", "bed"]
    /// Care given to a wound left by an earlier operation.
    static let woundCareWords: Set<String> = ["change", "changed", "exchange", "exchanged", "dressing", "dressings", "vac", "npwt",
                                              "closure", "graft", "grafting", "check", "review", "inspection"]
    /// A wound closed or washed out after it was made.
    static let closureWords: Set<String> = ["closed", "approximated", "resutured", "washed", "irrigated", "grafted", "skin"]
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
            // "fasciotomy wounds closed primarily", "the fasciotomy wounds were washed out and
            // closed": the wound, as the subject of its care, was left by an earlier operation.
            // Not "fasciotomy wounds left open (with a VAC dressing)": today's fasciotomy.
            var ahead = index + 1
            var caredFor = false
            while ahead < tokens.count, ahead <= index + 4, tokens[ahead].clause == tokens[index].clause {
                let text = tokens[ahead].text
                if ["left", "open", "kept"].contains(text) { break }
                if Self.woundCareWords.contains(text) || Self.closureWords.contains(text) { caredFor = !tokens[ahead].negated; break }
                ahead += 1
            }
            guard afterWoundCare || caredFor || (look >= 0 && tokens[look].clause == tokens[index].clause
                  && ["to", "of", "on", "over", "into", "at", "across"].contains(tokens[look].text)) else { continue }
            tokens[procedure].historical = true
        }
    }

    /// A date in an aside dates the clause before it: "Fibula was plated at stage 1 (2 weeks ago)",
    /// "ORIF (last year)". The aside's own "ago" only reaches its own words.
    static let datedOperationWords: Set<String> = ["fixed", "fixation", "plated", "nailed", "pinned", "wired", "screwed", "operated",
                                                   "repaired", "replaced", "reconstructed", "fused", "released"]
    func markDatedAsides(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard bytes.contains(UInt8(ascii: "(")) else { return }
        for index in tokens.indices where tokens[index].text == "ago" && tokens[index].historical {
            var first = index
            while first > 0, tokens[first - 1].clause == tokens[index].clause, tokens[first - 1].sentence == tokens[index].sentence { first -= 1 }
            guard first > 0, tokens[first - 1].sentence == tokens[index].sentence else { continue }
            var look = tokens[first].start - 1
            while look >= 0, bytes[look] == 32 { look -= 1 }
            guard look >= 0, bytes[look] == UInt8(ascii: "(") else { continue }
            let before = tokens[first - 1].clause
            // Only an operation dated so ("Chronic achilles rupture (injured 3 months ago)" is today's condition).
            var start = first - 1
            while start > 0, tokens[start - 1].clause == before, tokens[start - 1].sentence == tokens[index].sentence { start -= 1 }
            guard tokens[start..<first].contains(where: { Self.datedOperationWords.contains($0.text) }) else { continue }
            var position = first - 1
            while position >= 0, tokens[position].clause == before, tokens[position].sentence == tokens[index].sentence {
                tokens[position].historical = true
                position -= 1
            }
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

    /// An independent medical examination or a medicolegal report examines and gives an opinion; the
    /// operations it names are other surgeons' earlier work ("Records reviewed show she underwent
    /// ORIF of a right bimalleolar ankle fracture on 03/14/2024 by Dr. Alvarez"). Nothing in it is
    /// today's procedure.
    func markExaminationReport(_ tokens: inout [NarrativeToken], isReport: Bool) {
        guard isReport else { return }
        for index in tokens.indices { tokens[index].historical = true }
    }

    /// Whether the note names itself an examination report: "independent medical exam(ination)" or
    /// "eval(uation)", "maximum medical improvement", "medicolegal" / "medico-legal" / "medico legal",
    /// "examinee", and the short forms "IME" and "med-legal". Read in the tokenizer's words before
    /// they are expanded or corrected: the spelling corrector knows "medial", not "medical". None
    /// of these words is a heading word, so the tokenizer keeps them all.
    static func namesExaminationReport(_ raw: [Tokenizer.RawToken]) -> Bool {
        for index in raw.indices {
            let word = raw[index].text
            if word.hasPrefix("examinee") || word.hasPrefix("medicolegal") || word == "ime" { return true }
            guard index + 1 < raw.count else { continue }
            let next = raw[index + 1].text
            if word == "medico" || word == "med", next.hasPrefix("legal") { return true }
            guard word == "medical", index > 0 else { continue }
            let before = raw[index - 1].text
            if before == "independent", next.hasPrefix("exam") || next.hasPrefix("eval") { return true }
            if before == "maximum", next.hasPrefix("improvement") { return true }
        }
        return false
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
}
