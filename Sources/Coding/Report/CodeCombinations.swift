/// Codes that CPT reports as one when they are done on the same limb: the malleoli of one ankle
/// told apart in separate clauses ("lateral malleolus plated. Medial malleolus fixed with two
/// screws") are one bimalleolar fracture, not two single-malleolus fractures; with the posterior
/// malleolus too, one trimalleolar fracture; a collateral and a cruciate repair of one knee, the
/// code for both. The table is documented in docs/coding.md.
struct CodeCombination: Sendable {
    /// What the combined code stands for, for the reason ("both malleoli").
    let name: String
    /// Each part: its codes by grade (0 closed without manipulation, 1 closed with manipulation, 2 open).
    let parts: [[String]]
    /// The combined code by the highest grade among the parts.
    let combined: [String]
    /// Instead of the open combined code when the last part itself is open (the posterior
    /// malleolus fixed: 27823 rather than 27822).
    let whenLastPartOpen: String?
    /// Codes that stand for a part, by grade, when their evidence names none of `levelWords`: a
    /// fibula fracture whose level is not stated, treated with the medial malleolus of the same
    /// ankle, is the lateral malleolus (27784 "fibula plated" beside 27766 is 27814), while a
    /// "proximal fibula" or "fibular shaft" fracture stays a code of its own.
    var aliases: [(part: Int, codes: [String], levelWords: [String])] = []
    /// Not applied when the note affirms one of these words or the first part's evidence names
    /// one: a fracture the surgeon calls bimalleolar ("lateral and posterior malleoli") whose
    /// posterior malleolus also drew a three-malleolus code stays two malleoli.
    var unlessSaid: Set<String> = []
    /// The fact that must be documented for `whenLastPartOpen`: the posterior malleolus coded
    /// open because the ankle was opened ("reduced indirectly with the fibula; it was not fixed")
    /// is not a fixed posterior lip.
    var lastPartOpenFact: String? = nil
    /// The joint the parts share, for the reason ("of the left ankle", "of the right knee").
    var limb: String = "ankle"
    /// The one thing CPT reports the parts as, for the reason ("one fracture", "one ligament repair").
    var reportedAs: String = "one fracture"

    /// Applied in order: a bimalleolar code (suggested, or combined by the first rule) with a
    /// posterior malleolus code of the same ankle becomes trimalleolar.
    /// Whether a suggestion stands for part `index`: one of its codes, or an alias whose evidence
    /// names no level.
    func stands(for index: Int, _ suggestion: CodeSuggestion) -> Bool {
        if parts[index].contains(suggestion.code) { return true }
        return aliases.contains { alias in
            alias.part == index && alias.codes.contains(suggestion.code)
                && !suggestion.evidence.contains { quote in
                    let words = quote.lowercased().split { !$0.isLetter }
                    return alias.levelWords.contains { words.contains(Substring($0)) }
                }
        }
    }

    static let table: [CodeCombination] = [
        CodeCombination(name: "both malleoli", parts: [["27760", "27762", "27766"], ["27786", "27788", "27792"]],
                        combined: ["27808", "27810", "27814"], whenLastPartOpen: nil,
                        aliases: [(1, ["27780", "27781", "27784"], ["proximal", "shaft", "midshaft", "head", "neck", "high", "maisonneuve"])]),
        CodeCombination(name: "all three malleoli", parts: [["27808", "27810", "27814"], ["27767", "27768", "27769"]],
                        combined: ["27816", "27818", "27822"], whenLastPartOpen: "27823", lastPartOpenFact: "posteriorLipFixation"),
        // A bimalleolar code beside a trimalleolar one ("fib plate, MM screws, PM fixed with AP
        // screws": 27814 from the first two, 27823 from the posterior malleolus) is the one fracture.
        CodeCombination(name: "all three malleoli", parts: [["27808", "27810", "27814"], ["27816", "27818", "27822", "27823"]],
                        combined: ["27816", "27818", "27822"], whenLastPartOpen: "27823",
                        unlessSaid: ["bimalleolar", "bimal", "posterior"]),
        // Any pair of malleoli is bimalleolar: the lateral or medial with the posterior malleolus,
        // and a single malleolus beside a bimalleolar code of the same ankle is part of it.
        CodeCombination(name: "two malleoli", parts: [["27786", "27788", "27792"], ["27767", "27768", "27769"]],
                        combined: ["27808", "27810", "27814"], whenLastPartOpen: nil),
        CodeCombination(name: "two malleoli", parts: [["27760", "27762", "27766"], ["27767", "27768", "27769"]],
                        combined: ["27808", "27810", "27814"], whenLastPartOpen: nil),
        CodeCombination(name: "both malleoli", parts: [["27808", "27810", "27814"], ["27786", "27788", "27792"]],
                        combined: ["27808", "27810", "27814"], whenLastPartOpen: nil),
        CodeCombination(name: "both malleoli", parts: [["27808", "27810", "27814"], ["27760", "27762", "27766"]],
                        combined: ["27808", "27810", "27814"], whenLastPartOpen: nil),
        // A pilon fracture's tibia opened and its fibula opened in the same session ("open reduction
        // of tibia with medial plate and also open reduction of fibula with plate") is 27828.
        CodeCombination(name: "the tibia and fibula of a pilon fracture", parts: [["27827"], ["27792"]], combined: ["27828"], whenLastPartOpen: nil),
        CodeCombination(name: "the tibia and fibula of a pilon fracture", parts: [["27827"], ["27784"]], combined: ["27828"], whenLastPartOpen: nil),
        CodeCombination(name: "the tibia and fibula of a pilon fracture", parts: [["27827"], ["27826"]], combined: ["27828"], whenLastPartOpen: nil),
        // A collateral ligament (or capsule) and a cruciate ligament of one knee repaired directly in
        // one operation, told as two repairs ("1. PCL repaired ... 2. MCL repaired"), are one code.
        CodeCombination(name: "a collateral and a cruciate ligament", parts: [["27405"], ["27407"]], combined: ["27409"], whenLastPartOpen: nil,
                        limb: "knee", reportedAs: "one ligament repair"),
    ]

    /// Three-malleolus codes by grade and the two-malleolus code of the same grade.
    static let threeToTwo: [String: String] = ["27816": "27808", "27818": "27810", "27822": "27814", "27823": "27814"]
    static let trimalleolarWords: Set<String> = ["trimalleolar", "trimal"]
    /// The single-malleolus codes (medial, lateral, posterior) of each combined code's grade.
    static let singleMalleoli: [String: [String]] = [
        "27808": ["27760", "27786"], "27810": ["27762", "27788"], "27814": ["27766", "27792"],
        "27816": ["27760", "27786", "27767"], "27818": ["27762", "27788", "27768"],
        "27822": ["27766", "27792", "27769"], "27823": ["27766", "27792", "27769"],
    ]

    /// The medial or the lateral malleolus said uninjured ("medial malleolus intact", "fibula
    /// intact", "no fibula fracture", "the medial malleolus was not fractured") and never named
    /// as treated, in a note that does not call the fracture trimalleolar: a three-malleolus code,
    /// reached through the posterior malleolus, stands for two malleoli. Not "medial malleolus
    /// not fixed": a fracture left unfixed is still one of the three.
    static func uninjuredMalleolus(in narrative: AnalyzedNarrative) -> String? {
        let tokens = narrative.tokens
        var uninjured: [String: Int] = [:]
        var affirmed: Set<String> = []
        for index in tokens.indices {
            let word = tokens[index].text
            if trimalleolarWords.contains(word), tokens[index].isAffirmed { return nil }
            if word == "three", index + 1 < tokens.count, tokens[index + 1].text.hasPrefix("malleol"), tokens[index].isAffirmed { return nil }
            let which: String
            if word == "fibula" || word == "fibular" {
                which = "lateral"
            } else if (word == "medial" || word == "lateral"), index + 1 < tokens.count,
                      ["malleolus", "malleolar", "malleoli", "mall", "mal"].contains(tokens[index + 1].text) {
                which = word
            } else {
                continue
            }
            if tokens[index].isAffirmed { affirmed.insert(which); continue }
            guard tokens[index].negated else { continue }
            let injuryWord = tokens[tokens.clauseSpan(of: index)].contains { uninjuredWords.contains($0.text) }
            if injuryWord, uninjured[which] == nil { uninjured[which] = index }
        }
        for which in ["medial", "lateral"] where uninjured[which] != nil && !affirmed.contains(which) {
            if let index = uninjured[which] { return narrative.quote(index, index) }
        }
        return nil
    }
    static let twoToThree: [String: String] = ["27808": "27816", "27810": "27818", "27814": "27822"]

    /// A posterior malleolus fracture named and left untreated ("PM <15% left alone", "the posterior
    /// fragment was small and not fixed"): present, not said absent ("no posterior fragment") or
    /// uninjured ("posterior malleolus intact"). The quote, or nil.
    static func untreatedPosteriorMalleolus(in narrative: AnalyzedNarrative) -> String? {
        let tokens = narrative.tokens
        if tokens.contains(where: { $0.isAffirmed && ["bimalleolar", "bimal"].contains($0.text) }) { return nil }
        for index in tokens.indices where tokens[index].text == "posterior" && index + 1 < tokens.count
            && NarrativeAnalyzer.malleolusWords.contains(tokens[index + 1].text) {
            guard !tokens[index].uncertain, !tokens[index].historical else { continue }
            let clause = tokens.clauseSpan(of: index)
            if tokens[clause.lowerBound..<index].contains(where: { Lexicon.forwardNegationWords.contains($0.text) }) { continue }
            if tokens[clause].contains(where: { uninjuredWords.contains($0.text) }) { continue }
            return narrative.quote(index, index + 1)
        }
        return nil
    }

    static let uninjuredWords: Set<String> = ["intact", "uninjured", "spared", "unremarkable", "normal", "fracture", "fractured",
                                              "fractures", "broken", "involved", "injured", "injury"]

    /// The combined code for these part codes (one per part, in the order of `parts`), or nil.
    func combinedCode(_ codes: [String]) -> String? {
        guard codes.count == parts.count else { return nil }
        var grades: [Int] = []
        for (index, (code, part)) in zip(codes, parts).enumerated() {
            guard let grade = part.firstIndex(of: code)
                    ?? aliases.first(where: { $0.part == index })?.codes.firstIndex(of: code) else { return nil }
            grades.append(grade)
        }
        if let open = whenLastPartOpen, grades.last == parts[parts.count - 1].count - 1 { return open }
        guard let highest = grades.max(), highest < combined.count else { return nil }
        return combined[highest]
    }
}

extension ReportBuilder {
    /// Replaces the suggested part codes of one side by their combined code (see `CodeCombination`):
    /// confidence not above the weaker part, evidence and modifiers of the parts, and the parts as
    /// alternatives with the reason.
    func combineParts(_ report: inout SuggestionReport, sidesByCode: inout [String: Set<Side>],
                      requiredByCode: inout [String: [Phrase.Hit]]) {
        // A three-malleolus code when one of the medial and lateral malleoli is said uninjured:
        // two malleoli ("fibula plated, posterior malleolus buttressed; medial malleolus intact").
        if report.procedures.contains(where: { CodeCombination.threeToTwo[$0.code] != nil }),
           let intact = CodeCombination.uninjuredMalleolus(in: narrative) {
            for index in report.procedures.indices {
                let part = report.procedures[index]
                guard let two = CodeCombination.threeToTwo[part.code], let entry = knowledgeBase.procedure(two) else { continue }
                var ignored = SuggestionReport()
                let sides = sidesByCode[part.code] ?? []
                report.procedures[index] = CodeSuggestion(code: two, descriptor: entry.descriptor, summary: entry.summary,
                                                          confidence: min(part.confidence, 0.85),
                                                          modifiers: modifiers(for: entry, sides: sides, report: &ignored), evidence: part.evidence)
                report.alternatives.removeAll { $0.code == two || $0.code == part.code }
                report.alternatives.insert(Alternative(code: part.code, descriptor: part.descriptor,
                                                       reason: "\(two) rather than \(part.code): only two malleoli were fractured (\"\(intact)\" is said uninjured)"), at: 0)
                sidesByCode[two] = sides.union(sidesByCode[two] ?? [])
                requiredByCode[two] = (requiredByCode[two] ?? []) + (requiredByCode[part.code] ?? [])
            }
            // The same code twice (a bimalleolar code was suggested beside it): one line.
            var seen: Set<String> = []
            report.procedures = report.procedures.filter { seen.insert($0.code).inserted }
        }
        // Twice per rule: once for each side ("right: lateral and medial; left: fibula and medial").
        for rule in CodeCombination.table.flatMap({ [$0, $0] }) {
            // One suggestion per part, the first of each part's codes in report order.
            var positions: [Int] = []
            for part in rule.parts.indices {
                guard let position = report.procedures.firstIndex(where: { rule.stands(for: part, $0) }) else { break }
                positions.append(position)
            }
            guard positions.count == rule.parts.count else { continue }
            let parts = positions.map { report.procedures[$0] }
            if !rule.unlessSaid.isEmpty {
                let said = narrative.tokens.contains { $0.isAffirmed && rule.unlessSaid.contains($0.text) && $0.text != "posterior" }
                let named = parts[0].evidence.contains { quote in
                    quote.lowercased().split { !$0.isLetter }.contains { rule.unlessSaid.contains(String($0)) }
                }
                if said || named { continue }
            }
            // Same limb: the sides the parts share ("right: lateral and medial; left: lateral
            // only" combines on the right); no side read for any part is one limb too.
            let partSides = parts.map { sidesByCode[$0.code] ?? [] }
            let sides = partSides.dropFirst().reduce(partSides[0]) { $0.intersection($1) }
            guard sides.isEmpty ? partSides.allSatisfy(\.isEmpty) : true,
                  var code = rule.combinedCode(parts.map(\.code)) else { continue }
            if code == rule.whenLastPartOpen, let fact = rule.lastPartOpenFact,
               FactMatcher.compare(fact, .bool(true), features: features, bilateralBySide: laterality.bothSides,
                                   detectable: knowledgeBase.detectableFacts).outcome != .agrees,
               let open = rule.combined.last {
                code = open
            }
            guard let entry = knowledgeBase.procedure(code) else { continue }
            var evidence: [String] = []
            let existing = report.procedures.firstIndex { $0.code == code }
            for quote in (existing.map { report.procedures[$0].evidence } ?? []) + parts.flatMap(\.evidence) where !evidence.contains(quote) { evidence.append(quote) }
            let combinedSides = sides.union(existing.flatMap { _ in sidesByCode[code] } ?? [])
            var ignored = SuggestionReport()
            let combined = CodeSuggestion(code: entry.code, descriptor: entry.descriptor, summary: entry.summary,
                                          confidence: (parts.map(\.confidence) + (existing.map { [report.procedures[$0].confidence] } ?? [])).min() ?? 0,
                                          modifiers: modifiers(for: entry, sides: combinedSides, report: &ignored),
                                          evidence: evidence)
            report.warnings += ignored.warnings
            let place = sides.count == 1 ? "the \(sides.first == .right ? "right" : "left") \(rule.limb)" : sides.count == 2 ? "each \(rule.limb)" : "the same \(rule.limb)"
            let reason = "\(code) rather than \(parts.map(\.code).joined(separator: " + ")): \(rule.name) of \(place) were treated, which CPT reports as \(rule.reportedAs)"
            // A part done on another side too stays for that side.
            var kept: [Int: CodeSuggestion] = [:]
            for (position, part) in zip(positions, parts) {
                let rest = (sidesByCode[part.code] ?? []).subtracting(sides)
                guard !rest.isEmpty, let partEntry = knowledgeBase.procedure(part.code) else { continue }
                var stays = part
                stays.modifiers = modifiers(for: partEntry, sides: rest, report: &ignored)
                kept[position] = stays
                sidesByCode[part.code] = rest
            }
            let dropped = zip(positions, parts).filter { kept[$0.0] == nil }.map(\.1)
            report.alternatives.removeAll { alternative in alternative.code == code || dropped.contains { $0.code == alternative.code } }
            report.alternatives.insert(contentsOf: dropped.map { Alternative(code: $0.code, descriptor: $0.descriptor, reason: reason) }, at: 0)
            // The parts are ruled out by the combination; the combined code's own neighbours that
            // the note does not rule out come before them ("27814 rather than 27822: ... fits when
            // the fracture is trimalleolar ...").
            let family = (entry.related ?? []).compactMap { related -> Alternative? in
                guard !report.procedures.contains(where: { $0.code == related.code }), !dropped.contains(where: { $0.code == related.code }),
                      let loser = knowledgeBase.procedure(related.code) else { return nil }
                let (reason, ruledOut) = relatedReasonAndExclusion(winner: entry, loser: loser, preferWhen: related.preferWhen)
                return ruledOut ? nil : Alternative(code: loser.code, descriptor: loser.descriptor, reason: reason)
            }
            report.alternatives.removeAll { alternative in family.contains { $0.code == alternative.code } }
            report.alternatives.insert(contentsOf: family, at: 0)
            let first = min(positions.min() ?? 0, existing ?? Int.max)
            var procedures: [CodeSuggestion] = []
            for (index, suggestion) in report.procedures.enumerated() {
                if index == first { procedures.append(combined) }
                if let stays = kept[index] { procedures.append(stays) } else if positions.contains(index) || index == existing { continue } else { procedures.append(suggestion) }
            }
            report.procedures = procedures
            sidesByCode[code] = combinedSides
            requiredByCode[code] = parts.flatMap { requiredByCode[$0.code] ?? [] }
        }
        // A two-malleolus code of the medial and lateral malleoli beside a posterior malleolus named
        // and left alone ("LM plated, MM 2 screws, PM <15% left alone"): three malleoli were
        // fractured, the posterior lip not fixed.
        if let index = report.procedures.firstIndex(where: { CodeCombination.twoToThree[$0.code] != nil }),
           !report.procedures[index].evidence.contains(where: { $0.lowercased().contains("posterior") || $0.lowercased().hasPrefix("pm") }),
           let posterior = CodeCombination.untreatedPosteriorMalleolus(in: narrative) {
            let part = report.procedures[index]
            if let three = CodeCombination.twoToThree[part.code], let entry = knowledgeBase.procedure(three),
               !report.procedures.contains(where: { CodeCombination.threeToTwo[$0.code] != nil }) {
                var ignored = SuggestionReport()
                let sides = sidesByCode[part.code] ?? []
                report.procedures[index] = CodeSuggestion(code: three, descriptor: entry.descriptor, summary: entry.summary,
                                                          confidence: min(part.confidence, 0.85),
                                                          modifiers: modifiers(for: entry, sides: sides, report: &ignored),
                                                          evidence: part.evidence + [posterior])
                report.alternatives.removeAll { $0.code == three || $0.code == part.code }
                report.alternatives.insert(Alternative(code: part.code, descriptor: part.descriptor,
                                                       reason: "\(three) rather than \(part.code): the posterior malleolus was fractured too (\"\(posterior)\") and left unfixed"), at: 0)
                sidesByCode[three] = sides
                requiredByCode[three] = requiredByCode[part.code]
            }
        }
        explainMalleoliReadAsOne(&report, sidesByCode: sidesByCode)
    }

    /// The malleoli told one at a time that the analyzer read as one fracture ("Lateral malleolus
    /// plated. Medial malleolus fixed with two screws": the word "bimalleolar" it adds stands on the
    /// first malleolus's own words) never made the single-malleolus codes candidates: each of them,
    /// of the combined code's grade, is listed as an alternative with the combination's reason, so
    /// the reader sees why not the single malleolus. Listed after the others; an alternative
    /// already there for the code takes the reason.
    func explainMalleoliReadAsOne(_ report: inout SuggestionReport, sidesByCode: [String: Set<Side>]) {
        guard let index = report.procedures.firstIndex(where: { CodeCombination.singleMalleoli[$0.code] != nil }) else { return }
        let code = report.procedures[index].code
        let three = CodeCombination.threeToTwo[code] != nil
        let word = three ? "trimalleolar" : "bimalleolar"
        let tokens = narrative.tokens
        guard tokens.indices.contains(where: { position in
            tokens[position].text == word && tokens[position].isAffirmed
                && !narrative.quote(position, position).lowercased().hasPrefix(three ? "tri" : "bi")
        }), let parts = CodeCombination.singleMalleoli[code] else { return }
        let sides = sidesByCode[code] ?? []
        let place = sides.count == 1 ? "the \(sides.first == .right ? "right" : "left") ankle" : sides.count == 2 ? "each ankle" : "the same ankle"
        let reason = "\(code) rather than \(parts.joined(separator: " + ")): " + (three ? "all three malleoli of \(place) were fractured" : "both malleoli of \(place) were treated")
            + ", which CPT reports as one fracture"
        for part in parts where !report.procedures.contains(where: { $0.code == part }) {
            if let existing = report.alternatives.firstIndex(where: { $0.code == part }) {
                report.alternatives[existing].reason = reason
            } else if let entry = knowledgeBase.procedure(part) {
                report.alternatives.append(Alternative(code: part, descriptor: entry.descriptor, reason: reason))
            }
        }
    }
}
