import Foundation
import Testing
@testable import Coding

/// The issue's targets, asserted on the held-out corpus (written independently and never used
/// for tuning); the tuning corpora are measured too, for comparison.
@Suite(.serialized) struct EvaluationTests {
    @Test func tuningCorporaFigures() throws {
        for (name, cases) in try TestSupport.tuningCorpora() {
            let evaluation = Evaluation.run(cases, name: name, engine: TestSupport.bundledEngine)
            // Looser than the held-out targets: these guard against regressions while tuning.
            #expect(evaluation.top1.value >= 0.9, "\(name) top-1 \(evaluation.top1.value)")
            #expect(evaluation.top3.value >= 0.95, "\(name) top-3 \(evaluation.top3.value)")
        }
    }

    /// Issue 4 sets these targets on the held-out corpus.
    static let targets = (top1: 0.95, top3: 0.99, abstention: 0.95, highConfidence: 0.95)

    struct Floors: Sendable, CustomTestStringConvertible {
        var file: String
        var top1, top3, abstention, highConfidence: Double
        var testDescription: String { file }
    }

    /// What the engine has reached on each held-out file (docs/coding.md): short of the targets,
    /// so until it meets them these floors keep any change from losing held-out accuracy
    /// unnoticed. Raise them as the engine improves; never by tuning on the held-out cases.
    /// `heldout-2.jsonl` was written on 2026-11-21 by someone who had not seen the engine, after
    /// the first held-out file had been measured many times; `heldout-3.jsonl` the same way in the
    /// third session. heldout-3 was outside this guard while the third session's helpers tuned;
    /// since the fourth session their pass/fail runs include it. Changes it failed were backed out
    /// or narrowed without looking at which case moved (seventh session: tail7b's first
    /// condition-alone rule; eighth: rank8's penalty on a primary hip with old hardware removed).
    static let floors = [
        Floors(file: "heldout.jsonl", top1: 0.97, top3: 0.97, abstention: 0.95, highConfidence: 0.98),
        Floors(file: "heldout-2.jsonl", top1: 0.95, top3: 0.97, abstention: 0.97, highConfidence: 0.98),
        Floors(file: "heldout-3.jsonl", top1: 0.909, top3: 0.946, abstention: 0.95, highConfidence: 0.97),
    ]

    @Test(arguments: floors) func heldOutFiguresDoNotRegress(_ floors: Floors) throws {
        let cases = try EvaluationCase.load(TestSupport.corpus.appendingPathComponent(floors.file))
        #expect(cases.count >= 100)
        let evaluation = Evaluation.run(cases, name: floors.file, engine: TestSupport.bundledEngine)
        let figures = "\(floors.file): top-1 \(evaluation.top1.correct)/\(evaluation.top1.total), top-3 \(evaluation.top3.correct)/\(evaluation.top3.total), "
            + "abstention \(evaluation.abstention.correct)/\(evaluation.abstention.total), "
            + "right at confidence ≥ 0.9 \(evaluation.highConfidence.correct)/\(evaluation.highConfidence.total)"
        #expect(evaluation.top1.value >= floors.top1, "\(figures)")
        #expect(evaluation.top3.value >= floors.top3, "\(figures)")
        #expect(evaluation.abstention.value >= floors.abstention, "\(figures)")
        #expect(evaluation.highConfidence.value >= floors.highConfidence, "\(figures)")
        // Names of failing pairs are deliberately not printed: reading them is a step toward
        // tuning on the held-out set. `caseconsultant eval` shows them to whoever judges the engine.
    }

    @Test func evaluationCountsMissesAndAbstentions() {
        let cases = [
            EvaluationCase(id: "a", text: "Right gluteal fasciotomy, nonviable muscle debrided", expect: ["27057"], tags: ["pair:27027/27057"]),
            EvaluationCase(id: "b", text: "Right gluteal fasciotomy, nonviable muscle debrided", expect: ["27027"], tags: ["pair:27027/27057"]),
            EvaluationCase(id: "c", text: "carpal tunnel release", expect: []),
        ]
        let evaluation = Evaluation.run(cases, name: "t", engine: TestSupport.fixtureEngine)
        #expect(evaluation.top1 == .init(correct: 1, total: 2))
        #expect(evaluation.abstention == .init(correct: 1, total: 1))
        #expect(evaluation.pairs["pair:27027/27057"] == .init(correct: 1, total: 2))
        #expect(evaluation.misses.map(\.id) == ["b"])
        // Calibration: the two first suggestions fall in buckets, one right and one wrong.
        #expect(evaluation.calibration.reduce(0) { $0 + $1.total } == 2)
        #expect(evaluation.calibration.reduce(0) { $0 + $1.correct } == 1)
    }

    /// Modifiers are scored on cases with a `modifiers` label whose first code was right; a wrong
    /// side, a missing 50 or a missing laterality query is a miss named in `modifierMisses`.
    @Test func evaluationScoresModifiers() {
        let cases = [
            EvaluationCase(id: "right", text: "Right gluteal fasciotomy, nonviable muscle debrided", expect: ["27057"], modifiers: ["RT"]),
            EvaluationCase(id: "wrong-side", text: "Right gluteal fasciotomy, nonviable muscle debrided", expect: ["27057"], modifiers: ["LT"]),
            EvaluationCase(id: "both", text: "Bilateral gluteal fasciotomies", expect: ["27027"], modifiers: ["50"]),
            EvaluationCase(id: "not-50", text: "Bilateral gluteal fasciotomies", expect: ["27027"], modifiers: ["RT", "LT"]),
            EvaluationCase(id: "no-side", text: "gluteal fasciotomy", expect: ["27027"], modifiers: []),
            // Labelled without a side although the note states one: the engine's RT is a miss.
            EvaluationCase(id: "side-unlabelled", text: "L buttock fasciotomy", expect: ["27027"], modifiers: []),
            // First code wrong: not scored for modifiers.
            EvaluationCase(id: "wrong-code", text: "Right gluteal fasciotomy, nonviable muscle debrided", expect: ["27027"], modifiers: ["RT"]),
            EvaluationCase(id: "unlabelled", text: "Left gluteal fasciotomy", expect: ["27027"]),
        ]
        let evaluation = Evaluation.run(cases, name: "t", engine: TestSupport.fixtureEngine)
        #expect(evaluation.modifiers == .init(correct: 3, total: 6))
        #expect(evaluation.modifierMisses.map(\.id) == ["wrong-side", "not-50", "side-unlabelled"])
        #expect(evaluation.modifierMisses.first?.got == ["RT"])
        #expect(evaluation.modifierMisses.first?.expected == ["LT"])
    }

    @Test func modifierProblemNeedsTheLateralityQueryWhenNoSideIsLabelled() throws {
        let engine = TestSupport.fixtureEngine
        let report = engine.suggest("gluteal fasciotomy")
        let first = try #require(report.procedures.first)
        #expect(Evaluation.modifierProblem(expected: [], suggestion: first, report: report, knowledgeBase: engine.knowledgeBase) == nil)
        var silent = report
        silent.queries.removeAll { $0.topic == "laterality" }
        #expect(Evaluation.modifierProblem(expected: [], suggestion: first, report: silent, knowledgeBase: engine.knowledgeBase) != nil)
        // Order of two lines does not matter.
        var twoLines = first
        twoLines.modifiers = ["LT", "RT"]
        #expect(Evaluation.modifierProblem(expected: ["RT", "LT"], suggestion: twoLines, report: silent, knowledgeBase: engine.knowledgeBase) == nil)
    }

    @Test func calibrationBucketsByLowerBound() {
        #expect(Evaluation.calibrationBucket(0.3) == 0)
        #expect(Evaluation.calibrationBucket(0.85) == 3)
        #expect(Evaluation.calibrationBucket(0.9) == 4)
        #expect(Evaluation.calibrationBucket(1.0) == 5)
    }
}

/// Narratives the engine's author wrote in other styles than the knowledge-base authors'
/// (coder questions, misspellings, out-of-range near misses), used to tune general linguistics.
@Suite struct EngineCaseTests {
    @Test func engineCasesStayRight() throws {
        let files = try TestSupport.engineCaseFiles()
        #expect(!files.isEmpty)
        for (name, cases) in files {
            let evaluation = Evaluation.run(cases, name: name, engine: TestSupport.bundledEngine)
            #expect(evaluation.top1.value >= 0.93, "\(name): \(evaluation.misses.map { "\($0.id): \($0.got)" })")
            #expect(evaluation.abstention.value >= 0.95, "\(name): \(evaluation.misses.filter { $0.expected.isEmpty }.map(\.id))")
        }
    }
}

/// Case files below the 93% that `EngineCaseTests` asks for wait in `Fixtures/pending/` until the
/// engine reads them well enough; many of the engine's fixes are known right only through them.
/// These floors are what each file read when the eighth session ended (top-1 and abstentions
/// right, and at most that many wrong answers at confidence ≥ 0.9), so a later change cannot lose
/// those answers unnoticed. Raise a floor when a file improves; move the file to `Fixtures/` when it
/// reaches the loaded files' bar. The eighth session's four files (abst8a, abst8b, abst8c, rank8)
/// were written before the engine changed and never tuned on: a floor guards them, it does not tune.
@Suite struct PendingCaseTests {
    struct Floor: Sendable, CustomTestStringConvertible {
        let file: String
        let top1: Int
        let abstention: Int
        let wrongAtHighConfidence: Int
        var testDescription: String { file }
    }

    static let floors = [
        Floor(file: "engine-cases-abst10a.jsonl", top1: 11, abstention: 6, wrongAtHighConfidence: 1),
        Floor(file: "engine-cases-abst10b.jsonl", top1: 13, abstention: 6, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-abst8a.jsonl", top1: 15, abstention: 11, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-abst8b.jsonl", top1: 20, abstention: 7, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-abst8c.jsonl", top1: 23, abstention: 6, wrongAtHighConfidence: 1),
        Floor(file: "engine-cases-abst9.jsonl", top1: 12, abstention: 6, wrongAtHighConfidence: 1),
        Floor(file: "engine-cases-logic9.jsonl", top1: 7, abstention: 1, wrongAtHighConfidence: 1),
        Floor(file: "engine-cases-prec10.jsonl", top1: 10, abstention: 8, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-rank8.jsonl", top1: 27, abstention: 2, wrongAtHighConfidence: 1),
        Floor(file: "engine-cases-recall7.jsonl", top1: 68, abstention: 10, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-tail7a.jsonl", top1: 14, abstention: 0, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-top9.jsonl", top1: 21, abstention: 2, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-voice7a.jsonl", top1: 71, abstention: 13, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-voice7b.jsonl", top1: 76, abstention: 11, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-voice7c.jsonl", top1: 76, abstention: 10, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-whose7.jsonl", top1: 33, abstention: 41, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-wrong9a.jsonl", top1: 21, abstention: 2, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-wrong9b.jsonl", top1: 21, abstention: 2, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-wrong9c.jsonl", top1: 23, abstention: 2, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-wrong10a.jsonl", top1: 18, abstention: 0, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-wrong10b.jsonl", top1: 17, abstention: 2, wrongAtHighConfidence: 0),
        Floor(file: "engine-cases-wrong10c.jsonl", top1: 15, abstention: 1, wrongAtHighConfidence: 1),
        Floor(file: "engine-cases-gap10.jsonl", top1: 10, abstention: 1, wrongAtHighConfidence: 3),
    ]

    static let pending = TestSupport.fixtures.appendingPathComponent("pending")

    @Test func everyPendingFileHasAFloor() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.pending.path).filter { $0.hasSuffix(".jsonl") }
        #expect(Set(files) == Set(Self.floors.map(\.file)))
    }

    @Test(arguments: floors) func pendingFilesDoNotRegress(_ floor: Floor) throws {
        let cases = try EvaluationCase.load(Self.pending.appendingPathComponent(floor.file))
        let evaluation = Evaluation.run(cases, name: floor.file, engine: TestSupport.bundledEngine)
        let misses = evaluation.misses.map { "\($0.id): \($0.got)" }
        #expect(evaluation.top1.correct >= floor.top1, "\(floor.file) top-1 \(evaluation.top1.correct): \(misses)")
        #expect(evaluation.abstention.correct >= floor.abstention, "\(floor.file) abstentions \(evaluation.abstention.correct): \(misses)")
        let wrong = evaluation.highConfidence.total - evaluation.highConfidence.correct
        #expect(wrong <= floor.wrongAtHighConfidence, "\(floor.file): \(wrong) wrong at confidence >= 0.9")
    }
}
