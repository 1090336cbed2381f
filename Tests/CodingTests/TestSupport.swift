import Foundation
@testable import Coding

/// Paths and shared knowledge bases for the Coding tests (loaded once per test process).
enum TestSupport {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpus = directory.appendingPathComponent("Corpus")
    static let fixtures = directory.appendingPathComponent("Fixtures")

    /// Hand-written entries (Fixtures/cpt) so engine behaviour is tested independently of the
    /// knowledge-base authors' data.
    static let fixtureKB: KnowledgeBase = try! KnowledgeBase.load(overrideFiles: [], cptDirectory: fixtures.appendingPathComponent("cpt"))
    static let fixtureEngine = CodingEngine(knowledgeBase: fixtureKB, serviceDate: "20260401")

    static var bundledKB: KnowledgeBase { try! KnowledgeBase.bundled() }
    static var bundledEngine: CodingEngine { CodingEngine(knowledgeBase: bundledKB, serviceDate: "20260401") }

    static func tuningCorpora() throws -> [(name: String, cases: [EvaluationCase])] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasPrefix("tuning-") && $0.hasSuffix(".jsonl") }.sorted()
            .map { ($0, try EvaluationCase.load(corpus.appendingPathComponent($0))) }
    }

    /// The engine's own cases: `engine-cases.jsonl` and any `engine-cases-TOPIC.jsonl` written
    /// later for one kind of narrative (each written before the engine was changed for it).
    static func engineCaseFiles() throws -> [(name: String, cases: [EvaluationCase])] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasPrefix("engine-cases") && $0.hasSuffix(".jsonl") }.sorted()
            .map { ($0, try EvaluationCase.load(fixtures.appendingPathComponent($0))) }
    }

    /// The token for the first occurrence of a word in an analysed narrative.
    static func token(_ word: String, in narrative: AnalyzedNarrative) -> NarrativeToken? {
        narrative.tokens.first { $0.text == word }
    }
}
