import Foundation

/// A code found by `search`.
public struct SearchHit: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case procedure = "cpt", diagnosis = "icd10cm" }
    public var kind: Kind
    public var code: String
    public var title: String
    public var score: Double
}

/// A knowledge-base entry with its phrases compiled to vocabulary keys. A class: the ranker
/// walks every entry for every narrative, and a reference costs one retain, not one per array.
final class CompiledEntry: Sendable {
    let entry: ProcedureEntry
    let all: [[Phrase]]
    let any: [[Phrase]]
    let none: [Phrase]
    /// Related codes it competes with, and those reported together with it (worked out once).
    let competitors: Set<String>
    let companions: Set<String>
    /// A hip dislocation's treatment (`PriorImplant.namesHipProsthesis` asks it of every group a
    /// narrative misses, which copied the entry each time).
    let treatsHipDislocation: Bool
    /// The number of each `all` group among the knowledge base's distinct groups (the same phrases,
    /// the same number): `GroupBests` reads a group shared by several entries once per narrative.
    let allIDs: [Int]

    init(entry: ProcedureEntry, all: [[Phrase]], any: [[Phrase]], none: [Phrase], allIDs: [Int]) {
        self.entry = entry
        self.allIDs = allIDs
        treatsHipDislocation = entry.action == "dislocation-treatment" && entry.anatomy.contains("hip-joint")
        self.all = all
        self.any = any
        self.none = none
        let related = entry.related ?? []
        companions = Set(related.filter(\.isCompanion).map(\.code))
        competitors = Set(related.filter { !$0.isCompanion }.map(\.code))
    }
}

struct CompiledFeature: Sendable {
    let feature: String
    let phrases: [Phrase]
    let blockers: [Phrase]
    /// Read from the name once, not for every narrative (`FeatureDetector.detect`): a body region
    /// keeps the sentences a correction supersedes; the revision hint counts history; an approach's name.
    let isRegion: Bool
    let isRevisionHint: Bool
    let approach: String?

    init(feature: String, phrases: [Phrase], blockers: [Phrase]) {
        self.feature = feature
        self.phrases = phrases
        self.blockers = blockers
        isRegion = feature.hasPrefix("region:")
        isRevisionHint = feature == "hint:revision"
        // A named exposure keeps its clauses and sentences as approach "named" (read as open only for
        // the treatment of an injury told with it; see `DetectedFeatures.effectiveApproach(near:)`).
        approach = feature.hasPrefix("approach:") ? String(feature.dropFirst("approach:".count)) : feature == "namedApproach" ? "named" : nil
    }
}

/// The first keys (`Phrase.head`) of the phrases of several phrase groups, all groups in one
/// array (group `i`'s from `starts[i]` up to `starts[i + 1]`): whether a narrative may hold any
/// phrase of a group is read from a few keys side by side, not from each phrase.
struct PhraseGroupHeads: Sendable {
    private let heads: [Int32]
    private let starts: [Int]

    init(_ groups: [[Phrase]]) {
        var heads: [Int32] = []
        var starts: [Int] = [0]
        for group in groups {
            heads += group.map(\.head)
            starts.append(heads.count)
        }
        self.heads = heads
        self.starts = starts
    }

    /// False when no phrase of group `index` may be in the narrative (`AnalyzedNarrative.mayHave`
    /// of each phrase's first key).
    @inline(__always) func mayMatch(_ index: Int, in narrative: AnalyzedNarrative) -> Bool {
        for position in starts[index]..<starts[index + 1] where narrative.mayHave(heads[position]) { return true }
        return false
    }
}

/// Everything the engine knows, loaded once: CPT entries (bundled, then deployment files on
/// top), ICD-10-CM, NCCI edits, the abbreviation list and the diagnosis rules, with every
/// phrase compiled against one vocabulary.
public final class KnowledgeBase: Sendable {
    public let procedures: [ProcedureEntry]
    /// Which file each code came from (the last file that defined it).
    public let sources: [String: String]
    /// Problems that do not stop loading; the bundled data is tested to have none.
    public let issues: [KnowledgeBaseIssue]
    public let ncci: NCCIEdits
    /// The deployment's CMS fee schedule indicators, when it named a file: laterality and global
    /// days of the codes it lists come from there.
    public let feeSchedule: FeeScheduleIndicators?
    let compiled: [CompiledEntry]
    /// The distinct `all` groups of the entries (`CompiledEntry.allIDs` numbers them).
    let groups: [[Phrase]]
    /// The first keys of each group's phrases (by the numbers of `groups`).
    let groupHeads: PhraseGroupHeads
    /// Per entry, in the order of `compiled`: the number of its first `all` group, and whether
    /// it may be documented with no hit of that group (a hip dislocation's prosthesis told as
    /// history, `PriorImplant`). Side by side so the ranker passes over the entries whose first
    /// group a narrative lacks without reading the entries themselves.
    let firstGroupIDs: [Int]
    let firstGroupOptional: [Bool]
    let features: [CompiledFeature]
    /// Boolean facts the engine can see in a narrative (standard ones plus the files' `detect`).
    let detectableFacts: Set<String>
    let analyzer: NarrativeAnalyzer
    let icd: ICD10CMTable
    let diagnosisRules: [CompiledDiagnosisRule]
    /// The first keys of the phrases of each diagnosis rule's first group (by the rule's index in
    /// `diagnosisRules`), and whether that group is the rule's fracture group (which a fracture
    /// pattern or classification also fills): the coder passes over a rule whose first group
    /// cannot match without reading the rule.
    let diagnosisFirstHeads: PhraseGroupHeads
    let diagnosisFirstIsFracture: [Bool]
    private let indexByCode: [String: Int]

    /// The bundled knowledge base (cached: resources are loaded once per process).
    public static func bundled() throws -> KnowledgeBase {
        try bundledResult.get()
    }

    private static let bundledResult: Result<KnowledgeBase, KnowledgeBaseError> = {
        do { return .success(try load(overrideFiles: [])) } catch let error as KnowledgeBaseError { return .failure(error) } catch {
            return .failure(KnowledgeBaseError(.unreadable, file: "bundle", problem: String(describing: error)))
        }
    }()

    /// The bundled resources directory (`Sources/Coding/Resources`).
    public static var resourcesDirectory: URL? {
        Bundle.module.url(forResource: "Resources", withExtension: nil)
    }

    /// Bundled data plus deployment files of the same format; a later file's entry for a code
    /// replaces the earlier one. `ncciFile` replaces the bundled sample PTP edits;
    /// `feeScheduleFile` (CMS relative value file) sets laterality and global days of the codes it lists.
    public static func load(overrideFiles: [URL], cptDirectory: URL? = nil, ncciFile: URL? = nil, feeScheduleFile: URL? = nil) throws -> KnowledgeBase {
        guard let resources = resourcesDirectory else {
            throw KnowledgeBaseError(.missingResource, file: "Resources", problem: "the Coding module's bundled resources are missing from this build")
        }
        let cptDirectory = cptDirectory ?? resources.appendingPathComponent("cpt")
        let bundledFiles = ((try? FileManager.default.contentsOfDirectory(at: cptDirectory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var entries: [String: ProcedureEntry] = [:]
        var sources: [String: String] = [:]
        var detectors: [String: [String]] = [:]
        // File-level `includes` (extensions of codes defined anywhere), applied once all entries are read.
        var extraIncludes: [(file: String, code: String, steps: [IncludedStep])] = []
        for file in bundledFiles {
            let cpt = try readCPT(file)
            for (code, steps) in (cpt.includes ?? [:]).sorted(by: { $0.key < $1.key }) { extraIncludes.append((file.lastPathComponent, code, steps)) }
            for (fact, phrases) in cpt.detect ?? [:] { detectors[fact, default: []] += phrases }
            for entry in cpt.entries {
                if let earlier = sources[entry.code] {
                    throw KnowledgeBaseError(.duplicateCode, file: file.lastPathComponent, entry: entry.code, problem: "also defined in \(earlier)")
                }
                entries[entry.code] = entry
                sources[entry.code] = file.lastPathComponent
            }
        }
        for file in overrideFiles {
            var seen: Set<String> = []
            let cpt = try readCPT(file)
            for (code, steps) in (cpt.includes ?? [:]).sorted(by: { $0.key < $1.key }) { extraIncludes.append((file.path, code, steps)) }
            for (fact, phrases) in cpt.detect ?? [:] { detectors[fact, default: []] += phrases }
            for entry in cpt.entries {
                guard seen.insert(entry.code).inserted else {
                    throw KnowledgeBaseError(.duplicateCode, file: file.lastPathComponent, entry: entry.code, problem: "defined twice in the same file")
                }
                entries[entry.code] = entry
                sources[entry.code] = file.path
            }
        }
        for (file, code, steps) in extraIncludes {
            guard var entry = entries[code] else {
                throw KnowledgeBaseError(.invalidEntry, file: file, entry: code, problem: "includes names code \(code), which no knowledge-base file defines")
            }
            for (index, step) in steps.enumerated() {
                try validate(step, of: code, number: (entry.includes?.count ?? 0) + index + 1, file: file)
            }
            entry.includes = (entry.includes ?? []) + steps.filter { step in !(entry.includes ?? []).contains { $0.code == step.code && $0.action == step.action && $0.anatomy == step.anatomy } }
            entries[code] = entry
        }
        var feeSchedule: FeeScheduleIndicators?
        if let feeScheduleFile {
            let indicators = try FeeScheduleIndicators.parse(Data(readBytes(feeScheduleFile)), file: feeScheduleFile.lastPathComponent)
            entries = entries.mapValues(indicators.applied(to:))
            feeSchedule = indicators
        }
        let icdDirectory = resources.appendingPathComponent("icd10cm")
        let icd = try ICD10CMTable(
            table: readBytes(icdDirectory.appendingPathComponent("icd10cm.tsv")),
            seventhCharacters: readBytes(icdDirectory.appendingPathComponent("icd10cm-7th.tsv")),
            file: "icd10cm/icd10cm.tsv")
        let ncciURL = ncciFile ?? resources.appendingPathComponent("ncci/ncci-ptp-SAMPLE.txt")
        let ncci = try NCCIEdits.parse(Data(readBytes(ncciURL)), file: ncciURL.lastPathComponent)
        let abbreviations = String(decoding: try readBytes(resources.appendingPathComponent("lexicon/abbreviations.tsv")), as: UTF8.self)
        let concepts = String(decoding: try readBytes(resources.appendingPathComponent("lexicon/clause-concepts.tsv")), as: UTF8.self)
        let pcsOperations = String(decoding: try readBytes(resources.appendingPathComponent("lexicon/pcs-operations.tsv")), as: UTF8.self)
        let rulesURL = resources.appendingPathComponent("diagnoses/diagnosis-rules.json")
        let rules: [DiagnosisRule]
        do {
            rules = try JSONDecoder().decode(DiagnosisRuleFile.self, from: Data(readBytes(rulesURL))).rules
        } catch let error as KnowledgeBaseError { throw error } catch {
            throw KnowledgeBaseError(.malformed, file: "diagnoses/diagnosis-rules.json", problem: String(describing: error))
        }
        return try KnowledgeBase(entries: entries.values.sorted { $0.code < $1.code }, sources: sources, icd: icd, ncci: ncci,
                                 abbreviations: abbreviations, diagnosisRules: rules, detectors: detectors, concepts: concepts,
                                 pcsOperations: pcsOperations, feeSchedule: feeSchedule)
    }

    init(entries: [ProcedureEntry], sources: [String: String], icd: ICD10CMTable, ncci: NCCIEdits,
         abbreviations: String, diagnosisRules: [DiagnosisRule], detectors: [String: [String]] = [:], concepts: String = "",
         pcsOperations: String = "", feeSchedule: FeeScheduleIndicators? = nil) throws {
        self.feeSchedule = feeSchedule
        var lexicon = Lexicon(abbreviationsTSV: abbreviations)
        lexicon.loadConcepts(concepts)
        lexicon.loadPCSOperations(pcsOperations)
        var compiler = PhraseCompiler(lexicon: lexicon)
        var compiled: [CompiledEntry] = []
        var groupIDs: [[String]: Int] = [:]
        var groups: [[Phrase]] = []
        var phraseIssues: [KnowledgeBaseIssue] = []
        try Self.validateIncludes(entries, sources: sources)
        for entry in entries {
            try Self.validate(entry, file: sources[entry.code] ?? "?")
            // A phrase of stop words only would match nothing: reported as an issue and skipped.
            func compile(_ texts: [String]) -> [Phrase] {
                texts.compactMap { text in
                    let phrase = compiler.compile(text)
                    if phrase.keys.isEmpty {
                        phraseIssues.append(.init(file: sources[entry.code] ?? "?", entry: entry.code,
                                                  problem: "match phrase '\(text)' has only stop words (\(Lexicon.stopWords.sorted().prefix(6).joined(separator: ", ")), …) and never matches"))
                        return nil
                    }
                    return phrase
                }
            }
            let all = (entry.match.all ?? []).map(compile)
            if let empty = all.firstIndex(where: \.isEmpty) {
                throw KnowledgeBaseError(.invalidEntry, file: sources[entry.code] ?? "?", entry: entry.code,
                                         problem: "match.all group \(empty + 1) has no phrase that can match (only stop words)")
            }
            let allIDs = all.map { group in
                let texts = group.map(\.text)
                if let id = groupIDs[texts] { return id }
                groupIDs[texts] = groups.count
                groups.append(group)
                return groups.count - 1
            }
            compiled.append(CompiledEntry(entry: entry, all: all, any: (entry.match.any ?? []).map(compile).filter { !$0.isEmpty },
                                          none: compile(entry.match.none ?? []), allIDs: allIDs))
        }
        self.groups = groups
        groupHeads = PhraseGroupHeads(groups)
        firstGroupIDs = compiled.map { $0.allIDs.first ?? -1 }
        firstGroupOptional = compiled.map { $0.allIDs.isEmpty || $0.treatsHipDislocation }
        var features = FeatureLexicon.definitions.map { definition in
            CompiledFeature(feature: definition.feature, phrases: definition.phrases.map { compiler.compile($0) },
                            blockers: definition.blockers.map { compiler.compile($0) })
        }
        for (fact, phrases) in detectors.sorted(by: { $0.key < $1.key }) {
            let compiledPhrases = phrases.map { compiler.compile($0) }.filter { !$0.keys.isEmpty }
            if let index = features.firstIndex(where: { $0.feature == fact }) {
                features[index] = CompiledFeature(feature: fact, phrases: features[index].phrases + compiledPhrases, blockers: features[index].blockers)
            } else {
                features.append(CompiledFeature(feature: fact, phrases: compiledPhrases, blockers: []))
            }
        }
        self.features = features
        detectableFacts = FactMatcher.standardDetectable.union(detectors.keys)
        self.diagnosisRules = diagnosisRules.map { CompiledDiagnosisRule(rule: $0, compiler: &compiler, icd: icd) }
        diagnosisFirstHeads = PhraseGroupHeads(self.diagnosisRules.map { $0.all.first ?? [] })
        diagnosisFirstIsFracture = self.diagnosisRules.map { $0.fractureGroup == 0 }
        // Words that must never be "corrected" into a knowledge-base word.
        for word in Lexicon.stopWords.union(Lexicon.commonWords).union(Lexicon.mannerAdverbs) { _ = compiler.vocabulary.add(word: word) }
        for cue in Lexicon.negationCues + Lexicon.uncertaintyCues + Lexicon.historyCues { for word in cue { _ = compiler.vocabulary.add(word: word) } }
        for expansion in lexicon.abbreviations.values { for word in expansion { _ = compiler.vocabulary.add(word: word) } }
        // A PCS statement's words ("substitute", "detachment", "reposition") are read as written.
        for operation in lexicon.pcsOperations {
            for word in operation.roots + operation.bodyParts.joined() + operation.with.joined().joined() + operation.without.joined() + operation.words {
                _ = compiler.vocabulary.add(word: word)
            }
        }
        for word in NarrativeAnalyzer.pcsShapeWords { _ = compiler.vocabulary.add(word: word) }
        // The words that tell the codes of a diagnosis rule apart ("spiral", "oblique", "segmental",
        // "unstable"): a note's "spiral" was corrected to the knowledge-base word "spinal".
        for rule in self.diagnosisRules {
            for (_, words) in rule.rows { for word in words where word.count > 2 { _ = compiler.vocabulary.add(word: word) } }
        }
        for word in NarrativeAnalyzer.correctionHeads.union(NarrativeAnalyzer.retractingVerbs).union(NarrativeAnalyzer.claimVerbs)
            .union(NarrativeAnalyzer.documentNouns).union(NarrativeAnalyzer.documentVerbs).union(NarrativeAnalyzer.turnWords) { _ = compiler.vocabulary.add(word: word) }
        // The site each code is about, in its first plain phrase of its first group ("tibial shaft"):
        // an appeal or a dispute citing two codes of one site names that site (NarrativeAnalyzer).
        var codeSites: [String: [String]] = [:]
        for entry in entries where entry.code.utf8.count == 5 {
            if let phrase = entry.match.all?.first?.first(where: { !$0.contains("*") && $0.contains(" ") }) {
                codeSites[entry.code] = phrase.split(separator: " ").map(String.init)
            }
        }
        analyzer = NarrativeAnalyzer(lexicon: lexicon, vocabulary: compiler.vocabulary, codeSites: codeSites, diagnosisTable: icd)
        procedures = entries
        self.compiled = compiled
        self.sources = sources
        self.icd = icd
        self.ncci = ncci
        var indexByCode: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { indexByCode[entry.code] = index }
        self.indexByCode = indexByCode
        issues = phraseIssues + Self.softIssues(entries, sources: sources, known: Set(indexByCode.keys), icd: icd)
    }

    public func procedure(_ code: String) -> ProcedureEntry? {
        indexByCode[code.trimmingCharacters(in: .whitespaces)].map { procedures[$0] }
    }

    /// An ICD-10-CM code (with or without the dot; 7th-character codes are built and checked).
    public func diagnosis(_ code: String) -> DiagnosisEntry? { icd.entry(code) }

    /// Number of billable ICD-10-CM codes (each 7th-character combination counted).
    public var billableDiagnosisCount: Int {
        var count = 0
        for row in 0..<icd.rowCount {
            let kind = icd.kind(row: row)
            if kind == "B" { count += 1 } else if kind == "7" { count += icd.seventhCharacters(for: icd.codes[row]).count } else if kind.hasPrefix("7") { count += kind.count - 1 }
        }
        return count
    }

    /// Analyse a narrative with this knowledge base's vocabulary (exposed for tests and tools).
    public func analyze(_ narrative: String) -> AnalyzedNarrative { analyzer.analyze(narrative) }

    // MARK: loading helpers

    static func readBytes(_ url: URL) throws -> [UInt8] {
        do { return [UInt8](try Data(contentsOf: url)) } catch {
            throw KnowledgeBaseError(.unreadable, file: url.path, problem: "cannot read: \((error as NSError).localizedDescription)")
        }
    }

    static func readCPTFile(_ url: URL) throws -> [ProcedureEntry] { try readCPT(url).entries }

    static func readCPT(_ url: URL) throws -> CPTFile {
        let data = Data(try readBytes(url))
        let name = url.lastPathComponent
        do {
            let file = try JSONDecoder().decode(CPTFile.self, from: data)
            guard file.format == CPTFile.format else {
                throw KnowledgeBaseError(.malformed, file: name, problem: "format is '\(file.format)', expected '\(CPTFile.format)'")
            }
            return file
        } catch let error as KnowledgeBaseError {
            throw error
        } catch let error as DecodingError {
            throw KnowledgeBaseError(.malformed, file: name, entry: entryCode(in: data, error: error), problem: describe(error))
        } catch {
            throw KnowledgeBaseError(.malformed, file: name, problem: String(describing: error))
        }
    }

    /// The code of the entry a decoding error is in, read leniently from the raw JSON.
    private static func entryCode(in data: Data, error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(_, let context): path = context.codingPath
        @unknown default: return nil
        }
        guard path.count >= 2, path[0].stringValue == "entries", let index = path[1].intValue,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["entries"] as? [[String: Any]], index < entries.count else { return nil }
        return entries[index]["code"] as? String ?? "entry #\(index + 1)"
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.dropFirst(2).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return "missing key '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case .typeMismatch(let type, let context): return "'\(path(context))' should be \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "'\(path(context))' is null, expected \(type) (omit optional keys instead)"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "not valid JSON: \(underlying ?? context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }

    /// Structural rules: an entry that breaks one would mislead the engine, so loading stops.
    static func validate(_ entry: ProcedureEntry, file: String) throws {
        func fail(_ problem: String) throws -> Never {
            throw KnowledgeBaseError(.invalidEntry, file: file, entry: entry.code, problem: problem)
        }
        let code = Array(entry.code.utf8)
        if !(code.count == 5 && code.prefix(4).allSatisfy { $0 >= 48 && $0 <= 57 } && code[4] != 32) { try fail("code must be five characters, four digits then a digit or letter") }
        if entry.descriptor.trimmingCharacters(in: .whitespaces).isEmpty { try fail("descriptor is empty") }
        if entry.summary.trimmingCharacters(in: .whitespaces).isEmpty { try fail("summary is empty") }
        if !CPTVocabulary.actions.contains(entry.action) { try fail("action '\(entry.action)' is not one of \(CPTVocabulary.actions.sorted().joined(separator: ", "))") }
        if !CPTVocabulary.approaches.contains(entry.approach) { try fail("approach '\(entry.approach)' is not one of \(CPTVocabulary.approaches.sorted().joined(separator: ", "))") }
        if !CPTVocabulary.lateralities.contains(entry.laterality) { try fail("laterality '\(entry.laterality)' is not one of \(CPTVocabulary.lateralities.sorted().joined(separator: ", "))") }
        if entry.anatomy.isEmpty { try fail("anatomy needs at least one tag") }
        if let days = entry.globalDays, !CPTVocabulary.globalDays.contains(days) { try fail("globalDays \(days) is not 0, 10 or 90") }
        if case .string(let fixation)? = entry.facts["fixation"], !CPTVocabulary.fixations.contains(fixation) {
            try fail("fixation '\(fixation)' is not one of \(CPTVocabulary.fixations.sorted().joined(separator: ", "))")
        }
        if let fixation = entry.facts["fixation"], case .bool = fixation { try fail("fixation takes a type (e.g. \"internal\"), not true/false") }
        if case .string(let components)? = entry.facts["components"], !["one", "both"].contains(components) { try fail("components '\(components)' is not \"one\" or \"both\"") }
        guard let all = entry.match.all, !all.isEmpty else { try fail("match.all needs at least one phrase group") }
        for (index, group) in all.enumerated() where group.isEmpty { try fail("match.all group \(index + 1) is empty") }
        for (index, group) in (entry.match.any ?? []).enumerated() where group.isEmpty { try fail("match.any group \(index + 1) is empty") }
        for (index, step) in (entry.includes ?? []).enumerated() {
            try validate(step, of: entry.code, number: index + 1, file: file)
        }
    }

    /// An `includes` item: a code or a kind (action, optionally anatomy), never both, and a reason.
    static func validate(_ step: IncludedStep, of code: String, number: Int, file: String) throws {
        func fail(_ problem: String) throws -> Never {
            throw KnowledgeBaseError(.invalidEntry, file: file, entry: code, problem: "includes item \(number): \(problem)")
        }
        switch (step.code, step.action) {
        case (nil, nil): try fail("names neither a code nor an action")
        case (.some, .some): try fail("names both a code and an action; give one")
        case (.some(let included), nil):
            let digits = Array(included.utf8)
            if !(digits.count == 5 && digits.prefix(4).allSatisfy { $0 >= 48 && $0 <= 57 }) { try fail("'\(included)' is not a five-character CPT code") }
            if included == code { try fail("lists the code itself") }
            if step.anatomy != nil { try fail("anatomy goes with an action, not with a code") }
        case (nil, .some(let action)):
            if !CPTVocabulary.actions.contains(action) { try fail("action '\(action)' is not one of \(CPTVocabulary.actions.sorted().joined(separator: ", "))") }
            if let anatomy = step.anatomy, anatomy.isEmpty || anatomy != anatomy.lowercased() || anatomy.contains(" ") {
                try fail("anatomy '\(anatomy)' is not a lowercase-hyphenated tag")
            }
        }
        if step.reason.trimmingCharacters(in: .whitespaces).isEmpty { try fail("reason is empty (say why the step is part of the code)") }
    }

    /// Two codes that each include the other: one of the two lists is wrong, so loading stops.
    static func validateIncludes(_ entries: [ProcedureEntry], sources: [String: String]) throws {
        let byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
        for entry in entries {
            for step in entry.includes ?? [] {
                guard let code = step.code, code != entry.code, let other = byCode[code], other.includes?.contains(where: { $0.covers(entry) }) == true else { continue }
                throw KnowledgeBaseError(.invalidEntry, file: sources[entry.code] ?? "?", entry: entry.code,
                                         problem: "includes \(code), and \(code) (\(sources[code] ?? "?")) includes \(entry.code): a code cannot be part of a code that is part of it")
            }
        }
    }

    /// Cross-entry checks that do not stop loading.
    static func softIssues(_ entries: [ProcedureEntry], sources: [String: String], known: Set<String>, icd: ICD10CMTable) -> [KnowledgeBaseIssue] {
        var issues: [KnowledgeBaseIssue] = []
        for entry in entries {
            let file = sources[entry.code] ?? "?"
            for related in entry.related ?? [] {
                if related.code == entry.code {
                    issues.append(.init(file: file, entry: entry.code, problem: "related lists the code itself"))
                } else if !known.contains(related.code), related.code.hasPrefix("27") {
                    issues.append(.init(file: file, entry: entry.code, problem: "related code \(related.code) is not in the knowledge base"))
                }
                if related.preferWhen.trimmingCharacters(in: .whitespaces).isEmpty {
                    issues.append(.init(file: file, entry: entry.code, problem: "related code \(related.code) has no preferWhen"))
                }
            }
            for prefix in entry.typicalDiagnoses ?? [] where !icd.hasCode(withPrefix: ICD10CMTable.canonical(prefix)) {
                issues.append(.init(file: file, entry: entry.code, problem: "typical diagnosis '\(prefix)' is not an ICD-10-CM code or prefix"))
            }
            for step in entry.includes ?? [] {
                if let code = step.code, code.hasPrefix("27"), !known.contains(code) {
                    issues.append(.init(file: file, entry: entry.code, problem: "included code \(code) is not in the knowledge base"))
                } else if step.code == nil, !entries.contains(where: { $0.code != entry.code && step.covers($0) }) {
                    issues.append(.init(file: file, entry: entry.code, problem: "included kind \(step.action ?? "")\(step.anatomy.map { " on " + $0 } ?? "") matches no code"))
                }
            }
            if entry.isAddOn, entry.globalDays != nil {
                issues.append(.init(file: file, entry: entry.code, problem: "add-on code with globalDays (add-on codes have none)"))
            }
        }
        return issues
    }
}
