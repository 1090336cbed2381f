import Foundation

/// The engine's general linguistics: abbreviations (a bundled resource, documented in
/// docs/knowledge-base.md), words ignored when matching, and the cues of negation, uncertainty
/// and history. Per-code wording lives in the knowledge base, never here.
struct Lexicon: Sendable {
    /// Abbreviation (one to three words) → expansion words.
    let abbreviations: [[String]: [String]]
    let longestAbbreviation: Int

    /// Clause concepts (Resources/lexicon/clause-concepts.tsv): concept word and its word groups.
    /// A concept written `word:sentence` looks for its groups in the whole sentence; `word:after-first`
    /// needs its groups in order in the clause and puts the word right after the first group's word
    /// ("posterior malleolar fragment reduced and held with two screws" → "… fragment fixed …").
    private(set) var concepts: [(concept: String, groups: [[String]], sentenceScope: Bool, afterFirst: Bool)] = []
    /// The groups of each concept as matchers (`concepts[i].groups[j]` is `conceptGroups[i][j]`),
    /// read once: `addConcepts` asks them of every word of every clause and sentence.
    private(set) var conceptGroups: [[WordGroup]] = []

    mutating func loadConcepts(_ tsv: String) {
        concepts = tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 2 else { return nil }
            let parts = fields[0].split(separator: ":").map(String.init)
            return (parts[0], fields.dropFirst().map { $0.split(separator: ",").map(String.init) },
                    parts.contains("sentence"), parts.contains("after-first"))
        }
        conceptGroups = concepts.map { $0.groups.map(WordGroup.init) }
    }

    /// Words and `stem*` patterns, any of which a word may be (`Lexicon.matches`): the whole
    /// words in a set, the stems without their star.
    struct WordGroup: Sendable {
        let words: Set<String>
        let stems: [String]

        init(_ patterns: [String]) {
            words = Set(patterns.filter { !$0.hasSuffix("*") })
            stems = patterns.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) }
        }

        /// Whether `word` matches one of the patterns.
        @inline(__always) func matches(_ word: String) -> Bool {
            words.contains(word) || stems.contains { word.hasPrefix($0) }
        }

        /// Whether some word of `texts` matches one of the patterns.
        func matchesAny(of texts: Set<String>) -> Bool {
            words.contains { texts.contains($0) } || stems.contains { stem in texts.contains { $0.hasPrefix(stem) } }
        }
    }

    /// ICD-10-PCS statements read in plain words (Resources/lexicon/pcs-operations.tsv, see
    /// `NarrativeAnalyzer.addPCSOperations`).
    struct PCSOperation: Sendable {
        /// Root operation words; `needsReplacement`: only a Removal in a note that also replaces the same body part.
        let roots: [String]
        let needsReplacement: Bool
        let bodyParts: [[String]]
        /// Groups that must each have one phrase in the statement.
        let with: [[[String]]]
        let without: [[String]]
        let words: [String]
    }
    private(set) var pcsOperations: [PCSOperation] = []
    /// The root operation words of all `pcsOperations`, read once at load: every note of the PCS
    /// shape asks each of its words.
    private(set) var pcsRoots: Set<String> = []

    mutating func loadPCSOperations(_ tsv: String) {
        func phrases(_ field: String) -> [[String]] {
            field == "-" ? [] : field.split(separator: ",").map { $0.split(separator: " ").map(String.init) }
        }
        pcsOperations = tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { return nil }
            let needsReplacement = fields[0] == "removal+replacement"
            return PCSOperation(roots: needsReplacement ? ["removal"] : fields[0].split(separator: ",").map(String.init),
                                needsReplacement: needsReplacement, bodyParts: phrases(fields[1]),
                                with: fields[2] == "-" ? [] : fields[2].split(separator: "+").map { phrases(String($0)) },
                                without: phrases(fields[3]), words: fields[4].split(separator: " ").map(String.init))
        }
        pcsRoots = Set(pcsOperations.flatMap(\.roots))
    }

    static func matches(_ word: String, _ pattern: String) -> Bool {
        pattern.hasSuffix("*") ? word.hasPrefix(pattern.dropLast()) : word == pattern
    }

    init(abbreviationsTSV: String) {
        var table: [[String]: [String]] = [:]
        var longest = 1
        for line in abbreviationsTSV.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            let key = fields[0].split(separator: " ").map(String.init)
            table[key] = fields[1].split(separator: " ").map(String.init)
            longest = max(longest, key.count)
        }
        abbreviations = table
        longestAbbreviation = longest
        abbreviationHeads = Set(table.keys.compactMap(\.first))
    }

    /// The first words of the abbreviations: a word that starts none is not looked up as the
    /// start of one, two and three words (an array built and hashed for each).
    let abbreviationHeads: Set<String>

    /// Words that carry no meaning for matching: dropped from both phrases and narratives, so
    /// "open reduction and internal fixation" matches "open reduction internal fixation".
    static let stopWords: Set<String> = [
        "the", "a", "an", "of", "and", "to", "his", "her", "their", "its", "this", "that", "these", "those",
        "was", "were", "is", "are", "be", "been", "being", "then", "at", "on", "in", "into", "for", "from",
        "by", "as", "using", "used", "performed", "done", "patient", "we", "he", "she", "it", "there",
        "which", "who", "had", "has", "have", "after", "also", "so", "very",
        // Not "all" or "under": "all components", "all four compartments", "under 5 cm" and
        // "under anesthesia" say something a code depends on.
    ]

    /// Adverbs of manner say how a thing was done, not what: a phrase reads past them as it reads
    /// past stop words ("pulled gently on his leg" is "pulled on the leg", "carefully reduced",
    /// "slowly brought out to length", "sharply excised"). Only for phrase matching: the scope
    /// readers still see them.
    static let mannerAdverbs: Set<String> = [
        "gently", "carefully", "slowly", "gradually", "steadily", "smoothly", "easily", "successfully", "readily",
        "manually", "sharply", "cautiously", "firmly", "softly",
    ]
    /// Descriptive words a writer puts inside a standard phrase ("removed a long sequestrum",
    /// "took out the loose bony fragment", "a short titanium nail"): size, shape,
    /// colour and material words that carry no coding fact in 27000-27899. A phrase reads past at
    /// most one of them between two of its keys (never before its first or after its last key).
    /// Kept out because they carry a fact a phrase or a reader needs: "small", "tiny", "little",
    /// "mini", "stab", "thin" (skin cuts, the fibula); numbers, "single", "double", "several",
    /// "multiple" (tendons, compartments, columns, stages: "stage one of two" is no "stage two");
    /// "old" (a chronic rupture, an existing implant), "whole", "entire" (total against partial),
    /// "loose" (a loose body, a loose component), "wide", "giant", "solid", "firm", "hard"; tissue
    /// colours read for viability ("grey", "pink", "red", "dark", "pale", "dusky", "black", "brown");
    /// "steel" (Steel osteotomy), "metal", "blunt", "sharp".
    static let phraseInsertWords: Set<String> = [
        "long", "short", "large", "big", "huge", "massive", "sizable", "sizeable", "generous", "substantial",
        "considerable", "lengthy", "elongated", "bulky", "hefty", "chunky", "medium", "thick", "narrow", "slender",
        "round", "rounded", "oval", "flat", "curved", "irregular", "jagged", "ragged", "frayed", "tapered",
        "cylindrical", "smooth", "rough", "dense", "heavy", "sturdy",
        "white", "whitish", "yellow", "yellowish", "green", "greenish", "blue", "bluish",
        "titanium", "bony", "osseous", "usual", "standard",
    ]
    /// Words a phrase reads past: stop words and adverbs of manner.
    static func isPhraseTransparent(_ word: String) -> Bool { stopWords.contains(word) || mannerAdverbs.contains(word) }

    /// Forward negation: what follows in the clause did not happen / is absent.
    static let negationCues: [[String]] = [
        ["no"], ["not"], ["without"], ["none"], ["nothing"], ["nor"], ["neither"], ["never"], ["denies"], ["denied"],
        ["negative", "for"], ["free", "of"], ["absence", "of"], ["absent"], ["rather", "than"], ["instead", "of"],
        ["in", "lieu", "of"], ["ruled", "out"], ["no", "evidence", "of"],
        // "Due to the locked knee and lack of the arthroscopy set, arthrotomy ...", "for want of an
        // arthroscope": what was lacking was not used.
        ["lack", "of"], ["lacking"], ["want", "of"], ["shortage", "of"],
        // "Patient declined total knee replacement": what was refused was not done.
        ["declined"], ["declines"], ["refused"], ["refuses"],
        // "reduced in resus before any sedation was drawn up": what had not yet happened was not used.
        ["before", "any"],
        // What is prevented or guarded against is not there ("plate to prevent fracture", "nailed to
        // avoid a pathological fracture", "to guard against collapse").
        ["prevent"], ["prevents"], ["preventing"], ["prevention", "of"], ["avoid"], ["avoiding"],
        ["protect", "against"], ["protects", "against"], ["protection", "against"], ["guard", "against"],
    ]
    /// Verbs of keeping something from happening: with "from" after them in their clause, what
    /// follows "from" is not there ("a plate to protect the femur from fracturing", "shielding the
    /// bone from collapse").
    static let protectingVerbs: Set<String> = ["protect", "protects", "protected", "protecting", "guard", "guards", "guarding",
                                                "shield", "shields", "shielding", "keep", "keeps", "stop", "stops"]
    /// Single words that negate what follows them ("no", "not", "without"): a phrase that contains
    /// one states an absence in its own words (see `Phrase.internalNegation`).
    static let forwardNegationWords: Set<String> = ["no", "not", "without", "none", "nothing", "never"]
    /// Backward negation: the clause before the cue did not happen ("fasciotomy was deferred").
    static let backwardNegationCues: Set<String> = [
        "deferred", "declined", "refused", "aborted", "cancelled", "canceled", "unnecessary", "unremarkable",
        // "fibula intact", "ACL intact": the structure is not injured and not treated; so is one
        // "unaffected", "uninvolved" or "spared", and work "avoided" was not done ("ankle and leg
        // unaffected", "a below-knee amputation can be avoided for now").
        "intact", "unaffected", "uninvolved", "spared", "avoided",
        // "intertrochanteric extension excluded on MRI": a finding ruled out.
        "excluded",
        // "the fibula was left uncut", "compartments unopened": the bone or compartment was not cut.
        "uncut", "undivided", "unosteotomized", "unosteotomised", "unopened", "unreleased",
        // "arthroscopy stack unavailable, so ...": what was not to be had was not used.
        "unavailable",
    ]
    /// Backward negation only as a predicate, after a form of "be" or a verb of finding and "and":
    /// "the obturator nerve was identified and preserved", "the sciatic nerve was protected" (kept,
    /// not cut); not "heel pad preserved" in a Syme amputation or "protected weight bearing".
    static let predicateNegationCues: Set<String> = ["preserved", "protected"]
    /// Backward negation only when the word closes its clause: "syndesmosis stable." negates
    /// the syndesmosis, "stable to stress testing after fixation" does not.
    static let clauseFinalNegationCues: Set<String> = [
        "stable", "normal", "retained", "untouched", "congruent", "concentric",
        // A correction: "the title 'synovectomy' on the booking form is wrong".
        "wrong", "incorrect", "erroneous", "mistaken", "inaccurate",
    ]
    /// Where a subject negated backward cannot reach past: the way something else was done.
    static let mannerPrepositions: Set<String> = ["under", "through", "via", "using"]
    /// Words describing an injury, after "not": "it is not displaced" negates the description only.
    static let injuryDescriptions: Set<String> = ["displaced", "angulated", "comminuted", "malrotated", "translated", "shortened", "impacted",
                                                  // "the tibia never knitted", "has not healed": the bone's state, not care withheld.
                                                  "healed", "united", "knitted", "knit", "mended", "consolidated",
                                                  // "osteomyelitis of the distal femur, not settled on IV antibiotics",
                                                  // "effusion not resolved", "not improving": the condition persists.
                                                  "settled", "settling", "improved", "improving", "resolved", "resolving",
                                                  "responded", "responding", "subsided", "subsiding"]
    /// A compartment's state that needs no release, when it ends a clause naming the compartment.
    static let softCompartmentWords: Set<String> = ["soft", "supple", "compressible", "nontense", "untense"]
    /// Words of releasing a compartment (a clause with one of them released it).
    static let releaseStems: [String] = ["releas", "decompress", "fasciotom", "opened", "incised", "split", "divided"]
    /// Kept as it was ("femoral component well fixed and left in place", "the femoral left alone
    /// as it was solidly fixed", "insert kept"): the thing before is not treated. The verb, then
    /// what may follow it in the cue.
    static let retentionVerbs: Set<String> = ["left", "kept", "retained", "untouched"]
    static let retentionEnds: [[String]] = [["in", "place"], ["in", "situ"], ["alone"], ["as", "is"], ["as", "it", "is"], ["as", "it", "was"], ["as", "they", "were"], ["undisturbed"], ["untouched"], ["intact"], []]
    /// Words that may follow a retention cue in its clause: the reason ("left alone because it was well fixed").
    static let retentionFollowers: Set<String> = ["because", "as", "since", "given", "and", "but", "while", "with", "due", "owing", "being"]
    /// Words after "not" that show the negation is about what came before ("posterior malleolus not fixed").
    /// "too swollen for", "unfit for", "unsuitable for": the procedure after "for" was not done.
    static let unfitWords: Set<String> = ["too", "unfit", "unsuitable", "inappropriate", "contraindicated"]
    static let numberWords: Set<String> = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few", "several", "couple", "some"]
    static let subjectStarters: Set<String> = ["the", "a", "an", "his", "her", "their", "patient", "he", "she", "it", "we", "they", "this"]
    static let prepositions: Set<String> = ["of", "to", "in", "on", "at", "with", "for", "from", "by", "into", "onto", "over", "under", "through", "via", "and", "or"]
    /// Units of time from hours to months, as a count of them is written ("48 hours", "six weeks").
    /// Each reader below adds its own words to them.
    static let timeSpanUnits: Set<String> = ["day", "days", "week", "weeks", "month", "months", "hour", "hours"]
    /// Units an "in"/"within" or a "later" counts in ("in 2 wks", "5 months later"), short "wk(s)" too.
    static let timeUnits: Set<String> = timeSpanUnits.union(["wk", "wks"])
    /// Units an "earlier" counts back in ("six weeks earlier", "two years earlier").
    static let elapsedUnits: Set<String> = timeSpanUnits.union(["year", "years"])
    /// What an "after"/"post" counts from ("2 years after", "post-op day 1", "the morning after").
    static let timeCountWords: Set<String> = elapsedUnits.union(["pod", "morning", "evening", "night"])
    /// "did not", "could not" before an active verb: see NarrativeAnalyzer.markScopes.
    static let doOrModalVerbs: Set<String> = ["did", "does", "do", "could", "can", "will", "would"]
    /// Active verbs after "did not" that still say the subject was not treated.
    static let verbsThatLeaveTheSubjectUntreated: Set<String> = [
        "be", "been", "have", "require", "requires", "need", "needs", "warrant", "warrants", "undergo", "get", "receive", "merit",
    ]
    static let beVerbs: Set<String> = ["was", "were", "is", "are", "be", "been", "being", "did", "does", "do", "had", "has", "have", "could", "can", "will", "would"]

    static let uncertaintyCues: [[String]] = [
        ["rule", "out"], ["possible"], ["possibly"], ["probable"], ["probably"], ["suspected"], ["suspect"],
        ["suspicious", "for"], ["questionable"], ["concern", "for"], ["can", "not", "exclude"], ["may"], ["might"],
        ["versus"], ["vs"], ["likely"], ["presumed"],
    ]
    /// What follows is the past or the future, not today's procedure.
    static let historyCues: [[String]] = [
        ["prior"], ["previous"], ["previously"], ["status", "post"], ["history", "of"], ["remote"],
        // "Hx: R THA 2018, L TKA 2020. Today: carpal tunnel release" (hx, pmh, psh: past history).
        ["history"], ["pmh"], ["psh"], ["pshx"],
        // "The lesion itself was left for definitive resection after staging": kept for later.
        ["left", "for", "definitive"], ["left", "for", "later"], ["left", "for", "a", "later"], ["left", "for", "staged"],
        ["reserved", "for"], ["saved", "for"],
        // What a case needs or requires now is still to be done ("Needs Role 2 damage control (debridement
        // + ex-fix)", "requires IM nailing at Role 3"); "needed", "required" tell what was found and done.
        ["needs"], ["requires"],
        // "then Role 3 for definitive IM nailing", "to clinic for definitive management": the definitive
        // stage named after "for" is the next one, not the work told.
        ["for", "definitive"],
        // "will" is also "we'll reduce it and then cast it": the tokenizer keeps a pronoun's contraction
        // and abbreviations.tsv reads it as "we will".
        ["in", "the", "past"], ["planned"], ["plan"], ["plans"], ["will"], ["would"],
        // "is going to put the hip back in": the future told in other words. "we well", "they well" are
        // what "we'll", "they'll" were tokenized to before the contraction was kept; they now read only
        // those words as written.
        ["we", "well"], ["they", "well"], ["is", "going", "to"], ["are", "going", "to"], ["am", "going", "to"], ["plan", "to"], ["shall"], ["scheduled"], ["candidate", "for"],
        ["recommend"], ["recommended"], ["recommending"], ["consider"], ["considering"], ["discussed"], ["discussion"],
        ["options"], ["option"], ["future"], ["later"], ["staged"], ["eventual"], ["eventually"], ["prev"], ["formerly"],
        ["originally"], ["initially", "treated"], ["the", "earlier"], ["an", "earlier"], ["his", "earlier"], ["her", "earlier"], ["their", "earlier"], ["years", "ago"], ["ago"], ["weeks", "after"], ["days", "after"],
        ["months", "after"], ["years", "after"], ["follow", "up"], ["followup"], ["visit"], ["postoperative", "pain"],
        // A consult tells why the patient was seen; a procedure it names is the plan.
        ["consult"], ["consultation"],
        // "after a failed aspiration": what failed was done before ("removal of a failed
        // total ankle" is not: the failed implant is today's object).
        ["after", "failed"], ["after", "a", "failed"], ["after", "an", "failed"],
        // "a chondral defect that failed microfracture": what a condition failed was done before.
        ["that", "failed"], ["which", "failed"], ["who", "failed"], ["has", "failed"], ["had", "failed"], ["having", "failed"],
        // "chronic prepatellar bursitis, failed aspiration x2", "failed physio and two injections":
        // a needle or conservative treatment said to have failed was tried before today.
        ["failed", "aspiration"], ["failed", "aspirations"], ["failed", "injection"], ["failed", "injections"],
        ["failed", "conservative"], ["failed", "nonoperative"], ["failed", "nonsurgical"], ["failed", "physiotherapy"],
        ["failed", "physio"], ["failed", "physical", "therapy"], ["failed", "rehab"], ["failed", "rehabilitation"],
        ["failed", "bracing"], ["failed", "splinting"], ["failed", "casting"], ["failed", "antibiotics"],
        ["failed", "medical"], ["failed", "steroid"], ["failed", "steroids"],
        // Offered, awaited or waiting: not done ("was offered a below-knee amputation",
        // "awaiting ORIF", "listed for a hemi"); an existing state is not today's work ("in a
        // longstanding above-knee amputation").
        // A booking or consent form's "Procedure to be performed: …": what is to be done is not done yet.
        ["to", "be", "performed"], ["to", "be", "done"], ["to", "be", "undertaken"], ["to", "be", "carried", "out"],
        ["offered"], ["awaiting"], ["awaits"], ["listed", "for"],
        // "They have booked him for an operation on Thursday", "booked in for a hemi", "booked onto
        // Friday's list": what a booking is for is still to come ("done as booked" is no cue).
        ["booked", "for"], ["booked", "in", "for"], ["booked", "him", "for"], ["booked", "her", "for"], ["booked", "them", "for"],
        ["booked", "him", "in", "for"], ["booked", "her", "in", "for"], ["booked", "onto"], ["booked", "on", "to"], ["waiting", "list"], ["waitlisted"], ["longstanding"],
        ["long", "standing"], ["existing"], ["preexisting"], ["pre", "existing"],
        // What a condition persisted through was tried before ("recurrent despite aspiration",
        // "refractory to three injections"): the treatment named after it is not today's work.
        ["despite"], ["in", "spite", "of"], ["refractory", "to"], ["resistant", "to"], ["unresponsive", "to"],
        // The recovery to come, in a report to a club, an employer or the patient ("expected return to
        // play ~9 months", "back to full training in 6-8 weeks"): its span of time is not the age of
        // the injury, and nothing in it was done today.
        ["return", "to", "play"], ["return", "to", "sport"], ["return", "to", "sports"], ["return", "to", "training"],
        ["return", "to", "full"], ["return", "to", "running"], ["return", "to", "work"], ["return", "to", "duty"],
        ["back", "to", "training"], ["back", "to", "sport"], ["back", "to", "full"], ["back", "to", "work"], ["rtp"],
        // The same told as an estimate ("Expected return 9 months", "estimated return 6-9 months",
        // "anticipated recovery time 4 months", "prognosis: 9 months before sport").
        ["expected", "return"], ["anticipated", "return"], ["estimated", "return"], ["projected", "return"],
        ["expected", "to", "return"], ["return", "expected"], ["time", "to", "return"], ["expected", "recovery"],
        ["anticipated", "recovery"], ["estimated", "recovery"], ["recovery", "time"], ["prognosis"],
    ]
    /// Backward history: the clause before the cue is not today's ("tibia to be fixed later").
    static let backwardHistoryCues: Set<String> = ["later", "ago", "eventually", "subsequently", "postponed", "rescheduled",
                                                     // "Core needle biopsy x2 nondiagnostic": a test whose result is known came before.
                                                     "nondiagnostic", "inconclusive"]
    /// Backward history when the word ends its clause or a time follows ("ORIF planned once the
    /// swelling settles", "fixation scheduled for next week"), not after "as" ("as planned").
    static let backwardPlanCues: Set<String> = ["planned", "scheduled", "booked", "staged", "deferred"]
    static let planFollowers: Set<String> = ["but", "once", "when", "for", "after", "in", "next", "at", "later", "pending", "until", "on", "within", "tomorrow"]
    /// Backward uncertainty when the word closes its clause or is followed by "but": "an
    /// intramedullary nail was considered but not used", "ex-fix considered." (not done).
    static let backwardUncertaintyCues: Set<String> = ["considered", "contemplated", "entertained"]
    /// Words after such a cue that hold it for later: a condition or a time to come.
    static let conditionFollowers: Set<String> = ["if", "should", "when", "once", "unless", "pending", "depending", "later", "after"]

    /// Ends a negation or history scope inside a sentence.
    static let scopeBreakers: Set<String> = ["but", "however", "although", "though", "except", "whereas", "while", "then", "so", "now", "today", "which", "therefore", "thus", "currently", "presents", "presented", "underwent", "undergoes", "undergo", "proceeded", "decision", "elected", "converted"]
    /// "and" ends a scope only when a new statement starts after it.
    static let statementStarters: Set<String> = ["the", "then", "a", "an", "was", "we", "it", "he", "she", "they", "patient", "this", "there", "i", "after", "attention"]
    /// Words that name a muscle compartment or count them ("anterior", "deep posterior", "all four").
    static let compartmentWords: Set<String> = ["anterior", "lateral", "posterior", "anterolateral", "posteromedial", "peroneal", "deep",
                                                "superficial", "medial", "four", "4", "all", "both", "three", "3", "two", "2", "extensor",
                                                "flexor", "quadriceps", "hamstring", "adductor", "gluteal", "interosseous", "calcaneal"]
    /// Backward negation stops at these words ("lateral malleolus plated and posterior malleolus not fixed").
    static let backwardStops: Set<String> = ["and", "but", "then", "after", "while", "with", "however", "also"]
}

extension Lexicon {
    /// Everyday operative-note words that are one letter away from a knowledge-base word
    /// ("placed" / "plated"): known, so never "corrected".
    static let commonWords: Set<String> = [
        // Words of moving a part, read by clause concepts ("tubercle lifted forward"): "lifted" is no misspelt "listed".
        "lifted", "shifted", "raised", "forward", "forwards",
        "placed", "placement", "explanation", "explanations", "explained", "removed", "removal", "applied", "reduces", "relocates", "reducible", "irreducible", "injected", "injecting", "injects", "inserted", "insertion", "drilled", "measured", "obtained",
        "confirmed", "irrigated", "irrigation", "prepped", "draped", "sterile", "fashion", "tolerated", "procedure", "recovery",
        "stable", "condition", "incision", "closure", "sutures", "staples", "dressing", "tourniquet", "inflated", "deflated",
        "identified", "protected", "retracted", "exposed", "fluoroscopy", "imaging", "images", "satisfactory", "alignment",
        "position", "positioned", "supine", "lateral", "decubitus", "prone", "table", "radiographs", "xrays", "patient", "history",
        "presented", "presents", "emergency", "department", "following", "treated", "treatment", "underwent", "surgery",
        "surgeon", "assistant", "complications", "estimated", "minimal", "anesthesia", "general", "regional", "spinal",
        "antibiotics", "administered", "preoperative", "postoperative", "diagnosis", "findings", "indications", "consent",
        "discussed", "benefits", "alternatives", "elected", "proceed", "consented", "operating", "room", "brought", "transferred", "marked",
        "timeout", "performed", "carried", "dissection", "subcutaneous", "tissues", "tissue", "fascia", "muscle", "muscles",
        "tendon", "tendons", "ligament", "ligaments", "capsule", "joint", "bone", "bones", "fragment", "fragments", "wound",
        "wounds", "drain", "drains", "layers", "layered", "fashioned", "reamed", "reaming", "templated", "trialed", "trials",
        "cemented", "uncemented", "press", "impacted", "seated", "checked", "tested", "noted", "observed", "evaluated",
        "required", "requiring", "needed", "necessary", "indicated", "appropriate", "adequate", "excellent", "good",
        "question", "questions", "should", "could", "would", "coded", "coding", "billed", "billing", "bill", "code", "codes",
        "thanks", "thank", "please", "advise", "correct", "right", "left", "bilateral", "wanted", "wondering", "using",
        "without", "within", "through", "around", "between", "against", "across", "distal", "proximal", "medial", "anterior",
        "posterior", "superior", "inferior", "clinic", "office", "visit", "weeks", "months", "years", "yesterday", "today",
        "planned", "scheduled", "status", "previous", "previously", "former", "compartment", "compartments", "release",
        "looked", "look", "looks", "looking", "seemed", "felt", "postponed", "rescheduled",
        "released", "fracture", "fractures", "fractured", "reduction", "reduced", "fixation", "fixed", "screws", "screw",
        "plate", "plates", "nail", "nails", "wires", "pins", "excised", "excision", "biopsy", "debrided", "debridement",
        // Long words two edits from a knowledge-base word ("inspected" / "infected", "inspection" / "infection").
        "inspected", "inspection", "inspect", "visualized", "visualised", "palpated", "preserved", "examined",
        "manoeuvre", "anaesthetic", "anaesthesia", "theatre", "mobilise", "mobilised", "haemostasis", "hemostasis",
        "considered", "excluded", "incorrect", "erroneous", "mistaken", "inaccurate", "ostectomy", "neutralisation", "neutralization", "interlocking", "contractile", "splinted",
        // Instruments and assembly, not what was done ("osteotome" / "osteotomy", "connected" / "converted").
        "osteotome", "osteotomes", "connected", "connecting", "connection", "connector", "connectors", "converted", "conversion", "convert",
        // Other tools named like the operation they serve ("tenotome" / tenotomy).
        "tenotome", "tenotomes", "rongeur", "rongeurs", "reamer", "reamers", "elevator", "elevators", "retractor", "retractors", "dermatome",
        // Vascular operations on the leg, not a joint opened ("arteriotomy" / arthrotomy).
        "arteriotomy", "arteriotomies", "venotomy", "embolectomy", "thrombectomy", "endarterectomy", "arteriogram", "arteriography",
        "angioplasty", "phlebectomy", "phlebectomies",
    ]
}
