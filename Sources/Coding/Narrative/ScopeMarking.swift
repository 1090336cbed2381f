/// Negation, uncertainty and history, each scoped to its clause: which words of a note are not
/// today's work ("no debridement", "rule out", "prior ORIF", "to be fixed next week").
extension NarrativeAnalyzer {
    static let hypotheticalModals: Set<String> = ["would", "might", "should"]
    /// Verbs of keeping a result: "X but could not be held" says X was done and then lost.
    static let keepingVerbs: Set<String> = ["held", "maintained", "kept", "sustained", "controlled", "stabilized", "stabilised"]

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
        var datedNextClause: Int?
        // A history scope opened by the future ("will", "going to", "we'll"): the steps it joins with
        // "and then", "followed by", "after which" are still to come.
        var future = false
        // The negation open was said inside a relative clause ("muscle that did not contract").
        var relativeDenial = false
        var denialEnd = 0
        // The negation open was a want of something ("for lack of an arthroscope"): a noun phrase.
        var lackDenial = false
        var index = 0
        while index < tokens.count {
            if index == 0 || tokens[index].clause != tokens[index - 1].clause {
                // "they will put the hip back in under anaesthetic, and then put him in a plaster": the
                // next clause of the sentence, joined as a next step, is still the plan.
                let carriesFuture = future && historical && index > 0 && tokens[index].sentence == tokens[index - 1].sentence
                    && Self.continuesPlan(tokens, at: index)
                negating = false; uncertain = false; historical = false; countedFrom = false; future = false; relativeDenial = false; lackDenial = false
                if carriesFuture { historical = true; future = true }
                clauseStart = index
                if index > 0, tokens[index].sentence == tokens[index - 1].sentence, tokens[index - 1].historical,
                   index - 1 == 0 || tokens[index - 2].clause != tokens[index - 1].clause,
                   Self.cue(Lexicon.historyCues, in: tokens, at: index - 1) != nil {
                    historicalSentence = tokens[index].sentence
                }
                // "PSH: L THR 2015, R TKR.", "Past surgical history: ...": a history heading opening its
                // sentence (read with its first value as one clause) makes the sentence history.
                if index == 0 || tokens[index - 1].sentence != tokens[index].sentence {
                    var head = index
                    while head < tokens.count, head < index + 2, ["past", "surgical", "medical"].contains(tokens[head].text) { head += 1 }
                    if head + 1 < tokens.count, tokens[head].sentence == tokens[index].sentence, Self.historyHeadings.contains(tokens[head].text),
                       tokens[head + 1].text != "of" {
                        historicalSentence = tokens[index].sentence
                    }
                }
                if historicalSentence == tokens[index].sentence { historical = true }
                if datedNextClause == index { historical = true }
            }
            let word = tokens[index].text
            // "grey, did not contract to cautery and were debrided": a second verb of the same
            // subject after "and were" is a new statement for forward scopes; the clause (for
            // backward cues, "soft and were not opened") stays whole.
            // "pushed it back without opening it and put two screws across the joint", "not reduced and
            // fixed in situ": "and" before a verb of surgical work starts the next action of the same
            // subject, which the negation before it does not reach.
            if word == "and", index + 1 < tokens.count, negating || uncertain, Self.workVerbsPast.contains(tokens[index + 1].text),
               tokens[index + 1].clause == tokens[index].clause {
                negating = false; uncertain = false
                index += 1
                continue
            }
            // "a block of grey vastus that did not contract or bleed was cut away", "muscle which showed
            // no twitch was excised": the relative clause's denial ends at its antecedent's own verb, a
            // form of "be" with a participle after it.
            // Not the negated predicate's own "be" ("a stump that could not be revised").
            if negating, relativeDenial, index > denialEnd, Lexicon.beVerbs.contains(word), index + 1 < tokens.count,
               (denialEnd..<index).contains(where: { !Lexicon.beVerbs.contains(tokens[$0].text) }),
               tokens[index + 1].clause == tokens[index].clause, Self.isParticiple(tokens[index + 1].text) {
                negating = false
                relativeDenial = false
            }
            // "For lack of an arthroscopy tower we opened the knee": what was lacking is the noun
            // phrase; a subject or a verb of its own after it is what was done instead.
            if negating, lackDenial, index > denialEnd, Self.afterLackWords.contains(word) || Lexicon.beVerbs.contains(word) {
                negating = false
                lackDenial = false
            }
            if word == "and", index + 1 < tokens.count, tokens[index + 1].text == "were", negating || uncertain {
                negating = false; uncertain = false
                index += 1
                continue
            }
            // "will try to put the hip back in while he is asleep and then put him in a plaster": a
            // next step joined to what will be done is to come as well.
            if future, historical, Self.continuesPlan(tokens, at: index) {
                negating = false; uncertain = false
                tokens[index].historical = true
                clauseStart = index + 1
                index += 1
                continue
            }
            if Lexicon.scopeBreakers.contains(word)
                || (word == "and" && index + 1 < tokens.count && Lexicon.statementStarters.contains(tokens[index + 1].text)) {
                negating = false; uncertain = false; historical = false
                // "PSH: ..., now re-rupture": today's words end a history heading's sentence.
                if Self.presentWords.contains(word), historicalSentence == tokens[index].sentence { historicalSentence = nil }
                // Otherwise a new statement of a history or plan heading's sentence is history too
                // ("PSH: bilateral knee replacements and a left hip pinning").
                if historicalSentence == tokens[index].sentence { historical = true }
                clauseStart = index + 1
                index += 1
                continue
            }
            // "post-op day 1 after IM nailing", "the morning after fixation", "2 weeks after the
            // osteotomy": what the time is counted from was done before.
            // "3 weeks post right hip hemiarthroplasty": "post" counts from an event too.
            // Not when the writer then tells it as their own work ("six weeks after his iliopsoas
            // tenotomy, which we carried out through a small medial incision").
            if word == "after" || word == "post", !historical,
               (max(clauseStart, index - 3)..<index).contains(where: { Lexicon.timeCountWords.contains(tokens[$0].text) }),
               !Self.ownOperationFollows(tokens, after: index + 1) {
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
            if word == "for", !negating, (max(0, index - 5)..<index).contains(where: { tokens[$0].sentence == tokens[index].sentence && Lexicon.unfitWords.contains(tokens[$0].text) }) {
                negating = true
                index += 1
                continue
            }
            if word == "from", !negating,
               (max(clauseStart, index - 5)..<index).contains(where: { Lexicon.protectingVerbs.contains(tokens[$0].text) }) {
                negating = true
                index += 1
                continue
            }
            // "I can't find a specific CPT for this", "we could not locate a code": the asker's search
            // failed, not the operation told (the unlisted code's own words).
            if word == "not", Self.searchesForCode(tokens, after: index) {
                index += 1
                continue
            }
            if let length = Self.cue(Lexicon.negationCues, in: tokens, at: index) {
                // "ipsilateral femoral neck fracture ruled out on fine-cut CT": not there either.
                if word == "ruled", index > clauseStart { negateBackward(&tokens, from: index - 1, to: clauseStart) }
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
                    // "the fracture is not displaced": a description of the injury, not a treatment
                    // withheld; only the description is negated (forward).
                    let describesInjury = Lexicon.injuryDescriptions.contains(after)
                    // "the dislocated total hip could not be reduced in ED": the attempt failed, the
                    // dislocation stays and is what the later reduction treats.
                    var attempted = index + 1
                    while attempted < tokens.count, attempted <= index + 3, Lexicon.beVerbs.contains(tokens[attempted].text) { attempted += 1 }
                    let failedRelocation = attempted < tokens.count && Self.relocationWords.contains(tokens[attempted].text)
                        && (clauseStart..<index).contains(where: { Self.dislocationWords.contains(tokens[$0].text) })
                    // "a comminuted fracture which is not possible to reconstruct": the relative clause
                    // says what could not be done to the fracture, which stays (what was done instead follows).
                    let infeasibleForAntecedent = Self.feasibilityWords.contains(after)
                        && (clauseStart..<index).contains(where: { Self.relativePronouns.contains(tokens[$0].text) })
                    // "this man's subtrochanteric fracture could not be fixed", "the fracture was not
                    // amenable to fixation": what could not be done is the action; the injury named
                    // before it stays, and what was done instead is the operation. "was not fixed"
                    // (no modal) still says the part was left untreated.
                    let namesInjury = (clauseStart..<index).contains(where: { Self.failedActionInjuryWords.contains(tokens[$0].text) })
                    let failedAction = namesInjury
                        && ((Self.abilityModals.contains(before) && attempted < tokens.count && Self.treatingVerbs.contains(tokens[attempted].text))
                            || Self.feasibilityWords.contains(after))
                    // "Closed reduction of right patellar dislocation could not be achieved": the action
                    // named before "of" failed; the dislocation after it stays.
                    let actionOf = !failedAction && Self.abilityModals.contains(before) && attempted < tokens.count
                        && Self.achievingVerbs.contains(tokens[attempted].text)
                        ? (clauseStart..<index).first(where: { position in
                            tokens[position].text == "of" && (clauseStart..<position).contains(where: { Self.attemptedActions.contains(tokens[$0].text) })
                                && (position..<index).contains(where: { Self.failedActionInjuryWords.contains(tokens[$0].text) })
                        }) : nil
                    if let actionOf {
                        negateBackward(&tokens, from: actionOf - 1, to: clauseStart)
                    } else if !(word == "never" && before == "and"), !activeVerb, !describesInjury, !failedRelocation, !infeasibleForAntecedent, !failedAction,
                       Lexicon.beVerbs.contains(before) || after.hasSuffix("ed") || Self.participles.contains(after) {
                        negateBackward(&tokens, from: index - 1, to: clauseStart)
                        // "posterior compartments soft, not released": the clause is only the
                        // verb; what was not done is named in the clause before it.
                        // Not "lytic metastasis in the femoral shaft, not fractured": the lesion's bone is
                        // there, not yet broken (the reason for prophylactic fixation).
                        if Self.onlyFunctionWords(tokens, from: clauseStart, to: index),
                           !(["fractured", "broken"].contains(after) && Self.previousClauseNamesLesion(tokens, before: clauseStart)) {
                            negatePreviousClause(&tokens, before: clauseStart)
                            // "Posterior and medial compartment pressures were measured and were normal,
                            // so those were not opened": "those" are what the statement before named first.
                            if (clauseStart..<index).contains(where: { Self.anaphoricSubjects.contains(tokens[$0].text) }) {
                                negatePreviousSubject(&tokens, before: clauseStart)
                            }
                        }
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
                relativeDenial = (max(clauseStart, index - 3)..<index).contains(where: { Self.relativePronouns.contains(tokens[$0].text) })
                denialEnd = index + length
                lackDenial = Self.lackWords.contains(word)
                index += length
                continue
            }
            // "with an intact fibula", "an intact syndesmosis": said before its noun, it negates
            // the few words after it in its clause.
            if word == "intact", index + 1 < tokens.count, tokens[index + 1].clause == tokens[index].clause,
               index == clauseStart || ["a", "an", "the", "with", "and"].contains(tokens[index - 1].text) {
                var position = index + 1
                while position < min(tokens.count, index + 4), tokens[position].clause == tokens[index].clause,
                      !["and", "but", "with", "or", "was", "were", "is", "are"].contains(tokens[position].text) {
                    tokens[position].negated = true
                    position += 1
                }
            }
            if Lexicon.backwardNegationCues.contains(word), !(word == "intact" && Self.removedWhole(tokens, intact: index)) {
                negateBackward(&tokens, from: index - 1, to: clauseStart)
                // "The lateral malleolus and the posterior malleolus are intact": "and the" opened a
                // new statement for forward scopes, but nouns joined before one predicate share it.
                // Not after a verb ("fibula plated and the medial malleolus intact").
                if clauseStart >= 1, tokens[clauseStart - 1].text == "and", tokens[clauseStart - 1].clause == tokens[index].clause {
                    var start = clauseStart - 1
                    while start > 0, tokens[start - 1].clause == tokens[index].clause { start -= 1 }
                    if clauseStart - 1 - start <= 5, !(start..<clauseStart - 1).contains(where: { position in
                        let text = tokens[position].text
                        return text.hasSuffix("ed") || Self.participles.contains(text) || Lexicon.beVerbs.contains(text)
                    }) {
                        negateBackward(&tokens, from: clauseStart - 1, to: start)
                    }
                }
                if word != "intact", Self.onlyFunctionWords(tokens, from: clauseStart, to: index) { negatePreviousClause(&tokens, before: clauseStart) }
            }
            if Lexicon.predicateNegationCues.contains(word), index >= 2, tokens[index - 1].clause == tokens[index].clause,
               Lexicon.beVerbs.contains(tokens[index - 1].text)
                || (tokens[index - 1].text == "and" && tokens[index - 2].clause == tokens[index].clause && Self.findingVerbs.contains(tokens[index - 2].text)) {
                negateBackward(&tokens, from: index - 1, to: clauseStart)
            }
            // "SCFE L stable", "unstable slip": stable and unstable classify a slipped epiphysis, they
            // do not say it was left alone.
            // "Reduction stable", "hip reduced, concentric": the word tells how the reduction holds, it
            // does not say the joint or fracture was left alone.
            if Lexicon.clauseFinalNegationCues.contains(word), index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause,
               word != "stable" || !(clauseStart..<index).contains(where: { Self.slipWords.contains(tokens[$0].text) }),
               !Self.reductionStates.contains(word) || !(clauseStart..<index).contains(where: { Self.reductionWords.contains(tokens[$0].text) }) {
                negateBackward(&tokens, from: index - 1, to: clauseStart)
                // "posterior fragment small, left alone" (→ untouched); not "stable" or "normal",
                // which describe the thing before them ("Weber B fracture, stable, boot").
                if word == "untouched" || word == "retained", Self.onlyFunctionWords(tokens, from: clauseStart, to: index) {
                    negatePreviousClause(&tokens, before: clauseStart)
                }
            }
            // "posterior and medial compartments soft.", "deep posterior compartment supple": a
            // compartment found soft, in a clause with no release of its own, was examined, not released.
            if Lexicon.softCompartmentWords.contains(word), index > clauseStart,
               index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause,
               (clauseStart..<index).contains(where: { tokens[$0].text.hasPrefix("compartment") }),
               !(clauseStart..<index).contains(where: { position in Lexicon.releaseStems.contains { tokens[position].text.hasPrefix($0) } }) {
                negateBackward(&tokens, from: index - 1, to: clauseStart)
            }
            // "checked posterior compartments: soft, pressure 12, left alone", "deep posterior
            // compartment - supple": the state in a clause of its own after the compartment's clause
            // (a heading colon, a dash, a comma list of findings) says the same of it.
            if Lexicon.softCompartmentWords.contains(word), clauseStart > 0, Self.onlyFunctionWords(tokens, from: clauseStart, to: index),
               index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause,
               tokens[clauseStart - 1].sentence == tokens[index].sentence {
                let previous = tokens[clauseStart - 1].clause
                var start = clauseStart - 1
                while start > 0, tokens[start - 1].clause == previous { start -= 1 }
                if (start..<clauseStart).contains(where: { tokens[$0].text.hasPrefix("compartment") }),
                   !(start..<clauseStart).contains(where: { position in Lexicon.releaseStems.contains { tokens[position].text.hasPrefix($0) } }) {
                    negatePreviousClause(&tokens, before: clauseStart)
                }
            }
            if Lexicon.retentionVerbs.contains(word), index > clauseStart, let end = Self.retentionEnd(tokens, at: index) {
                negateBackward(&tokens, from: index - 1, to: clauseStart, retentionCue: index)
                // "The acetabular cup was firmly fixed and well positioned and was retained": "and was"
                // opened a statement whose subject is the one before it.
                if clauseStart >= 1, tokens[clauseStart - 1].text == "and", tokens[clauseStart - 1].clause == tokens[index].clause,
                   (clauseStart..<index).allSatisfy({ Lexicon.beVerbs.contains(tokens[$0].text) }) {
                    var start = clauseStart - 1
                    while start > 0, tokens[start - 1].clause == tokens[index].clause { start -= 1 }
                    // Only a short subject and what is said of it ("the cup was firmly fixed and well
                    // positioned"); not "the posterior malleolus reduced … once the fibula was plated".
                    if let be = (start..<clauseStart - 1).first(where: { Lexicon.beVerbs.contains(tokens[$0].text) }), be - start <= 4,
                       !(start..<be).contains(where: { tokens[$0].text.hasSuffix("ed") || Self.participles.contains(tokens[$0].text) }),
                       (be..<clauseStart - 1).allSatisfy({ Self.saysOfSubject(tokens[$0].text) }) {
                        negateBackward(&tokens, from: clauseStart - 1, to: start, retentionCue: index)
                    }
                }
                _ = end
            }
            // "after fasciotomy last week", "ORIF yesterday": a dated event is history; so is a
            // dated plan ("for hemi on tomorrow's list", "ORIF next week").
            // "Definitive nailing on Friday": a weekday is another day's.
            // Not an injury so dated ("snapped his heel cord on Thursday", "fell yesterday and broke
            // the ankle"): the injured part is what today's operation treats.
            // "We did the four-compartment release last night", "I plated it yesterday": the
            // writer's own work told the day after is the operation the note is about, as with
            // "on Thursday" below; "ORIF yesterday", "fasciotomy last week" stay history.
            if (word == "yesterday" || (index > 0 && tokens[index - 1].text == "last" && Self.datedUnits.contains(word)))
                    && !Self.firstPersonPast(tokens, from: clauseStart, to: index)
                    && !((word == "yesterday" || word == "night" || word == "evening") && (Self.dayAfterNote(tokens) || Self.codersQuestion(tokens)))
                    && !(word == "yesterday" && Self.detailsFollow(tokens, after: index))
                || word == "tomorrow"
                || (index > 0 && tokens[index - 1].text == "next" && Self.datedUnits.contains(word))
                || (index > 0 && tokens[index - 1].text == "on" && Self.weekdays.contains(word)
                    && !Self.firstPersonPast(tokens, from: clauseStart, to: index))
                || (Self.trailingWeekday(tokens, at: index, clauseStart: clauseStart) && !Self.firstPersonPast(tokens, from: clauseStart, to: index)),
               !(clauseStart..<index).contains(where: { Self.injuryVerbs.contains(tokens[$0].text) }),
               !Self.ownOperationTold(tokens, from: clauseStart, to: index),
               !Self.recentOperationOfAccount(tokens, at: index, clauseStart: clauseStart) {
                Self.markBack(&tokens, \.historical, before: index, to: clauseStart, stopping: false)
                // "to theatre tomorrow for ORIF", "back next week for the nail": the purpose told
                // after the date is that day's too.
                if word != "yesterday", index + 1 < tokens.count, tokens[index + 1].text == "for", tokens[index + 1].clause == tokens[index].clause {
                    var ahead = index + 1
                    while ahead < tokens.count, tokens[ahead].clause == tokens[index].clause {
                        tokens[ahead].historical = true
                        ahead += 1
                    }
                }
            }
            // "TKA performed six weeks earlier", "nailed two days earlier": a time before now is
            // history like "ago" ("earlier today" is not: no unit of time stands before it).
            // "right TKA done at an outside hospital", "fixed at another centre": another
            // provider's work before this one's.
            if (word == "earlier" && index > clauseStart && Lexicon.elapsedUnits.contains(tokens[index - 1].text))
                || (word == "at" && Self.atAnotherFacility(tokens, at: index)) {
                Self.markBack(&tokens, \.historical, before: index, to: clauseStart, stopping: true)
            }
            // "A closed reduction under general anaesthesia was recommended elsewhere": what was
            // advised is a plan, not what was done (after a form of "be"; not "as recommended").
            if Self.advisedWords.contains(word), index > clauseStart + 1, Lexicon.beVerbs.contains(tokens[index - 1].text) {
                Self.markBack(&tokens, \.historical, before: index, to: clauseStart, stopping: false)
            }
            // "already reduced by the ED physician", "splinted by the referring hospital": another
            // provider's work before this one's is history.
            if word == "by", index > clauseStart, index + 1 < tokens.count,
               tokens[(index + 1)..<min(index + 4, tokens.count)].contains(where: { $0.clause == tokens[index].clause && Self.otherProviders.contains($0.text) }) {
                Self.markBack(&tokens, \.historical, before: index, to: clauseStart, stopping: true)
            }
            // "definitive fixation to be done another day", "tibia to be nailed once swelling
            // settles", "needs to be plated": what is still to be done is the plan. Not a state
            // found today ("noted to be reduced", "was able to be reduced", "had to be opened").
            if word == "to", index > clauseStart, index + 2 < tokens.count, tokens[index + 1].text == "be",
               tokens[index + 2].clause == tokens[index].clause, !Self.stateBeforeTo.contains(tokens[index - 1].text),
               !tokens[index - 1].text.hasSuffix("ed") {
                let verb = tokens[index + 2].text
                if verb.hasSuffix("ed") || Self.participles.contains(verb) {
                    Self.markBack(&tokens, \.historical, before: index, to: clauseStart, stopping: true)
                }
            }
            // "TKA in 2019", "R THA 2018": a dated event is history (not a date of numbers, "21/11/2026").
            if index > 0, Self.isYear(word),
               ["in", "since", "during"].contains(tokens[index - 1].text)
                || (tokens[index - 1].clause == tokens[index].clause && tokens[index - 1].text.first?.isLetter == true
                    && !Self.monthWords.contains(tokens[index - 1].text)) {
                // "Removal of the dynamic hip screw and side plate placed in 2022", "the DHS from
                // 2021 was removed": the year dates when the implant was put in, and the removal
                // said before it in the clause is today's work. The dating stops at its own word.
                let datedImplant = (max(clauseStart, 0)..<index).last { Self.implantDatingWords.contains(tokens[$0].text) }
                let stop = datedImplant.flatMap { dating in
                    (max(clauseStart, 0)..<dating).contains { FeatureDetector.hardwareRemovalWords.contains(tokens[$0].text) } ? dating : nil
                }
                Self.markBack(&tokens, \.historical, before: index, to: max(clauseStart, stop ?? clauseStart), stopping: false)
            }
            // "In 2015 the patient had a high tibial osteotomy with a plate", "Earlier (2015) she had ...":
            // a year that opens its clause dates what the clause tells after it.
            if Self.isYear(word), index + 1 < tokens.count,
               tokens[index + 1].sentence == tokens[index].sentence, tokens[index + 1].text.first?.isLetter == true,
               (clauseStart..<index).allSatisfy({ Self.yearOpeners.contains(tokens[$0].text) }),
               // It opens the statement: after an opening word ("in", "earlier"), or first in its sentence;
               // not "a total knee replacement (2019) fell from a ladder", which dates the knee.
               clauseStart < index || clauseStart == 0 || tokens[clauseStart - 1].sentence != tokens[index].sentence
                || Self.yearOpeners.contains(tokens[clauseStart - 1].text) {
                // A year set off on its own ("(2015)") dates the clause after it.
                if tokens[index + 1].clause == tokens[index].clause { historical = true } else { datedNextClause = index + 1 }
            }
            // "a cephalomedullary nail would be reasonable but ...", "a plate might have been an
            // option": what would, might or should be is not what was done ("could be reduced" is).
            if Self.hypotheticalModals.contains(word), index > clauseStart, index + 1 < tokens.count,
               tokens[index + 1].text == "be" || tokens[index + 1].text == "have", tokens[index + 1].clause == tokens[index].clause {
                Self.markBack(&tokens, \.uncertain, before: index, to: clauseStart, stopping: true)
            }
            // So is one held for a condition to come ("ORIF will be considered if it redisplaces",
            // "fixation contemplated should the reduction be lost").
            if Lexicon.backwardUncertaintyCues.contains(word),
               index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause || tokens[index + 1].text == "but"
                || Lexicon.conditionFollowers.contains(tokens[index + 1].text) {
                Self.markBack(&tokens, \.uncertain, before: index, to: clauseStart, stopping: true)
            }
            // "ORIF planned when the swelling settles", "TKA scheduled for March": the thing
            // planned came first ("closed reduction as planned" is today's work).
            let planned = Lexicon.backwardPlanCues.contains(word) && index > 0
                && (index > clauseStart || Self.resumedClauseStart(tokens, clauseStart: clauseStart) != nil) && tokens[index - 1].text != "as"
                && (index + 1 == tokens.count || tokens[index + 1].clause != tokens[index].clause
                    || Lexicon.planFollowers.contains(tokens[index + 1].text))
            // "rupture … missed and diagnosed 5 months later" dates the injury like "ago" does.
            let countsTime = word == "ago" || (word == "later" && index > 0 && Lexicon.timeUnits.contains(tokens[index - 1].text))
            if (Lexicon.backwardHistoryCues.contains(word) && !(countsTime && Self.datesAnInjury(tokens, clauseStart: clauseStart, before: index))
                    && !(word == "ago" && Self.writersOwnOperation(tokens, from: clauseStart, to: index)))
                || planned || ((word == "in" || word == "within") && Self.futureTime(tokens, at: index))
                || Self.awaitsSoftTissues(tokens, at: index) {
                // "open reduction and ligament reconstruction planned at a later date": like a
                // backward negation, it crosses an "and" between nouns, not one after a verb.
                // "Surgery (DHS vs hemi) planned": the aside belongs to the clause it interrupts.
                var position = index - 1
                let lowest = Self.resumedClauseStart(tokens, clauseStart: clauseStart) ?? clauseStart
                while position >= lowest, position >= 0 {
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
            // "Consent form: L total knee replacement, booked for next month", "Lily's operation - a
            // cut in the pelvic bone (a pelvic osteotomy) - is booked for 14 January": a plan cue that
            // opens its clause (after a form of "be" at most) and ends its sentence with only a date
            // plans what the sentence named before it, across the commas and asides.
            if Self.sentencePlanCues.contains(word), clauseStart > 0, tokens[clauseStart - 1].sentence == tokens[index].sentence,
               (clauseStart..<index).allSatisfy({ Lexicon.beVerbs.contains(tokens[$0].text) }), Self.onlyDateFollows(tokens, after: index) {
                var position = clauseStart - 1
                while position >= 0, tokens[position].sentence == tokens[index].sentence {
                    tokens[position].historical = true
                    position -= 1
                }
            }
            if let length = Self.cue(Lexicon.uncertaintyCues, in: tokens, at: index), !Self.monthMay(tokens, at: index) {
                // "(arthroscopic vs open)", "nail versus plate discussed": an alternative weighed is
                // uncertain on both sides; the word or two before "vs" in its clause too.
                // Words as written: "DHS vs hemi" weighs the whole dynamic hip screw, not its last two tokens.
                if word == "vs" || word == "versus" {
                    var position = index - 1
                    var written = 0
                    var lastStart = -1
                    while position >= clauseStart, position >= 0, !Lexicon.backwardStops.contains(tokens[position].text) {
                        if tokens[position].start != lastStart { written += 1; lastStart = tokens[position].start }
                        if written > 2 { break }
                        tokens[position].uncertain = true
                        position -= 1
                    }
                }
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
            // "skin left open for delayed closure", "stump left open, for formal revision and closure at
            // Role 4": what a wound is left open for is the next operation, not today's.
            if word == "for", !historical, Self.leftOpenFor(tokens, at: index) {
                historical = true
                tokens[index].historical = true
                index += 1
                continue
            }
            // "just want to ask the proper code for my patient s/p PFNA insertion": a coder asking
            // for the code of what the patient is status post means that operation.
            if let length = Self.cue(Lexicon.historyCues, in: tokens, at: index),
               !(word == "status" && (Self.asksForCode(tokens, before: index) || Self.datedToday(tokens, after: index + length)
                                      || Self.dayAfterNote(tokens))),
               !(length == 2 && ["after", "post"].contains(tokens[index + 1].text) && Self.ownOperationFollows(tokens, after: index + length)),
               !(Self.todayPlanCues.contains(word) && (index == 0 || tokens[index - 1].sentence != tokens[index].sentence)
                 && Self.planDatedToday(tokens, after: index + length)) {
                historical = true
                if (0..<length).contains(where: { Self.futureCueWords.contains(tokens[index + $0].text) }) { future = true }
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

    /// "Consent taken for right hip hemiarthroplasty (cemented) for displaced neck of femur
    /// fracture. Risks explained ... Listed for tomorrow's list.": a consent whose operation the
    /// note lists, books or schedules for a date to come, in a note that tells nothing done
    /// ("performed as consented", "done as booked", "outcome"), is the plan: the consent's sentence
    /// is not today's work.
    ///
    /// So is a whole form whose title or first field says it is a booking, a surgery request, a
    /// scheduling form, a waiting-list entry or a consent form ("THEATRE BOOKING: ... Procedure:
    /// open synovectomy", "SURGERY BOOKING REQUEST", "CONSENT: Left leg - epiphysiodesis") and which
    /// tells nothing done (no "performed", "done", outcome, findings, implant used, post-op): its
    /// operation is not today's ("to be performed", "will be done" are the form's own future). A
    /// form completed after the operation ("Procedure performed: as consented", "done as booked")
    /// keeps its code.
    func markConsentedPlan(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        if Self.namesPlanForm(tokens, bytes: bytes),
           !tokens.indices.contains(where: { (Self.doneWordsOfForms.contains(tokens[$0].text) && !($0 > 0 && tokens[$0 - 1].text == "be")
                                                 && !Self.notYetDone({ tokens[$0].text }, at: $0))
                                                || Self.afterOperationWords.contains(tokens[$0].text)
                                                || (tokens[$0].text == "post" && $0 + 1 < tokens.count && tokens[$0 + 1].text == "op") }),
           // A heading's words are not tokens: "Procedure performed: as consented".
           !Self.headingTellsDone(bytes) {
            for index in tokens.indices { tokens[index].historical = true }
            return
        }
        // Looked for in every note: the length first, so that few words are hashed.
        guard let consent = tokens.firstIndex(where: { [7, 9].contains($0.text.utf8.count) && Self.consentWords.contains($0.text) }),
              let booking = tokens.indices.first(where: { (Self.sentencePlanCues.contains(tokens[$0].text) || Self.opensTheatreDate(tokens, at: $0))
                                                         && Self.onlyDateFollows(tokens, after: $0) }),
              !tokens.contains(where: { Self.doneWordsOfForms.contains($0.text) }) else { return }
        // "Consent discussion documented. Procedure explained: right hemiarthroplasty ... For theatre
        // tomorrow AM.": what the consent explains up to the booking is the same plan.
        let lastSentence = max(tokens[consent].sentence, tokens[booking].sentence)
        var position = consent
        while position < tokens.count, tokens[position].sentence <= lastSentence {
            tokens[position].historical = true
            position += 1
        }
    }
    /// "not yet performed", "not done", "never completed", "has not been performed": a done word
    /// negated in the two words before it tells the operation is still to come.
    static func notYetDone(_ word: (Int) -> String, at index: Int) -> Bool {
        (max(0, index - 2)..<index).contains { ["not", "yet", "never"].contains(word($0)) }
    }
    /// "For theatre tomorrow AM.", "To theatre on Thursday.", "Theatre tomorrow.": a sentence that is
    /// only the theatre, the list or surgery and its date, opened by "for", "to" or "on" or by the
    /// place itself, books the operation (the date itself is `onlyDateFollows`'s).
    static func opensTheatreDate(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        guard index == 0 || tokens[index - 1].sentence != tokens[index].sentence else { return false }
        let text = tokens[index].text
        if theatreWords.contains(text) { return true }
        return ["for", "to", "on"].contains(text) && index + 1 < tokens.count && tokens[index + 1].sentence == tokens[index].sentence
            && theatreWords.contains(tokens[index + 1].text)
    }
    static let theatreWords: Set<String> = ["theatre", "theater", "theatres", "surgery", "list", "or"]
    static let consentWords: Set<String> = ["consent", "consented"]
    /// Words that tell a form was filled in after the operation: what was found, used or followed.
    static let afterOperationWords: Set<String> = ["findings", "found", "postoperative", "postop", "used", "inserted", "implanted", "uneventful",
                                                   "ebl", "intraoperatively", "complication", "tolerated"]
    static let planFormWords: Set<String> = ["booking", "consent", "scheduling", "waitlist", "waitinglist"]
    static let requestedOperationWords: Set<String> = ["surgery", "surgical", "operation", "theatre", "theater", "or", "procedure", "booking"]
    /// Read only for a note titled as a form: whether its text (headings included) says done.
    /// Whole words, so "abandoned" holds no "done"; and "to be performed", "will be done" are the
    /// booking's own future, not a report that it was done.
    static func headingTellsDone(_ bytes: [UInt8]) -> Bool {
        let words = String(decoding: bytes, as: UTF8.self).lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        for (index, word) in words.enumerated() {
            let previous = index > 0 ? words[index - 1] : ""
            switch word {
            case "performed", "done", "completed": if previous != "be", !notYetDone({ words[$0] }, at: index) { return true }
            case "postop", "findings": return true
            case "op": if previous == "post" { return true }
            case "note": if previous == "operation" || previous == "op" { return true }
            default: break
            }
        }
        return false
    }
    /// The note's title or first field (its words up to the first ":" or line end, at most five)
    /// names a booking, a surgery request, a scheduling form, a waiting-list entry or a consent form.
    static func namesPlanForm(_ tokens: [NarrativeToken], bytes: [UInt8]) -> Bool {
        var index = 0
        while index < min(tokens.count, 5) {
            let text = tokens[index].text
            // The title ends at its ":" or its line.
            var position = tokens[index].end
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            let titleEnds = position >= bytes.count || [UInt8(ascii: ":"), UInt8(ascii: "\n"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(bytes[position])
            // "CONSENT:", "Consent form", not "Consent obtained. Supine on a traction table ...".
            if text == "consent" { return titleEnds || (index + 1 < tokens.count && ["form", "forms"].contains(tokens[index + 1].text)) }
            if planFormWords.contains(text) { return true }
            if text == "request", index > 0, requestedOperationWords.contains(tokens[index - 1].text) { return true }
            if text == "list", index > 0, ["waiting", "wait"].contains(tokens[index - 1].text) { return true }
            if titleEnds { return false }
            index += 1
        }
        return false
    }
    static let doneWordsOfForms: Set<String> = ["performed", "done", "completed", "underwent", "undertaken", "outcome", "addendum", "achieved",
                                                "today", "intraoperative", "intraop"]

    static let sentencePlanCues: Set<String> = ["booked", "scheduled", "planned", "listed", "rebooked", "relisted"]
    /// The rest of the sentence after a plan cue is its date only: "for next month", "for 14
    /// January", "on tomorrow's list", "in 7-10 days".
    static func onlyDateFollows(_ tokens: [NarrativeToken], after index: Int) -> Bool {
        var position = index + 1
        var dated = false
        while position < tokens.count, tokens[position].sentence == tokens[index].sentence {
            let text = tokens[position].text
            if text.first?.isNumber == true || monthWords.contains(text) || weekdays.contains(text) || Lexicon.elapsedUnits.contains(text)
                || dateWords.contains(text) {
                dated = true
            } else if !["for", "on", "in", "at", "the", "a", "an", "of", "s", "list", "theatre", "theater", "surgery", "or"].contains(text) {
                return false
            }
            position += 1
        }
        return dated
    }
    static let dateWords: Set<String> = ["next", "tomorrow", "tomorrows", "month", "morning", "afternoon", "am", "pm", "date", "early", "late", "mid", "end"]

    /// "Risks discussed: bleeding, infection, re-rupture", "consented, risks including nerve injury
    /// and amputation": what a consent lists as risks may happen; it did not. From the risk word to
    /// the end of its sentence or a word that ends a scope ("at risk of compartment syndrome, so a
    /// fasciotomy was done"). Not "risk factors" (conditions the patient has).
    func markRisks(_ tokens: inout [NarrativeToken]) {
        var index = 0
        while index < tokens.count {
            guard tokens[index].text == "risk" || tokens[index].text == "risks" else { index += 1; continue }
            if index + 1 < tokens.count, ["factor", "factors"].contains(tokens[index + 1].text) { index += 2; continue }
            let sentence = tokens[index].sentence
            var position = index + 1
            while position < tokens.count, tokens[position].sentence == sentence, !Lexicon.scopeBreakers.contains(tokens[position].text) {
                tokens[position].uncertain = true
                position += 1
            }
            index = position
        }
    }

    /// Conditions a patient comes with ("stiffness after …", "nonunion after …").
    static let presentingConditions: Set<String> = [
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
        guard before.contains(where: { presentingConditions.contains($0.text) }) else { return false }
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

    /// Words of a part's state in a chain of predicates ("well fixed and stable and was retained").
    /// A specimen or object taken out whole: "removed intact", "excised intact", "delivered intact",
    /// "shelled out intact". "intact" tells the state of what was taken out, not that nothing was done.
    static let removalParticiples: Set<String> = ["removed", "excised", "extracted", "retrieved", "delivered", "explanted", "resected",
                                                  "enucleated", "extirpated", "withdrawn", "taken", "shelled", "lifted", "teased", "sent"]
    static func removedWhole(_ tokens: [NarrativeToken], intact index: Int) -> Bool {
        var position = index - 1
        if position >= 0, ["out", "away", "off"].contains(tokens[position].text) { position -= 1 }
        return position >= 0 && tokens[position].clause == tokens[index].clause && removalParticiples.contains(tokens[position].text)
    }
    static let stateWords: Set<String> = ["well", "stable", "solid", "intact", "good", "satisfactory", "fine", "sound", "rigid"]
    /// A word of what is said of one subject in a chain of predicates ("was firmly fixed and well
    /// positioned"): a function word, a form of "be", a participle, an adverb or a state word.
    static func saysOfSubject(_ text: String) -> Bool {
        Lexicon.stopWords.contains(text) || Lexicon.beVerbs.contains(text) || text.hasSuffix("ed") || text.hasSuffix("ly")
            || participles.contains(text) || stateWords.contains(text)
    }
    /// Words that date an implant's insertion ("placed in 2022", "from 2021"); the removals that
    /// can come before them in a clause of today's work are `FeatureDetector.hardwareRemovalWords`.
    static let implantDatingWords: Set<String> = ["placed", "inserted", "implanted", "put", "fitted", "from"]
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
            // "well fixed", "solidly fixed": the state of the thing, not a verb of its own
            // ("femoral and tibial components well fixed, not revised").
            let state = position > 0 && tokens[position - 1].clause == clause && Self.stateAdverbs.contains(tokens[position - 1].text)
            if (word.hasSuffix("ed") || Self.participles.contains(word)) && !state || (Lexicon.backwardStops.contains(word) && !joinsNouns) { break }
            if word.contains(where: \.isLetter) { clauseHasWord = true }
            tokens[position].negated = true
            position -= 1
        }
    }

    static let stateAdverbs: Set<String> = ["well", "solidly", "firmly"]
    static let injuryVerbs: Set<String> = ["snapped", "ruptured", "tore", "broke", "fell", "twisted", "injured", "sustained", "rolled",
                                           "popped", "fractured", "dislocated", "lacerated", "crushed", "sprained"]
    /// How a reduction holds, said after it in its clause.
    static let reductionStates: Set<String> = ["stable", "concentric", "congruent"]
    static let reductionWords: Set<String> = ["reduction", "reductions", "reduced", "relocated", "relocation"]
    static let slipWords: Set<String> = ["slipped", "slip", "epiphysis", "epiphysiolysis", "sufe"]

    /// "For ORIF on the trauma list when swelling allows", "fix once the soft tissues settle",
    /// "ORIF after the swelling goes down": what waits for the soft tissues is the plan.
    static func awaitsSoftTissues(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        // Called for nearly every word of a note: static sets, no array literal built per call.
        guard waitingWords.contains(tokens[index].text) else { return false }
        var next = index + 1
        while next < tokens.count, softTissueOwners.contains(tokens[next].text) { next += 1 }
        guard next < tokens.count, tokens[next].clause == tokens[index].clause else { return false }
        return softTissueWords.contains(tokens[next].text)
    }
    static let waitingWords: Set<String> = ["when", "once", "until", "after"]
    static let softTissueOwners: Set<String> = ["the", "her", "his", "their", "its"]
    static let softTissueWords: Set<String> = ["swelling", "soft", "skin", "oedema", "edema", "tissues", "wrinkle", "wrinkles", "blisters", "blistering"]

    /// "definitive fixation in 10 days", "ORIF in 7 to 10 days": "in" with a span of time that ends
    /// its clause (or leads to "time", "once", "when"): what the clause names is to come.
    static func futureTime(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        let clause = tokens[index].clause
        var look = index + 1
        var sawNumber = false
        // "in about 10-14 days", "in approximately two weeks", "in a couple of weeks", "in the next week".
        while look < tokens.count, tokens[look].clause == clause {
            let text = tokens[look].text
            if Double(text) != nil || Lexicon.numberWords.contains(text) {
                sawNumber = true
            } else if !(sawNumber && ["to", "or", "of"].contains(text)) && !Self.approximateTimeWords.contains(text) {
                break
            }
            look += 1
        }
        if !sawNumber, look < tokens.count, look > index + 1, tokens[look - 1].text == "next" { sawNumber = true }
        guard sawNumber, look < tokens.count, tokens[look].clause == clause, Lexicon.timeUnits.contains(tokens[look].text) else { return false }
        let after = look + 1
        return after == tokens.count || tokens[after].clause != clause || ["time", "once", "when", "if", "after", "pending"].contains(tokens[after].text)
    }

    static let approximateTimeWords: Set<String> = ["about", "around", "approximately", "approx", "roughly", "another", "the", "next", "within"]

    /// The last token of a retention cue starting at `index` ("left in place", "kept", "retained")
    /// that ends its clause or is followed by a reason ("…, because it was well fixed"). "Left" alone
    /// must be followed by its complement ("left in place", "left alone"); "kept" and "retained" stand alone.
    static func retentionEnd(_ tokens: [NarrativeToken], at index: Int) -> Int? {
        let clause = tokens[index].clause
        for end in Lexicon.retentionEnds {
            // "Posterior and adductor were left.", "the posterior fragment was left": a bare "left"
            // after a verb of being ends the clause as a retention; elsewhere it names a side.
            if end.isEmpty, tokens[index].text == "left",
               !(index > 0 && tokens[index - 1].clause == clause && ["was", "were", "been", "is", "are"].contains(tokens[index - 1].text)) { continue }
            let last = index + end.count
            guard last < tokens.count else { continue }
            guard end.enumerated().allSatisfy({ tokens[index + 1 + $0.offset].text == $0.element && tokens[index + 1 + $0.offset].clause == clause }) else { continue }
            if last + 1 == tokens.count || tokens[last + 1].clause != clause || Lexicon.retentionFollowers.contains(tokens[last + 1].text) {
                return last
            }
        }
        return nil
    }

    /// `retentionCue`: where a retention cue stands ("left in place"); an "and" that only joins a
    /// description to it ("components well fixed and left in place": no new subject after the
    /// "and") is crossed.
    /// Sets `flag` on the words before `index` back to `clauseStart` or, `stopping`, up to a word
    /// that ends a backward scope (`Lexicon.backwardStops`): what a cue after them says of them.
    private static func markBack(_ tokens: inout [NarrativeToken], _ flag: WritableKeyPath<NarrativeToken, Bool>, before index: Int,
                                 to clauseStart: Int, stopping: Bool) {
        var position = index - 1
        while position >= clauseStart, position >= 0, !(stopping && Lexicon.backwardStops.contains(tokens[position].text)) {
            tokens[position][keyPath: flag] = true
            position -= 1
        }
    }

    static let anaphoricSubjects: Set<String> = ["those", "these", "they", "both"]

    /// Negates the subject of the statement before `clauseStart` in its sentence: its words up to its
    /// first verb ("Posterior and medial compartment pressures" of "... were measured and were normal").
    private func negatePreviousSubject(_ tokens: inout [NarrativeToken], before clauseStart: Int) {
        guard clauseStart > 0, clauseStart < tokens.count else { return }
        let sentence = tokens[clauseStart].sentence
        var end = clauseStart - 1
        while end >= 0, tokens[end].sentence == sentence,
              Lexicon.scopeBreakers.contains(tokens[end].text) || tokens[end].text.first?.isLetter != true { end -= 1 }
        guard end >= 0, tokens[end].sentence == sentence else { return }
        var start = end
        while start > 0, tokens[start - 1].sentence == sentence, !Lexicon.scopeBreakers.contains(tokens[start - 1].text) { start -= 1 }
        var position = start
        while position <= end {
            let word = tokens[position].text
            if Lexicon.beVerbs.contains(word) || word.hasSuffix("ed") || Self.participles.contains(word) { break }
            tokens[position].negated = true
            position += 1
        }
    }

    private func negateBackward(_ tokens: inout [NarrativeToken], from: Int, to start: Int, retentionCue cue: Int? = nil) {
        var position = from
        while position >= start, position >= 0 {
            let word = tokens[position].text
            // "and" between two statements stops ("lateral plated and posterior not fixed"); between
            // two nouns it does not ("femoral and tibial components retained").
            if word == "and", position > 0 {
                let before = tokens[position - 1].text
                // "The acetabular cup was firmly fixed and well positioned and was retained": a chain
                // of what is said of one subject, up to the cue of keeping it.
                let joinsPredicate = cue.map { cue in (position + 1..<cue).allSatisfy { Self.saysOfSubject(tokens[$0].text) } } ?? false
                // "the obturator nerve identified and preserved": finding it did nothing to it.
                if !joinsPredicate, before.hasSuffix("ed") || Self.participles.contains(before), !Self.findingVerbs.contains(before) { break }
                tokens[position].negated = true
                position -= 1
                continue
            }
            if Lexicon.backwardStops.contains(word) { break }
            // "amputation for a stump that could not be revised": the relative clause negates its
            // noun, not the work done for it.
            if word == "for", (position + 1...max(position + 1, from)).contains(where: { Self.relativePronouns.contains(tokens[$0].text) }) { break }
            // "… cannulated screws through stab incisions under fluoro, fracture not exposed" written
            // without the comma: the subject of the negated verb starts after the way it was done.
            // Not when its object ends the stretch ("syndesmosis stressed under fluoroscopy and stable").
            if cue == nil, Lexicon.mannerPrepositions.contains(word),
               (position + 1...max(position + 1, from)).filter({ $0 <= from && !Lexicon.stopWords.contains(tokens[$0].text) }).count >= 2 { break }
            tokens[position].negated = true
            position -= 1
        }
    }
    /// "not" + a verb of looking ("find", "see", "locate") + a code within its clause: "can not
    /// find a specific CPT", "could not see a code for this".
    static func searchesForCode(_ tokens: [NarrativeToken], after index: Int) -> Bool {
        guard index + 2 < tokens.count, searchVerbs.contains(tokens[index + 1].text) else { return false }
        let clause = tokens[index].clause
        return (index + 2..<min(tokens.count, index + 6)).contains { tokens[$0].clause == clause && Self.codeWords.contains(tokens[$0].text) }
    }
    static let searchVerbs: Set<String> = ["find", "see", "locate", "identify", "spot"]
    static let relativePronouns: Set<String> = ["that", "which", "who"]
    /// "who underwent a complete right patellectomy under my care two weeks ago", "the ORIF I
    /// performed ten days ago": the writer dates their own operation, the one the letter or referral
    /// is about, not an earlier history.
    static func writersOwnOperation(_ tokens: [NarrativeToken], from start: Int, to end: Int) -> Bool {
        guard end - start >= 3 else { return false }
        for position in start..<(end - 2) {
            let (a, b, c) = (tokens[position].text, tokens[position + 1].text, tokens[position + 2].text)
            if a == "under", b == "my" || b == "our", c == "care" { return true }
            if a == "i" || a == "we", ["performed", "did", "operated", "carried"].contains(b) { return true }
        }
        return false
    }
    /// Negation cues of a want ("lack of", "want of", "shortage of", "lacking") and the words that end
    /// the noun phrase they deny.
    static let lackWords: Set<String> = ["lack", "lacking", "want", "shortage"]
    static let afterLackWords: Set<String> = ["we", "i", "he", "she", "they", "so", "therefore", "hence", "thus", "then"]
    /// A past participle: a regular one, one of `participles`, or an irregular verb of taking away.
    static func isParticiple(_ text: String) -> Bool {
        (text.hasSuffix("ed") && text.count > 3) || participles.contains(text) || ["cut", "sent", "shaved", "slit", "split"].contains(text)
    }
    /// History cues that tell the future ("will", "going to", "we'll", "plan to").
    static let futureCueWords: Set<String> = ["will", "going", "well", "shall", "plan", "plans", "planning", "intend", "intends"]
    /// A next step joined to a plan at `index`: "then", "and then", "while", "followed by", "after
    /// which", "before", not when a past verb follows ("then fixed the fibula": done, and told so).
    static func continuesPlan(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        var next = index
        switch tokens[index].text {
        case "then", "while", "before", "followed": next = index + 1
        case "and", "after":
            guard index + 1 < tokens.count, ["then", "which"].contains(tokens[index + 1].text) || (tokens[index].text == "and" && tokens[index + 1].text == "followed") else { return false }
            if tokens[index].text == "after", tokens[index + 1].text != "which" { return false }
            next = index + 2
            if next < tokens.count, tokens[next].text == "by" { next += 1 }
        default: return false
        }
        if tokens[index].text == "followed" {
            guard next < tokens.count, tokens[next].text == "by" else { return false }
            next += 1
        }
        while next < tokens.count, ["we", "i", "he", "she", "they", "you", "will", "can"].contains(tokens[next].text) { next += 1 }
        guard next < tokens.count else { return false }
        let following = tokens[next].text
        return !(following.hasSuffix("ed") || participles.contains(following) || ["was", "were", "had"].contains(following))
    }
    /// A word that is a year of a patient's history or of today ("2015", not "21/11/2026" or "3000").
    static func isYear(_ word: String) -> Bool {
        guard word.utf8.count == 4, let year = Int(word) else { return false }
        return (1950...2100).contains(year)
    }
    /// Words a clause may open with before the year that dates it ("in 2015", "earlier (2015)").
    static let yearOpeners: Set<String> = ["in", "since", "during", "earlier", "back", "previously", "prior", "around", "about", "circa"]
    /// "not possible / feasible / amenable to ...": what could not be done, said of its object.
    static let feasibilityWords: Set<String> = ["possible", "feasible", "amenable", "suitable", "salvageable", "repairable",
                                                "reconstructable", "reconstructible", "fixable", "reparable"]
    /// Past forms of the surgeon's work that can open a second action after "and".
    static let workVerbsPast: Set<String> = ["put", "placed", "inserted", "passed", "fixed", "reduced", "applied", "drilled", "secured",
                                             "stabilised", "stabilized", "pinned", "plated", "nailed", "screwed", "wired", "excised",
                                             "removed", "released", "repaired", "sutured", "irrigated", "drained", "opened", "immobilised",
                                             "immobilized", "splinted", "casted", "held", "fused", "transferred", "reattached", "resected"]
    static let leavingVerbs: Set<String> = ["left", "leave", "leaving", "kept", "keep", "remains", "remained", "packed", "dressed", "laid"]
    /// Operations a wound left open waits for.
    static let laterWoundWork: Set<String> = ["closure", "close", "closing", "revision", "revise", "relook", "look", "dpc", "formal",
                                              "formalisation", "formalization", "completion", "definitive", "delayed", "secondary",
                                              "staged", "washout", "debridement", "coverage", "flap", "reconstruction", "grafting"]
    /// "for" right after a wound (stump, skin, incision) left or kept "open", before the operation it waits for.
    static func leftOpenFor(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        // "left open for", or with a few words of how between ("left open as a guillotine for delayed closure").
        guard index >= 2, let open = (max(1, index - 4)..<index).last(where: { tokens[$0].text == "open" && tokens[$0].sentence == tokens[index].sentence }),
              (max(0, open - 4)..<open).contains(where: { tokens[$0].sentence == tokens[index].sentence && leavingVerbs.contains(tokens[$0].text) })
        else { return false }
        var look = index + 1
        while look < tokens.count, look <= index + 4, tokens[look].sentence == tokens[index].sentence {
            if laterWoundWork.contains(tokens[look].text) { return true }
            look += 1
        }
        return false
    }
    static let relocationWords: Set<String> = ["reduced", "relocated", "reducible", "relocatable"]
    /// "could not / can not be ...": an attempt or a plan that failed, not a part left alone.
    static let abilityModals: Set<String> = ["could", "can"]
    /// Verbs of treating an injury that a failed attempt names ("could not be fixed / reduced / held").
    static let treatingVerbs: Set<String> = relocationWords.union([
        "fixed", "held", "maintained", "nailed", "plated", "pinned", "stabilised", "stabilized", "reconstructed", "repaired",
        "salvaged", "manipulated", "realigned", "aligned", "controlled", "treated", "managed", "operated", "fixated",
    ])
    /// Verbs that say an attempt came off ("could not be achieved / obtained / performed").
    static let achievingVerbs: Set<String> = ["achieved", "obtained", "performed", "done", "accomplished", "effected", "carried"]
    /// Actions named as nouns before "of" the injury they treat.
    static let attemptedActions: Set<String> = ["reduction", "relocation", "fixation", "manipulation", "stabilisation", "stabilization",
                                                "nailing", "pinning", "plating", "realignment", "alignment"]
    /// The injury a failed action leaves in place: a fracture or a dislocation.
    static let failedActionInjuryWords: Set<String> = ProcedureScorer.fractureWords.union(dislocationWords)
    static let dislocationWords: Set<String> = ["dislocated", "dislocation", "dislocations", "dislocating", "subluxed", "subluxation"]
    /// Verbs of finding or showing a structure, which do nothing to it ("identified and protected").
    static let findingVerbs: Set<String> = ["identified", "dissected", "isolated", "visualised", "visualized", "found", "exposed",
                                            "traced", "seen", "noted", "mobilised", "mobilized", "palpated", "inspected", "located"]

    /// First words of every cue: most words start none, and are passed over at once.
    static let cueHeads: Set<String> = Set((Lexicon.negationCues + Lexicon.uncertaintyCues + Lexicon.historyCues).compactMap(\.first))

    /// "On 5 May I excised the mass", "May 12, 2026", "in May": the month, not the modal of doubt. A
    /// day's number or a year beside it, or a word that dates ("in", "since", "early") before it.
    static func monthMay(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        guard tokens[index].text == "may" else { return false }
        func dayOrYear(_ position: Int) -> Bool {
            guard position >= 0, position < tokens.count, tokens[position].sentence == tokens[index].sentence else { return false }
            let digits = tokens[position].text.prefix { $0.isNumber }
            guard let number = Int(digits), !digits.isEmpty else { return false }
            return (1...31).contains(number) || (1950...2100).contains(number)
        }
        if dayOrYear(index - 1) || dayOrYear(index + 1) { return true }
        return index > 0 && monthDatingWords.contains(tokens[index - 1].text)
    }
    static let monthDatingWords: Set<String> = ["in", "since", "during", "until", "early", "late", "mid", "from", "last", "next"]

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
}
