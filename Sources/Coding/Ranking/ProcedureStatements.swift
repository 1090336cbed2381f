/// Several procedures in one narrative: which words belong to which procedure statement.
///
/// A narrative that lists several procedures ("right above-knee amputation, left below-knee
/// amputation"; "ORIF acetabulum + percutaneous sacral screws"; "1. … 2. …") names each
/// procedure in its own statement: a clause, a list item, or a part of a sentence joined by
/// `and`, `plus`, `then`. Words of one statement say nothing about the procedure of another:
/// `below-knee` rules out the above-knee code only inside the same statement, and an entry
/// is not documented by a site word of one statement and an action word of another.
enum ProcedureStatements {
    /// An entry whose required groups are all affirmed in the narrative, whatever its `none`
    /// phrases say: a procedure the narrative may document.
    struct Documented: Sendable {
        let entryIndex: Int
        let hits: [Phrase.Hit]
    }

    /// Words that join two procedure statements in one clause ("X + Y", "X plus Y", "X then Y").
    /// `a separate`: "with a separate excision", "through a separate incision" (not "excision of
    /// separate lipomas").
    static let joiningWords: Set<String> = ["and", "plus", "then", "followed", "also", "additionally", "separate", "separately"]

    static func joins(_ index: Int, in narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        let word = tokens[index].text
        guard joiningWords.contains(word) else { return false }
        if word == "separate" { return index > 0 && tokens[index - 1].text == "a" }
        return true
    }

    /// Whether two spans are in different procedure statements: different items of a list;
    /// parts of one sentence joined by `and`, `plus`, `then` …; or parts that name different
    /// sides ("right above-knee amputation, left below-knee amputation"; "R: … L: …"). Separate
    /// sentences of body text are one procedure told in parts unless they name different sides.
    ///
    /// `plainAnd`: whether a bare `and` counts ("curettage of the tibia and curettage of the
    /// femur"); it also joins the parts of one ("proximal tibia and fibula epiphysiodesis"), so
    /// it counts only where another procedure's words are checked to stand on its far side.
    /// `joins`: whether joining words count at all (false: only list items and sides).
    static func separated(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>, in narrative: AnalyzedNarrative, plainAnd: Bool = true, joins: Bool = true) -> Bool {
        let (left, right) = a.upperBound < b.lowerBound ? (a, b) : (b, a)
        guard left.upperBound < right.lowerBound else { return false }
        let tokens = narrative.tokens
        let (first, second) = (tokens[left.upperBound], tokens[right.lowerBound])
        if sidesDiffer(left, right, in: narrative) { return true }
        if first.sentence == second.sentence, first.clause != second.clause,
           narrative.listItemClauses.contains(first.clause), narrative.listItemClauses.contains(second.clause) { return true }
        if first.sentence != second.sentence {
            // Items of one list (a diagnosis line and a procedure line are not two procedures).
            return first.section == second.section
                && narrative.listItemSentences.contains(first.sentence) && narrative.listItemSentences.contains(second.sentence)
        }
        guard joins else { return false }
        return (left.upperBound + 1..<right.lowerBound).contains { index in
            guard Self.joins(index, in: narrative) else { return false }
            // "and" written out, not after a comma: a joining word only where allowed.
            let bare = tokens[index].text == "and" && narrative.quote(index, index) != "+" && tokens[index - 1].clause == tokens[index].clause
            return plainAnd || !bare
        }
    }

    /// The side a word is said of: the nearest side word before it in its clause ("right
    /// distal femoral and left proximal tibial epiphysiodesis"; "right and left" name both), else
    /// the side words after it in the clause, else those of its sentence.
    static func sides(at index: Int, in narrative: AnalyzedNarrative) -> Set<Side> {
        let tokens = narrative.tokens
        func side(_ position: Int) -> Set<Side>? {
            tokens[position].historical ? nil : narrative.namedSides[position]
        }
        let clause = tokens[index].clause, sentence = tokens[index].sentence
        // A statement opening after a joining word takes the side said in it, after the word when
        // not before it: in "IMN R tibia + ORIF L patella" the ORIF is the left patella's.
        var back = index
        while back >= 0, tokens[back].clause == clause, side(back) == nil, !joins(back, in: narrative) { back -= 1 }
        if back >= 0, tokens[back].clause == clause, joins(back, in: narrative) {
            var ahead = index + 1
            while ahead < tokens.count, tokens[ahead].clause == clause, !joins(ahead, in: narrative) {
                if let found = side(ahead) { return found }
                ahead += 1
            }
        }
        var position = index
        while position >= 0, tokens[position].clause == clause {
            if var found = side(position) {
                // "right and left", "left & right"
                var look = position - 1
                while look >= 1, tokens[look].clause == clause, tokens[look].text == "and", let more = side(look - 1) {
                    found.formUnion(more)
                    look -= 2
                }
                return found
            }
            position -= 1
        }
        func named(_ belongs: (NarrativeToken) -> Bool) -> Set<Side> {
            var result: Set<Side> = []
            var first = index
            while first > 0, belongs(tokens[first - 1]) { first -= 1 }
            for position in first..<tokens.count {
                guard belongs(tokens[position]) else { break }
                result.formUnion(side(position) ?? [])
            }
            return result
        }
        let inClause = named { $0.clause == clause }
        return inClause.isEmpty ? named { $0.sentence == sentence } : inClause
    }

    /// The tokens of a hit, widened to every word its abbreviation was expanded to ("ORIF" is
    /// four tokens; "open reduction" and "internal fixation" are the same written word).
    static func words(_ hit: Phrase.Hit, in narrative: AnalyzedNarrative) -> ClosedRange<Int> {
        let tokens = narrative.tokens
        var first = hit.first, last = hit.last
        while first > 0, tokens[first - 1].start == tokens[first].start, tokens[first - 1].end == tokens[first].end { first -= 1 }
        while last + 1 < tokens.count, tokens[last + 1].start == tokens[last].start, tokens[last + 1].end == tokens[last].end { last += 1 }
        return first...last
    }

    /// Codes that compete for the same procedure (linked by `related`, or the same action on
    /// the same anatomy): the words of one are never "another procedure" for the other.
    static func neighbours(_ a: CompiledEntry, _ b: CompiledEntry) -> Bool {
        if a.competitors.contains(b.entry.code) || b.competitors.contains(a.entry.code) { return true }
        guard a.entry.action == b.entry.action, let first = a.entry.anatomy.first, let other = b.entry.anatomy.first else { return false }
        return b.entry.anatomy.contains(first) || a.entry.anatomy.contains(other)
    }

    /// Whether a `none` phrase of an entry belongs to another procedure's statement: it is a
    /// word of another documented procedure (not a neighbour) told in a statement separate
    /// from this entry's site (its words there either separate or shared with this entry).
    /// Then it does not rule the entry out.
    static func belongsToAnother(_ hit: Phrase.Hit, own: [Phrase.Hit], entry: CompiledEntry, documented: [Documented],
                                 compiled: [CompiledEntry], narrative: AnalyzedNarrative) -> Bool {
        // A word of a diagnosis or findings line describes the condition of the whole operation.
        guard hit.section.procedureWeight >= 0.85, let first = own.first else { return false }
        let span = words(hit, in: narrative)
        let site = words(first, in: narrative)
        guard separated(site, span, in: narrative) else { return false }
        let strict = separated(site, span, in: narrative, plainAnd: false)
        let ownRanges = own.map { words($0, in: narrative) }
        for other in documented where compiled[other.entryIndex] !== entry {
            var hits = other.hits.map { words($0, in: narrative) }
            // The other procedure named first in the indications ("recurrent sprains, also subluxing
            // peroneals. Brostrom … Also: superior peroneal retinaculum repaired for the subluxing
            // peroneal tendons"): when the word's own statement tells that procedure whole, its words
            // there are the ones that count. Not a neighbour's (one of two codes of one site told in
            // two statements is the neighbour rule's to judge).
            if !hits.contains(where: { !separated($0, span, in: narrative, plainAnd: false) }), !neighbours(entry, compiled[other.entryIndex]),
               let local = wholeNear(span, entry: compiled[other.entryIndex], in: narrative) {
                hits = local
            }
            // A bare "and" parts two procedures only when all the other's words stand on the far
            // side of it ("lateral and posterior malleoli" is one statement).
            if !strict {
                let low = min(span.lowerBound, hits.map(\.lowerBound).min() ?? span.lowerBound)
                let high = max(span.upperBound, hits.map(\.upperBound).max() ?? span.upperBound)
                if (low...high).overlaps(site) || !separated(site, low...high, in: narrative) { continue }
            }
            // The word is among the other procedure's words, in its statement (a bare "and" joins
            // the steps of one: "right knee arthrotomy and washout for septic arthritis").
            guard hits.contains(where: { !separated($0, span, in: narrative, plainAnd: false) }), !hits.contains(where: { $0.overlaps(site) }) else { continue }
            guard hits.allSatisfy({ range in separated(site, range, in: narrative) || ownRanges.contains { $0.overlaps(range) } }) else { continue }
            if other.hits.contains(where: { $0.section.procedureWeight < ProcedureScorer.minimumSectionWeight }) { continue }
            // A neighbour's words rule this entry out (they tell the same procedure apart, and
            // "X and Y" of one site may be a code of its own), unless they are on the other side
            // or in another list item: "R ischial bursa excision; L greater trochanteric bursectomy".
            if neighbours(entry, compiled[other.entryIndex]), !apart(site, span, in: narrative),
               !toldApart(own, other.hits, entry, compiled[other.entryIndex], in: narrative) { continue }
            // Words shared with this entry ("repair of the MCL and PCL"): one statement naming two
            // structures, unless the two are on different sides or in different list items.
            if hits.contains(where: { range in ownRanges.contains { $0.overlaps(range) } }),
               let otherSite = hits.first, !apart(site, otherSite, in: narrative) { continue }
            // A code that takes the words of both statements as its own makes them one procedure
            // ("Salter osteotomy + open reduction + femoral shortening" is one combined code).
            let combined = documented.contains { third in
                let code = compiled[third.entryIndex]
                guard code !== entry, third.entryIndex != other.entryIndex, !code.entry.isAddOn, !code.entry.isUnlisted else { return false }
                let ranges = third.hits.map { words($0, in: narrative) }
                // It needs the other statement: one of its groups is documented only there.
                let needsOther = code.all.contains { group in
                    !group.contains { phrase in phrase.hits(in: narrative).contains { $0.affirmed && !separated(site, $0.first...$0.last, in: narrative) } }
                }
                return needsOther && ranges.contains { range in ownRanges.contains { $0.overlaps(range) } }
                    && ranges.contains { range in range.overlaps(span) || hits.contains { $0.overlaps(range) && !ownRanges.contains(where: { $0.overlaps(range) }) } }
                    && !mixed(third.hits, entry: code, documented: documented, compiled: compiled, narrative: narrative)
            }
            if combined { continue }
            return true
        }
        return false
    }

    /// For each required group of `entry`, an affirmed word in the statement of `span` (not separated
    /// from it), or nil when a group has none there.
    static func wholeNear(_ span: ClosedRange<Int>, entry: CompiledEntry, in narrative: AnalyzedNarrative) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for group in entry.all {
            var found: ClosedRange<Int>?
            for index in group.indices where found == nil && narrative.mayContain(group[index]) {
                found = group[index].hits(in: narrative).first { $0.affirmed && !separated(words($0, in: narrative), span, in: narrative, plainAnd: false) }
                    .map { words($0, in: narrative) }
            }
            guard let range = found else { return nil }
            ranges.append(range)
        }
        return ranges
    }

    /// Two sites joined by a bare "and" that share the action after them ("adductor longus and
    /// gracilis release", "tibia and fibula shortened"): one statement, not two procedures. The
    /// words between the first site and the "and" name nothing a documented code needs besides
    /// its site ("total hip arthroplasty and knee …" is two statements).
    static func coordinated(_ site: ClosedRange<Int>, _ other: ClosedRange<Int>, documented: [Documented], narrative: AnalyzedNarrative) -> Bool {
        let tokens = narrative.tokens
        guard site.upperBound < other.lowerBound, other.lowerBound - site.upperBound <= 5,
              tokens[site.upperBound].clause == tokens[other.lowerBound].clause,
              let join = (site.upperBound + 1..<other.lowerBound).first(where: { tokens[$0].text == "and" }),
              narrative.quote(join, join) != "+", !sidesDiffer(site, other, in: narrative) else { return false }
        // After the "and" only stop words before the other site.
        guard (join + 1..<other.lowerBound).allSatisfy({ Lexicon.stopWords.contains(tokens[$0].text) }) else { return false }
        let between = site.upperBound + 1..<join
        guard !between.isEmpty else { return true }
        return !documented.contains { doc in
            doc.hits.dropFirst().contains { hit in between.overlaps(hit.first...hit.last) }
        }
    }

    /// Sentences that each tell a whole procedure of their own, at a site of their own: every
    /// required group of an entry is affirmed inside the sentence, and another sentence of the
    /// same section does the same for an entry of other anatomy (not a neighbour) that this
    /// sentence does not document ("Left intertrochanteric fracture fixed with a nail. Left
    /// patella fracture treated by open reduction and tension band wiring."). They are statements
    /// of their own, as list items are: the words of one say nothing about the other's procedure.
    /// Sentences telling one operation in parts ("ORIF trimalleolar fracture. The lateral
    /// malleolus was plated.") name neighbouring codes or the same anatomy and stay one statement.
    static func selfContainedSentences(_ documented: [Documented], compiled: [CompiledEntry], narrative: AnalyzedNarrative) -> Set<Int> {
        selfContained(documented, compiled: compiled, narrative: narrative) { narrative.tokens[$0].sentence }
            .subtracting(narrative.listItemSentences)
    }

    /// The clauses of a series ("reamed nail of the femoral shaft, ORIF of the patella, and ORIF of
    /// the lateral malleolus"; "adductor tenotomy, hamstring lengthening, and gastrocnemius
    /// recession") that each tell a whole procedure of their own, by the same tests as sentences.
    /// A series: a sentence in which a clause after a comma opens with "and".
    static func selfContainedSeriesClauses(_ documented: [Documented], compiled: [CompiledEntry], narrative: AnalyzedNarrative) -> Set<Int> {
        let tokens = narrative.tokens
        var series: Set<Int> = []
        for index in tokens.indices.dropFirst() where tokens[index].text == "and" && tokens[index - 1].clause != tokens[index].clause
            && tokens[index - 1].sentence == tokens[index].sentence {
            series.insert(tokens[index].sentence)
        }
        guard !series.isEmpty else { return [] }
        let clauses = selfContained(documented, compiled: compiled, narrative: narrative) { index in
            series.contains(tokens[index].sentence) ? tokens[index].clause : nil
        }
        // Only a list of three or more whole procedures: two clauses joined by ", and" are as
        // often one procedure and its detail.
        var perSentence: [Int: Int] = [:], sentenceOf: [Int: Int] = [:]
        for index in tokens.indices where clauses.contains(tokens[index].clause) && (index == 0 || tokens[index - 1].clause != tokens[index].clause) {
            perSentence[tokens[index].sentence, default: 0] += 1
            sentenceOf[tokens[index].clause] = tokens[index].sentence
        }
        return clauses.filter { clause in sentenceOf[clause].map { (perSentence[$0] ?? 0) >= 3 } ?? false }
    }

    /// Units (sentences, or clauses of a series) that each tell a whole procedure of their own.
    private static func selfContained(_ documented: [Documented], compiled: [CompiledEntry], narrative: AnalyzedNarrative,
                                      unit unitOf: (Int) -> Int?) -> Set<Int> {
        var complete: [Int: [Int]] = [:]        // unit → entries it documents on its own
        var siteSentences: [Int: Set<Int>] = [:]  // entry → units naming its site
        var siteRanges: [Int: [ClosedRange<Int>]] = [:]
        var sectionOf: [Int: SectionKind] = [:]
        for item in documented {
            let entry = compiled[item.entryIndex]
            if entry.entry.isAddOn || entry.entry.isUnlisted { continue }
            var sentences: Set<Int>?
            for (offset, group) in entry.all.enumerated() {
                var found: Set<Int> = []
                for index in group.indices where narrative.mayContain(group[index]) {
                    for hit in group[index].hits(in: narrative) where hit.affirmed && hit.section.procedureWeight >= 0.85 {
                        guard let unit = unitOf(hit.first) else { continue }
                        found.insert(unit)
                        sectionOf[unit] = hit.section
                        if offset == 0 { siteRanges[item.entryIndex, default: []].append(hit.first...hit.last) }
                    }
                }
                if sentences == nil { siteSentences[item.entryIndex] = found }
                sentences = sentences.map { $0.intersection(found) } ?? found
                if sentences?.isEmpty ?? true { break }
            }
            for sentence in sentences ?? [] { complete[sentence, default: []].append(item.entryIndex) }
        }
        guard complete.count >= 2 else { return [] }
        // Codes that compete, directly or through a common neighbour, tell one procedure
        // ("lateral malleolus fracture …; ORIF of the fibula": the ankle codes link them).
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while let up = parent[x], up != x { x = up }
            return x
        }
        let indices = documented.map(\.entryIndex)
        for (offset, x) in indices.enumerated() {
            for y in indices[(offset + 1)...] where neighbours(compiled[x], compiled[y]) {
                parent[find(x)] = find(y)
            }
        }
        var result: Set<Int> = []
        let sentences = complete.keys.sorted()
        for (offset, a) in sentences.enumerated() {
            for b in sentences[(offset + 1)...] where sectionOf[a] == sectionOf[b] {
                guard !(result.contains(a) && result.contains(b)), let inA = complete[a], let inB = complete[b] else { continue }
                // A code of one sentence competing with a code of the other (through a combined
                // code: "Open reduction of a knee dislocation; the ACL and MCL were repaired") makes
                // them one procedure told in two sentences.
                guard Set(inA.map(find)).isDisjoint(with: inB.map(find)) else { continue }
                // A site inside the other procedure's own wording is that procedure's detail:
                // "Proximal tibial traction pin …" after a femoral shaft fracture (27502 lists
                // "proximal tibial traction") is no tibial procedure.
                func wording(_ entries: [Int], in unit: Int) -> [ClosedRange<Int>] {
                    entries.flatMap { x in
                        compiled[x].any.flatMap { group in
                            group.indices.filter { narrative.mayContain(group[$0]) && group[$0].keys.count > 1 }.flatMap { group[$0].hits(in: narrative) }
                        }
                    }.filter { unitOf($0.first) == unit }.map { $0.first...$0.last }
                }
                let (wordsOfAInB, wordsOfBInA) = (wording(inA, in: b), wording(inB, in: a))
                func inside(_ y: Int, _ words: [ClosedRange<Int>], sentence unit: Int) -> Bool {
                    let sites = (siteRanges[y] ?? []).filter { unitOf($0.lowerBound) == unit }
                    return !sites.isEmpty && sites.allSatisfy { site in words.contains { $0.lowerBound <= site.lowerBound && $0.upperBound >= site.upperBound } }
                }
                // Each names its own site only in its own sentence ("fibula plated, medial malleolus
                // screws. Posterior fragment reduced with the fibula" tells one ankle operation).
                let apart = inA.contains { x in
                    !inB.contains(x) && !(siteSentences[x]?.contains(b) ?? false) && inB.contains { y in
                        !inA.contains(y) && !(siteSentences[y]?.contains(a) ?? false) && Set(compiled[x].entry.anatomy).isDisjoint(with: compiled[y].entry.anatomy)
                            && !inside(y, wordsOfAInB, sentence: b) && !inside(x, wordsOfBInA, sentence: a)
                    }
                }
                if apart { result.insert(a); result.insert(b) }
            }
        }
        return result
    }

    /// Words saying a step was done to reach or see the operative field: "for exposure", "to
    /// expose", "to gain access", "for visualisation", "to get exposure", "to allow exposure".
    static let accessWords: Set<String> = ["exposure", "expose", "access", "visualization", "visualisation", "visualize", "visualise"]
    static let purposeWords: Set<String> = ["for", "to", "gain", "get", "allow", "facilitate", "improve", "aid", "better"]

    /// Whether the sentence of every required word of a code says, after the code's first word,
    /// that it was done for access.
    static func doneForAccess(_ hits: [Phrase.Hit], in narrative: AnalyzedNarrative) -> Bool {
        guard !hits.isEmpty else { return false }
        let tokens = narrative.tokens
        // The purpose follows the step it explains ("trochanteric osteotomy to get exposure for a
        // THA": the osteotomy is the access, the THA is not). A hit's words may stand in two
        // sentences (a clause concept such as "fasciotomy" is read from words of its clause).
        let start = hits.map(\.first).min() ?? 0
        func said(around index: Int) -> Bool {
            let sentence = narrative.sentenceSpan(of: index)
            let from = max(sentence.lowerBound, start + 1)
            guard from <= sentence.upperBound else { return false }
            return (from...sentence.upperBound).contains { position in
                accessWords.contains(tokens[position].text) && !tokens[position].negated
                    && (max(from, position - 3)..<position).contains { purposeWords.contains(tokens[$0].text) }
            }
        }
        return hits.allSatisfy { said(around: $0.first) || said(around: $0.last) }
    }

    /// Two neighbours each told whole in a statement of its own, one after the other, parted by
    /// a joining word other than a bare "and" ("arthrotomy and washout of the septic knee, then
    /// incision and drainage of a deep abscess of the thigh outside the joint"; "…, and I&D of a
    /// hematoma of the thigh"): two procedures, though they compete for one. No word is shared,
    /// and the two do different work (a drainage and an arthrotomy): parts of one kind of work
    /// ("trimalleolar fx: lateral plate, medial screws, and the posterior malleolus fixed") are
    /// one procedure told in parts.
    static func toldApart(_ a: [Phrase.Hit], _ b: [Phrase.Hit], _ x: CompiledEntry, _ y: CompiledEntry, in narrative: AnalyzedNarrative) -> Bool {
        guard x.entry.action != y.entry.action else { return false }
        guard let aLow = a.map(\.first).min(), let aHigh = a.map(\.last).max(),
              let bLow = b.map(\.first).min(), let bHigh = b.map(\.last).max() else { return false }
        let (first, second) = aHigh < bLow ? (aLow...aHigh, bLow...bHigh) : bHigh < aLow ? (bLow...bHigh, aLow...aHigh) : (nil, nil)
        guard let first, let second, narrative.tokens[first.upperBound].sentence == narrative.tokens[second.lowerBound].sentence else { return false }
        return separated(first, second, in: narrative, plainAnd: false)
    }

    /// Different sides, or different items of a list.
    static func apart(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>, in narrative: AnalyzedNarrative) -> Bool {
        if sidesDiffer(a, b, in: narrative) { return true }
        let (x, y) = (narrative.tokens[a.lowerBound].sentence, narrative.tokens[b.lowerBound].sentence)
        let (p, q) = (narrative.tokens[a.lowerBound].clause, narrative.tokens[b.lowerBound].clause)
        if x == y, p != q, narrative.listItemClauses.contains(p), narrative.listItemClauses.contains(q) { return true }
        return x != y && narrative.tokens[a.lowerBound].section == narrative.tokens[b.lowerBound].section
            && narrative.listItemSentences.contains(x) && narrative.listItemSentences.contains(y)
    }

    /// Whether two spans name different sides (each names one, or its sentence does). Asked again
    /// and again (`separated`, `apart`, `mixed`): most notes name one side or none, and then no
    /// two spans' sides differ (`AnalyzedNarrative.namesDisjointSides`); the second span's sides
    /// are read only when the first's are named.
    static func sidesDiffer(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>, in narrative: AnalyzedNarrative) -> Bool {
        guard narrative.namesDisjointSides else { return false }
        let x = sides(at: a.upperBound, in: narrative)
        guard !x.isEmpty else { return false }
        let y = sides(at: b.lowerBound, in: narrative)
        return !y.isEmpty && x.isDisjoint(with: y)
    }

    /// Whether an entry borrowed its words from another procedure's statement: its site (the
    /// first required group) is named in one statement, and a required group documented
    /// nowhere in that statement takes its words from another documented procedure (not a
    /// neighbour) told entirely in another statement with a site of its own. "1. Total hip
    /// arthroplasty. 2. Excision of lipoma, thigh" documents no excision of a lipoma at the hip.
    static func mixed(_ hits: [Phrase.Hit], entry: CompiledEntry, documented: [Documented], compiled: [CompiledEntry],
                      narrative: AnalyzedNarrative) -> Bool {
        guard let site = hits.first, site.section.procedureWeight >= 0.85, hits.count >= 2 else { return false }
        let siteRange = words(site, in: narrative)
        // A code of one side does not take its words from a right and a left statement
        // ("right distal femoral and left proximal tibial epiphysiodesis" is no combined arrest).
        if ["side", "bilateral-50"].contains(entry.entry.laterality), entry.entry.facts["bilateral"] != .bool(true),
           hits.contains(where: { hit in hits.contains { sidesDiffer(hit.first...hit.last, $0.first...$0.last, in: narrative) } }) { return true }
        var borrowed: [ClosedRange<Int>] = []
        for (group, hit) in zip(entry.all.dropFirst(), hits.dropFirst()) {
            let inOwnStatement = group.contains { phrase in
                phrase.hits(in: narrative).contains { $0.affirmed && !separated(siteRange, $0.first...$0.last, in: narrative) }
            }
            if !inOwnStatement { borrowed.append(words(hit, in: narrative)) }
        }
        guard !borrowed.isEmpty else { return false }
        for other in documented where compiled[other.entryIndex] !== entry {
            guard let otherSite = other.hits.first, !words(otherSite, in: narrative).overlaps(siteRange) else { continue }
            // This entry names that site itself ("ORIF of the fibula" for the pilon code that
            // requires the fibula fixed): the statement is its own.
            if hits.contains(where: { $0.first <= otherSite.first && $0.last >= otherSite.last }) { continue }
            let ranges = other.hits.map { words($0, in: narrative) }
            // The borrowed word is one of the other procedure's words, or stands in its statement
            // when that is a list item or a sentence of its own ("Excision of a lipoma of the
            // gluteus, deep to the fascia. Excision of a subcutaneous lipoma of the thigh": the
            // depth is the gluteal lipoma's).
            let otherRange = words(otherSite, in: narrative)
            guard ranges.contains(where: { range in borrowed.contains { $0.overlaps(range) } })
                    || borrowed.contains(where: { apart(siteRange, $0, in: narrative) && !separated(otherRange, $0, in: narrative) }) else { continue }
            guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max(),
                  separated(siteRange, low...high, in: narrative) else { continue }
            if other.hits.contains(where: { $0.section.procedureWeight < 0.85 }) { continue }
            let candidate = compiled[other.entryIndex]
            if neighbours(entry, candidate) || entry.companions.contains(candidate.entry.code) || candidate.companions.contains(entry.entry.code) { continue }
            if coordinated(siteRange, words(otherSite, in: narrative), documented: documented, narrative: narrative) { continue }
            return true
        }
        return false
    }
}
