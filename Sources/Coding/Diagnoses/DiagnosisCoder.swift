/// Codes the conditions a narrative states with the real ICD-10-CM data: a rule finds the
/// condition and names a stem; the billable code under it is chosen by side, displacement and
/// descriptive words, and completed with the 7th character for the encounter.
struct DiagnosisCoder: Sendable {
    let knowledgeBase: KnowledgeBase

    struct Result: Sendable {
        var suggestions: [CodeSuggestion] = []
        var queries: [DocumentationQuery] = []
        var warnings: [ReportWarning] = []
    }

    /// Words of descriptions that do not tell codes of one stem apart.
    static let neutralWords: Set<String> = [
        "of", "and", "the", "with", "without", "in", "for", "to", "by", "or", "due", "fracture", "fractures", "right", "left",
        "bilateral", "unilateral", "unspecified", "other", "displaced", "nondisplaced", "part", "bone", "femur", "tibia", "fibula",
        "leg", "end", "limb", "extremity", "tibial", "femoral", "fibular", "initial", "encounter", "closed", "open", "type", "specified",
        "not", "elsewhere", "classified", "nos", "site", "internal", "joint", "level",
    ]

    func code(_ narrative: AnalyzedNarrative, laterality: LateralityReader, features: DetectedFeatures) -> Result {
        var result = Result()
        // The sides each group was coded for: a rule of a group already used is read again only
        // for the other limb ("Right: trimalleolar … Left: isolated lateral malleolus fracture").
        var usedGroups: [String: Set<Side>] = [:]
        var emitted: Set<String> = []
        let deviceSite = Self.deviceSiteWords(narrative).union(Self.implantHeadWords(narrative))
        // Not an implant's words said under the heading ("Operation: … hemi-endoprosthesis (head 45 mm)").
        func headingWords(_ sections: Set<SectionKind>) -> Set<String> {
            Set(narrative.tokens.indices.filter { !narrative.tokens[$0].negated && !deviceSite.contains($0) && sections.contains(narrative.tokens[$0].section) }
                .map { narrative.tokens[$0].text })
        }
        var diagnosisWords = headingWords([.diagnosisPost, .diagnosisPre])
        // No diagnosis heading: the procedure title names the site the conditions are of
        // ("Procedure: open synovectomy, left ankle. Findings: pigmented villonodular synovitis").
        if diagnosisWords.isEmpty {
            diagnosisWords = headingWords([.procedureTitle])
        }
        var symptoms = Result()
        let openFracture = Self.openFractureReading(narrative)
        let unhealed = Self.unhealedWords(narrative)
        let fractureNames = Self.fractureNames(narrative) + unhealed
        // `healed` is true only beside one of its healing words: most narratives have none, and it
        // scans the hit's sentence for every hit of every fracture rule. Read once per narrative.
        let mayBeHealed = narrative.tokens.contains { Self.healedWords.contains($0.text) }
        // The narrative's words that count as context when a code is chosen: read once, when a
        // rule first matches.
        var context: Context?
        let firstHeads = knowledgeBase.diagnosisFirstHeads
        let firstIsFracture = knowledgeBase.diagnosisFirstIsFracture
        let rules = knowledgeBase.diagnosisRules
        for ruleIndex in rules.indices {
            // A rule none of whose first group's phrases may be in the note (and whose first group
            // no fracture name fills) does not match: passed over without reading the rule.
            if !firstIsFracture[ruleIndex] || fractureNames.isEmpty, !firstHeads.mayMatch(ruleIndex, in: narrative) { continue }
            let compiled = rules[ruleIndex]
            // The rule is copied (retaining each of its fields) only when it matches.
            if let group = compiled.rule.group, let used = usedGroups[group], used.count != 1 { continue }
            guard let (sentence, hits) = match(compiled, in: narrative, deviceSite: deviceSite, fractureNames: fractureNames, unhealed: unhealed,
                                               mayBeHealed: mayBeHealed) else { continue }
            let rule = compiled.rule
            if compiled.none.contains(where: { $0.hits(in: narrative).contains { $0.affirmed && !(($0.first...$0.last).allSatisfy(deviceSite.contains)) } }) { continue }
            var words = Set(narrative.tokens.indices.filter { narrative.tokens[$0].sentence == sentence && !narrative.tokens[$0].negated && !deviceSite.contains($0) }
                .map { narrative.tokens[$0].text }).union(diagnosisWords)
            // The condition's own words, even where a later negation reached back over them ("… fracture that never united").
            for hit in hits { for position in hit.first...hit.last { words.insert(narrative.tokens[position].text) } }
            if openFracture.open || Self.statesOpenFracture(narrative, sentence: sentence) { words.insert("openfracture") }
            if openFracture.type3 { words.insert("openfracture3") }
            if !unhealed.isEmpty, compiled.isFracture, !words.contains("delayed") { words.insert("nonunion") }
            if compiled.isFracture, !words.contains("nonunion") {
                // "fracture healed in 15 degrees of varus": a malunion, said in the condition's clause.
                let clauses = Set(hits.map { narrative.tokens[$0.first].clause })
                let clauseWords = Set(narrative.tokens.filter { clauses.contains($0.clause) && !$0.negated }.map(\.text))
                if !clauseWords.isDisjoint(with: ["healed", "united"]), !clauseWords.isDisjoint(with: Self.healedDeformityWords) { words.insert("malunion") }
            }
            // "Salter-Harris 2", "type 3": the tabular writes the type in roman numerals.
            for (index, token) in narrative.tokens.enumerated() where token.sentence == sentence && index > 0
                && Self.typeWords.contains(narrative.tokens[index - 1].text) {
                if let roman = Self.romanNumerals[token.text] { words.insert(roman) }
            }
            // Synonyms of one word, or of several ("lateral tibial plateau" → "condyle").
            // Phrases of several words are read in the condition's sentence and in the other sentences
            // that speak of it (a word of one of its groups): "PROCEDURE: ORIF tibial plateau fracture.
            // FINDINGS: fracture involving both the medial and the lateral condyles."
            var describing: Set<Int> = [sentence]
            for group in compiled.all {
                for index in group.indices where narrative.mayContain(group[index]) {
                    for hit in group[index].hits(in: narrative) where hit.affirmed { describing.insert(hit.sentence) }
                }
            }
            let sentenceText = " " + narrative.tokens.filter { describing.contains($0.sentence) && !$0.negated }.map(\.text).joined(separator: " ") + " "
            var synonymTargets: Set<String> = []
            for (from, to) in rule.synonyms ?? [:] where from.contains(" ") ? sentenceText.contains(" \(from) ") : words.contains(from) {
                // A synonym may name several words ("schatzker ii" → "lateral condyle").
                for word in to.split(separator: " ").map(String.init) {
                    words.insert(word)
                    synonymTargets.insert(word)
                }
            }
            var excludedContext: Set<String> = []
            if let directions = rule.directions {
                // Direction words count only beside the condition's own word.
                excludedContext = Set(directions.keys).union(directions.values.filter { $0 != "other" })
                words.subtract(excludedContext)
                for word in Self.directions(directions, besideConditionIn: sentence, narrative: narrative) {
                    words.insert(word)
                    if word == "other" { synonymTargets.insert(word) }
                }
            }
            for word in rule.defaults ?? [] { words.insert(word) }
            // The side of the clause that states the condition ("primary OA both knees, R TKA
            // today" is bilateral OA), else of its sentence, else of the narrative.
            var sides = Self.sides(ofClausesOf: hits, in: narrative)
            if sides.isEmpty { sides = laterality.bySentence[sentence] ?? [] }
            if sides.isEmpty { sides = laterality.overall }
            // "s/p R TKA 2015. Now periprosthetic fracture above the TKA": the side named only in
            // the history is the side of the limb.
            if sides.isEmpty { sides = Self.sides(of: narrative.tokens.filter { !$0.negated }) }
            if let group = rule.group {
                if let used = usedGroups[group], sides.count != 1 || !used.isDisjoint(with: sides) { continue }
                usedGroups[group, default: []].formUnion(sides.isEmpty ? [.left, .right] : sides)
            }
            let evidence = hits.map { narrative.quote($0.first, $0.last) }
            if context == nil { context = Context(narrative) }
            var chosen = choose(rule: compiled, words: words, synonymTargets: synonymTargets, sides: sides, narrative: narrative, sentence: sentence, features: features,
                                narrativeContext: context!, excludedContext: excludedContext)
            if let question = rule.query { chosen.queries.append(DocumentationQuery(topic: "diagnosis", question: question)) }
            if rule.symptom == true {
                // Signs and symptoms wait: they are coded only when no definitive diagnosis is.
                for code in chosen.codes where !emitted.contains(code) {
                    guard let entry = knowledgeBase.diagnosis(code), entry.billable else { continue }
                    symptoms.suggestions.append(CodeSuggestion(code: entry.code, descriptor: entry.description, summary: "ICD-10-CM \(entry.code)",
                                                               confidence: chosen.queries.isEmpty ? 0.8 : 0.6, modifiers: [], evidence: evidence))
                }
                symptoms.queries += chosen.queries
                continue
            }
            result.queries += chosen.queries
            for code in chosen.codes where emitted.insert(code).inserted {
                guard let entry = knowledgeBase.diagnosis(code), entry.billable else {
                    result.warnings.append(ReportWarning(kind: "diagnosis", message: "rule \(rule.id) built \(code), which is not a billable ICD-10-CM code; left out", codes: [code]))
                    continue
                }
                result.suggestions.append(CodeSuggestion(code: entry.code, descriptor: entry.description, summary: "ICD-10-CM \(entry.code)",
                                                         confidence: chosen.queries.isEmpty ? 0.9 : 0.7, modifiers: [], evidence: evidence))
            }
        }
        if result.suggestions.isEmpty {
            result.suggestions = symptoms.suggestions
            result.queries += symptoms.queries
        }
        return result
    }

    /// Sides named in the clauses of the hits: "right"/"left", and "both"/"bilateral" for both.
    static func sides(ofClausesOf hits: [Phrase.Hit], in narrative: AnalyzedNarrative) -> Set<Side> {
        let clauses = Set(hits.flatMap { hit in (hit.first...hit.last).map { narrative.tokens[$0].clause } })
        // The condition's own clause: its side words count even when the clause reads as history
        // ("L patellar tendon rupture 2 days ago").
        return sides(of: narrative.tokens.filter { clauses.contains($0.clause) && !$0.negated })
    }

    /// The description words of the direction words that stand beside a word of the condition
    /// ("posterior knee dislocation", "dislocated posteriorly", "anterior dislocation of the right
    /// knee"), with only joint, side and description words between, in the condition's sentence or
    /// a diagnosis line. "Via a medial approach", "medial capsule", "anterior translation of the
    /// tibia" describe something else.
    static func directions(_ directions: [String: String], besideConditionIn sentence: Int, narrative: AnalyzedNarrative) -> Set<String> {
        let tokens = narrative.tokens
        var found: Set<String> = []
        for (index, token) in tokens.enumerated() where !token.negated && directions[token.text] != nil
            && (token.sentence == sentence || token.section == .diagnosisPost || token.section == .diagnosisPre) {
            let clause = token.clause
            func isCondition(_ position: Int) -> Bool {
                tokens[position].text.hasPrefix("disloc") || tokens[position].text.hasPrefix("sublux")
            }
            func bridges(_ range: Range<Int>) -> Bool {
                range.allSatisfy { tokens[$0].clause == clause && (directionBridges.contains(tokens[$0].text) || directions[tokens[$0].text] != nil) }
            }
            var beside = false
            for position in (index + 1)..<min(tokens.count, index + 5) where tokens[position].clause == clause && isCondition(position) {
                if bridges((index + 1)..<position) { beside = true }
                break
            }
            if !beside {
                for position in stride(from: index - 1, through: max(0, index - 4), by: -1) where tokens[position].clause == clause && isCondition(position) {
                    // After the condition the direction must close the description: "dislocated
                    // posteriorly", not "dislocation, medial approach".
                    let next = index + 1
                    let closes = next == tokens.count || tokens[next].clause != clause || directionBridges.contains(tokens[next].text)
                        || directions[tokens[next].text] != nil
                    if closes, bridges((position + 1)..<index) { beside = true }
                    break
                }
            }
            // "knee dislocation, tibia posterior", "tibia displaced posteriorly": the knee codes name
            // where the proximal tibia went.
            if !beside, token.sentence == sentence, directions["posterior"] != nil, index > 0,
               (max(0, index - 2)..<index).contains(where: { ["tibia", "tibial"].contains(tokens[$0].text) && tokens[$0].sentence == token.sentence }),
               ["tibia", "tibial", "displaced", "translated", "subluxed", "dislocated"].contains(tokens[index - 1].text) {
                beside = true
            }
            if beside, let word = directions[token.text] { found.insert(word) }
        }
        return found
    }

    /// Positions of site words that say where a pin or wire went, not where the injury is: "skeletal
    /// traction via a distal femoral traction pin" for a femoral shaft fracture.
    static func deviceSiteWords(_ narrative: AnalyzedNarrative) -> Set<Int> {
        let tokens = narrative.tokens
        var result: Set<Int> = []
        for (index, token) in tokens.enumerated() where deviceWords.contains(token.text) {
            var position = index - 1
            var modifiers: [Int] = []
            while position >= 0, position >= index - 4, tokens[position].clause == token.clause,
                  deviceSiteModifiers.contains(tokens[position].text) || deviceWords.contains(tokens[position].text) {
                modifiers.append(position)
                position -= 1
            }
            result.formUnion(modifiers)
        }
        return result
    }

    static let typeWords: Set<String> = ["type", "harris", "salter", "grade"]
    static let romanNumerals: [String: String] = ["1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v"]

    static let deviceWords: Set<String> = ["pin", "pins", "wire", "wires", "traction"]
    static let deviceSiteModifiers: Set<String> = [
        "distal", "proximal", "femoral", "femur", "tibial", "tibia", "calcaneal", "calcaneus", "olecranon", "skeletal", "steinmann",
        "denham", "transfixion", "traction",
    ]

    static let directionBridges: Set<String> = [
        "knee", "knees", "tibia", "tibial", "tibiofemoral", "femorotibial", "joint", "patella", "patellar", "hip", "ankle", "right", "left",
        "bilateral", "of", "the", "a", "an", "and", "or", "traumatic", "acute", "complete", "irreducible", "closed", "open", "true",
        "frank", "gross", "grossly", "was", "is", "were", "had", "has", "been", "which", "proximal", "with", "then",
    ]

    /// Sides the tokens name, read as `Side.named(at:in:)` reads them ("both knees"; not "a drain
    /// was left in", "looked right").
    static func sides(of tokens: [NarrativeToken]) -> Set<Side> {
        var sides: Set<Side> = []
        for index in tokens.indices {
            if let named = Side.named(at: index, in: tokens) { sides.formUnion(named) }
        }
        return sides
    }

    /// "?osteomyelitis", "ACL tear?", "osteomyelitis vs stress fracture": a question mark on the
    /// words, or an alternative named after them, makes the condition uncertain (not coded).
    static func doubtful(_ hit: Phrase.Hit, in narrative: AnalyzedNarrative) -> Bool {
        let bytes = Array(narrative.text.utf8)
        var before = narrative.tokens[hit.first].start - 1
        while before >= 0, bytes[before] == UInt8(ascii: " ") { before -= 1 }
        if before >= 0, bytes[before] == UInt8(ascii: "?") { return true }
        let end = narrative.tokens[hit.last].end
        // A trailing "?" is doubt in dictation ("ACL tear?"), not in a coder's question ("how do I
        // code a hemi for a displaced neck fx?").
        if end < bytes.count, bytes[end] == UInt8(ascii: "?") {
            let sentence = narrative.tokens[hit.last].sentence
            let asking: Set<String> = ["how", "what", "which", "code", "coded", "coding", "cpt", "icd", "should", "can", "do", "does", "correct"]
            if !narrative.tokens.contains(where: { $0.sentence == sentence && asking.contains($0.text) }) { return true }
        }
        let clause = narrative.tokens[hit.last].clause
        for next in narrative.tokens[(hit.last + 1)..<min(narrative.tokens.count, hit.last + 4)] where next.clause == clause {
            if next.text == "vs" || next.text == "versus" { return true }
        }
        return false
    }

    /// "ruptured 2 days ago", "injured 3 weeks ago": a recent injury is today's condition, even
    /// though "ago" marks its clause as history; years ago, "prior" or "history of" are not.
    static func recentInjury(clause: Int, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens.filter { $0.clause == clause }
        // "68 yo" reads "68 years old": an age, not an old injury.
        let old = tokens.indices.contains { position in
            ["prior", "previous", "previously", "history", "remote", "old", "status", "healed"].contains(tokens[position].text)
                && !(tokens[position].text == "old" && position > 0 && ["years", "year", "yrs", "yr", "months", "month", "weeks", "week"].contains(tokens[position - 1].text))
        }
        // "ruptured yesterday", "fell last night", "injured this morning".
        if !old, tokens.indices.contains(where: { position in
            tokens[position].text == "yesterday" || (position > 0 && tokens[position - 1].text == "last" && ["night", "evening", "weekend"].contains(tokens[position].text))
                // "ruptured it playing football on Thursday"
                || (position > 0 && ["on", "last"].contains(tokens[position - 1].text) && NarrativeAnalyzer.weekdays.contains(tokens[position].text))
                || (position > 0 && tokens[position - 1].text == "this" && ["morning", "afternoon", "evening"].contains(tokens[position].text))
        }) { return true }
        guard let ago = tokens.firstIndex(where: { $0.text == "ago" }), ago > 0 else { return false }
        guard ["day", "days", "hour", "hours", "week", "weeks", "yesterday"].contains(tokens[ago - 1].text) else { return false }
        return !old
    }

    /// A sentence where every phrase group of the rule is stated (not negated, not uncertain, not history).
    private func match(_ compiled: CompiledDiagnosisRule, in narrative: AnalyzedNarrative, deviceSite: Set<Int> = [],
                       fractureNames: [Phrase.Hit] = [], unhealed: [Phrase.Hit] = [], mayBeHealed: Bool = true) -> (Int, [Phrase.Hit])? {
        let nonunion = !unhealed.isEmpty && compiled.isFracture
        let tokens = narrative.tokens
        var perGroup: [[Int: Phrase.Hit]] = []
        let context = compiled.contextGroups
        for (index, group) in compiled.all.enumerated() {
            var bySentence: [Int: Phrase.Hit] = [:]
            var hitsOfGroup: [Phrase.Hit] = []
            for phraseIndex in group.indices where narrative.mayContain(group[phraseIndex]) {
                hitsOfGroup += group[phraseIndex].hits(in: narrative)
            }
            // "L tibia, long spiral", "Schatzker II right plateau", "Weber B": the pattern or the
            // classification says the bone is broken where no word of the group does.
            // A name that is itself a fracture ("trimalleolar", "pilon") is the fracture word of its own rules only.
            if index == compiled.fractureGroup {
                hitsOfGroup += fractureNames.filter { name in
                    let text = tokens[name.first].text
                    return !Self.inherentFractureNames.contains(text) || compiled.rule.all.contains { $0.contains(text) }
                }
            }
            // "an intertrochanteric fracture that never united": the fracture is not what "never" negates.
            for hit in hitsOfGroup where (!hit.negated || (nonunion && unhealed.contains { $0.first > hit.last && tokens[$0.first].clause == tokens[hit.last].clause }))
                && !hit.uncertain && !Self.doubtful(hit, in: narrative) && !Self.surgicalDislocation(hit, in: narrative)
                && !(compiled.isFracture && (Self.notYetBroken(hit, in: narrative) || (mayBeHealed && Self.healed(hit, in: narrative))))
                // The fracture of "nailed 10 months ago for a femoral shaft fracture … never united" is today's nonunion.
                && (!hit.historical || context.contains(index) || nonunion
                    || Self.recentInjury(clause: narrative.tokens[hit.first].clause, in: narrative))
                && !(hit.first...hit.last).allSatisfy(deviceSite.contains) {
                if let existing = bySentence[hit.sentence], existing.last - existing.first >= hit.last - hit.first { continue }
                bySentence[hit.sentence] = hit
            }
            if bySentence.isEmpty { return nil }
            perGroup.append(bySentence)
        }
        guard let first = perGroup.first else { return nil }
        let anywhere = Set(compiled.rule.anywhere ?? [])
        let sentences = first.keys.filter { sentence in perGroup.indices.allSatisfy { anywhere.contains($0) || perGroup[$0][sentence] != nil } }
        guard let best = sentences.max(by: { a, b in
            let wa = first[a]!.section.diagnosisWeight, wb = first[b]!.section.diagnosisWeight
            return wa < wb || (wa == wb && a > b)
        }) else { return nil }
        // A group that may stand anywhere: its hit in the condition's sentence, else its first.
        return (best, perGroup.map { $0[best] ?? $0[$0.keys.min()!]! })
    }

    private struct Choice { var codes: [String] = []; var queries: [DocumentationQuery] = [] }

    /// Words of the whole narrative (affirmed or history), which count too when a code is chosen,
    /// less than the condition's own sentence; those of six letters or more apart, with their
    /// lengths, for the test of a shared start (`score`).
    struct Context {
        let words: Set<String>
        let long: [(word: String, count: Int, ascii: Bool)]

        init(_ narrative: AnalyzedNarrative) {
            words = Set(narrative.tokens.filter { $0.isAffirmed || $0.historical }.map(\.text))
            long = words.compactMap { word in
                let count = word.count
                return count >= 6 ? (word, count, DiagnosisCoder.isPlainASCII(word)) : nil
            }
        }
    }

    /// Printable ASCII only: each byte is a character of its own, so bytes compare as characters.
    static func isPlainASCII(_ word: String) -> Bool { word.utf8.allSatisfy { $0 >= 32 && $0 < 127 } }

    private func choose(rule compiledRule: CompiledDiagnosisRule, words: Set<String>, synonymTargets: Set<String>, sides: Set<Side>, narrative: AnalyzedNarrative, sentence: Int,
                        features: DetectedFeatures, narrativeContext: Context, excludedContext: Set<String> = []) -> Choice {
        let rule = compiledRule.rule
        let table = knowledgeBase.icd
        var choice = Choice()
        var rows = compiledRule.rows.map(\.row)
        guard !rows.isEmpty else { return choice }
        let wordsByRow = compiledRule.wordsByRow
        func descriptionWords(_ row: Int) -> [String] { wordsByRow[row] ?? [] }
        let lateral = rows.contains { descriptionWords($0).contains("right") }
        let ruleTargets = compiledRule.synonymTargets
        // Words of the whole narrative count too, less than the condition's own sentence.
        let context = excludedContext.isEmpty ? narrativeContext.words : narrativeContext.words.subtracting(excludedContext)
        var targets: [Side?] = [nil]
        var bilateral = false
        if lateral {
            if sides.count == 2 {
                let bilateralRows = rows.filter { descriptionWords($0).contains("bilateral") }
                if !bilateralRows.isEmpty { rows = bilateralRows; bilateral = true } else { targets = [.right, .left] }
            } else if let side = sides.first {
                targets = [side]
            } else {
                choice.queries.append(DocumentationQuery(topic: "laterality", question: "Which side is the \(rule.id.replacingOccurrences(of: "-", with: " "))? The ICD-10-CM code needs right or left."))
            }
        }
        // Displacement is scored, not filtered: many subcategories (unspecified part of the
        // femoral neck, unspecified patella) have no displaced/nondisplaced split at all.
        let nondisplaced = words.contains("nondisplaced") || (words.contains("impacted") && !words.contains("displaced"))
        if compiledRule.isFracture, !nondisplaced, !words.contains("displaced"), !words.contains("displacement"),
           rows.contains(where: { descriptionWords($0).contains("nondisplaced") }) {
            choice.queries.append(DocumentationQuery(topic: "displacement", question: "Is the \(rule.id.replacingOccurrences(of: "-", with: " ")) displaced or nondisplaced? Coded as displaced, the ICD-10-CM default."))
        }
        for target in targets {
            // The other side is never chosen; codes that name no side at all (M00.9) stay in
            // the running, and naming the right side is worth a point over them.
            let candidates = rows.filter { row in
                let w = descriptionWords(row)
                switch target {
                case .right?: return !w.contains("left")
                case .left?: return !w.contains("right")
                case nil: return !lateral || (!w.contains("right") && !w.contains("left") && (bilateral || !w.contains("bilateral")))
                }
            }
            func sideBonus(_ row: Int) -> Double {
                switch target {
                case .right?: descriptionWords(row).contains("right") ? 1 : 0
                case .left?: descriptionWords(row).contains("left") ? 1 : 0
                case nil: 0
                }
            }
            let scored = candidates.map { (row: $0, score: sideBonus($0) + score($0, words, descriptionWords, nondisplaced: nondisplaced, context: context,
                                                                                                longContext: narrativeContext.long, excludedContext: excludedContext,
                                                                                                synonyms: synonymTargets, ruleTargets: ruleTargets)) }
            guard var best = scored.max(by: { $0.score < $1.score || ($0.score == $1.score && $0.row > $1.row) })?.row else { continue }
            // Equally fitting codes ("spastic" fits quadriplegic, diplegic and hemiplegic CP alike):
            // the unspecified code of the stem rather than a guess.
            let top = scored.filter { $0.score == scored.first { $0.row == best }!.score }
            if top.count > 1, let unspecified = top.first(where: { descriptionWords($0.row).contains("unspecified") }) { best = unspecified.row }
            let base = table.codes[best]
            if table.kind(row: best).hasPrefix("7") {
                choice.codes.append(table.withSeventh(base, seventh(for: base, kind: rule.kind, words: words, features: features)))
            } else {
                choice.codes.append(base)
            }
        }
        return choice
    }

    /// `context`: the narrative's context words less `excludedContext`; `longContext`: those of six
    /// letters or more before the exclusion.
    private func score(_ row: Int, _ words: Set<String>, _ descriptionWords: (Int) -> [String], nondisplaced: Bool,
                       context: Set<String>, longContext: [(word: String, count: Int, ascii: Bool)], excludedContext: Set<String>,
                       synonyms: Set<String>, ruleTargets: Set<String>) -> Double {
        var total = 0.0
        // A description has a dozen words or so: a list is cheaper than a set built for each row.
        var seen: [String] = []
        var negative = false
        for word in descriptionWords(row) {
            // "without intracondylar extension": what a code excludes is not asked of the narrative.
            if word == "without" { negative = true; continue }
            if negative { if word == "of" { negative = false }; continue }
            guard !seen.contains(word) else { continue }
            seen.append(word)
            switch word {
            case "unspecified": total -= 0.5
            case "other": total += synonyms.contains("other") ? 1.75 : -0.8
            case "nondisplaced": total += nondisplaced ? 1 : -3
            case "displaced": total += nondisplaced ? -3 : 0.25
            default:
                // A rule's synonym may name a word that is neutral elsewhere ("tibia" for the site of osteomyelitis).
                if synonyms.contains(word) { total += 1.75; continue }
                if Self.neutralWords.contains(word) {
                    // A site word the rule maps to ("tibia" for osteomyelitis), absent from the
                    // narrative: the code names another site.
                    if ruleTargets.contains(word), !words.contains(word) { total += context.contains(word) ? 0.25 : -2.0 }
                    continue
                }
                // "displacement"/"displaced", "malleolar"/"malleolus"; not "posterolateral"/"posterior"
                // or "arthrotomy"/"arthroplasty": the shared start must be nearly the whole shorter word.
                // Lengths in characters, each counted once; ASCII words compared byte by byte.
                let count = word.count
                let ascii = Self.isPlainASCII(word)
                func shares(_ other: String, _ otherCount: Int, _ otherASCII: Bool) -> Bool {
                    let shared = ascii && otherASCII ? zip(other.utf8, word.utf8).prefix { $0 == $1 }.count : zip(other, word).prefix { $0 == $1 }.count
                    return shared >= 6 && shared >= min(otherCount, count) - 2
                }
                func near(_ set: Set<String>) -> Bool {
                    set.contains(word) || (count >= 6 && set.contains { other in
                        let otherCount = other.count
                        return otherCount >= 6 && shares(other, otherCount, Self.isPlainASCII(other))
                    })
                }
                func nearContext() -> Bool {
                    context.contains(word) || (count >= 6 && longContext.contains { other in
                        !excludedContext.contains(other.word) && shares(other.word, other.count, other.ascii)
                    })
                }
                if synonyms.contains(word) { total += 1.75 } else if near(words) { total += 1.5 } else if nearContext() { total += 0.25 } else { total -= 2.0 }
            }
        }
        return total
    }

    /// The 7th character: initial encounter for today's treatment; open fractures by Gustilo type;
    /// nonunion and malunion when the narrative says so.
    private func seventh(for code: String, kind: String, words: Set<String>, features: DetectedFeatures) -> Character {
        let definitions = knowledgeBase.icd.seventhCharacters(for: code)
        func find(_ fragment: String) -> Character? {
            definitions.first { $0.meaning.lowercased().contains(fragment) }?.character
        }
        // "sequela of an old pilon fracture": the late effect, whatever the fracture was.
        if words.contains("sequela") || words.contains("sequelae"), let character = find("sequela") { return character }
        if kind == "fracture" {
            let open = features.state("openFracture").present || words.contains("openfracture")
            let gustilo3 = features.state("openFractureType3").present || words.contains("openfracture3")
            if words.contains("delayed"), words.contains("union") || words.contains("healing"),
               let character = find(open ? "open fracture type i or ii with delayed healing" : "closed fracture with delayed healing") { return character }
            if words.contains("nonunion") { return find(open ? "open fracture type i or ii with nonunion" : "closed fracture with nonunion") ?? "A" }
            if words.contains("malunion") { return find(open ? "open fracture type i or ii with malunion" : "closed fracture with malunion") ?? "A" }
            if open, gustilo3, let character = find("initial encounter for open fracture type iiia") { return character }
            if open, let character = find("initial encounter for open fracture") { return character }
            return find("initial encounter for closed fracture") ?? find("initial encounter") ?? "A"
        }
        return find("initial encounter") ?? "A"
    }
}
