import Foundation
import Testing
@testable import Coding

/// The knowledge base's `includes` relation: its validation, a deployment file extending it,
/// and the engine leaving an included step out of the suggestions (docs/knowledge-base.md).
@Suite struct IncludedStepsTests {
    // MARK: validation

    /// A deployment file of the CPT format holding only the given JSON after `"format"`.
    func file(_ body: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("includes-\(UUID().uuidString).json")
        try "{\"format\": \"caseconsultant-cpt/1\", \(body)}".write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func loadFixture(with override: URL) throws -> KnowledgeBase {
        try KnowledgeBase.load(overrideFiles: [override], cptDirectory: TestSupport.fixtures.appendingPathComponent("cpt"))
    }

    /// An entry of the fixture data with an `includes` list written in JSON.
    func entryFile(code: String = "27447", includes: String) throws -> URL {
        var entry = try #require(TestSupport.fixtureKB.procedure(code))
        entry.includes = nil
        let json = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        return try file("\"entries\": [\(json.dropLast()), \"includes\": \(includes)}]")
    }

    @Test(arguments: [
        (#"[{"code": "27027", "action": "decompression", "reason": "x"}]"#, "both a code and an action"),
        (#"[{"reason": "x"}]"#, "neither a code nor an action"),
        (#"[{"code": "27027", "reason": " "}]"#, "reason is empty"),
        (#"[{"code": "27447", "reason": "x"}]"#, "lists the code itself"),
        (#"[{"code": "2742", "reason": "x"}]"#, "not a five-character CPT code"),
        (#"[{"action": "cutting", "reason": "x"}]"#, "action 'cutting'"),
        (#"[{"action": "arthrotomy", "anatomy": "Knee Joint", "reason": "x"}]"#, "lowercase-hyphenated"),
        (#"[{"code": "27027", "anatomy": "buttock", "reason": "x"}]"#, "anatomy goes with an action"),
    ])
    func invalidItemsNameFileCodeAndProblem(includes: String, problem: String) throws {
        let url = try entryFile(includes: includes)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try loadFixture(with: url)
            Issue.record("loaded \(includes)")
        } catch let error as KnowledgeBaseError {
            #expect(error.file.hasSuffix(url.lastPathComponent))
            #expect(error.entry == "27447")
            #expect(error.problem.contains("includes item 1"), "\(error.problem)")
            #expect(error.problem.contains(problem), "\(error.problem)")
        }
    }

    @Test func twoCodesIncludingEachOtherStopLoading() throws {
        let url = try file(#""includes": {"27447": [{"code": "27027", "reason": "x"}], "27027": [{"code": "27447", "reason": "y"}]}, "entries": []"#)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: KnowledgeBaseError.self) { try loadFixture(with: url) }
        do { _ = try loadFixture(with: url) } catch let error as KnowledgeBaseError {
            #expect(error.problem.contains("cannot be part of a code that is part of it"), "\(error.problem)")
        }
    }

    @Test func extensionForAnUnknownCodeIsNamed() throws {
        let url = try file(#""includes": {"27999": [{"code": "27027", "reason": "x"}]}, "entries": []"#)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try loadFixture(with: url)
            Issue.record("loaded")
        } catch let error as KnowledgeBaseError {
            #expect(error.file.hasSuffix(url.lastPathComponent))
            #expect(error.entry == "27999")
            #expect(error.problem.contains("no knowledge-base file defines"))
        }
    }

    @Test func anIncludedKindCoversItsCodes() throws {
        let step = IncludedStep(action: "arthrotomy", anatomy: "knee-joint", reason: "approach")
        let kb = TestSupport.bundledKB
        let covered = kb.procedures.filter(step.covers).map(\.code)
        #expect(covered == ["27310", "27330", "27331"])
        #expect(IncludedStep(code: "27425", reason: "x").covers(try #require(kb.procedure("27425"))))
    }

    // MARK: the bundled relation

    @Test func bundledRelationIsConsistentWithTheNCCISample() throws {
        let kb = TestSupport.bundledKB
        for entry in kb.procedures {
            for step in entry.includes ?? [] {
                guard let code = step.code else { continue }
                // The sample's edits never put the included code in column 1 against its includer.
                for edit in kb.ncci.edits(between: entry.code, and: code, on: "20260401") {
                    #expect(edit.column1 == entry.code, "\(entry.code) includes \(code), but the NCCI sample has \(edit.column1) in column 1")
                }
                #expect(kb.procedure(code) != nil, "\(entry.code) includes \(code), which is not in the knowledge base")
            }
        }
        // Each sample edit of two codes of the range whose column 2 the data puts inside column 1:
        // the relation says so in that direction (the two lists agree where both speak).
        for edit in kb.ncci.edits where edit.modifier != .notApplicable {
            guard let second = kb.procedure(edit.column2), let first = kb.procedure(edit.column1) else { continue }
            #expect(!(second.includes ?? []).contains { $0.covers(first) }, "\(edit.column2) includes \(edit.column1) against the NCCI sample")
        }
    }

    // MARK: the engine

    @Test func lateralReleaseInATotalKneeIsNotAFurtherCode() throws {
        let report = TestSupport.bundledEngine.suggest(
            "Right knee, end-stage osteoarthritis. A midline incision and medial parapatellar arthrotomy were made. The distal femur and proximal tibia were cut, the patella was resurfaced, and because of maltracking a lateral retinacular release was done. Cemented posterior stabilized components were implanted.")
        #expect(report.procedures.map(\.code) == ["27447"])
        let line = try #require(report.warnings.first { $0.codes == ["27447", "27425"] })
        #expect(line.message.hasPrefix("27425 is part of 27447 as documented; not reported separately ("))
        #expect(report.alternatives.first { $0.code == "27425" }?.reason == line.message)
    }

    @Test func theSameStepOnTheOtherSideIsReported() throws {
        let report = TestSupport.bundledEngine.suggest(
            "Left total knee arthroplasty, cemented. Right knee: open lateral retinacular release for lateral patellar compression.")
        #expect(report.procedures.map(\.code) == ["27447", "27425"])
        #expect(report.procedures.first { $0.code == "27425" }?.modifiers == ["RT"])
        #expect(report.warnings.contains { $0.codes == ["27447", "27425"] && $0.message.contains("other side") })
    }

    @Test func aFibularOsteotomyIsPartOfTheTransfibularFusionAndOfTheTibialOsteotomy() throws {
        let fusion = TestSupport.bundledEngine.suggest(
            "Right ankle arthrodesis through a transfibular approach: the distal fibula was osteotomized and removed, the joint prepared, two screws.")
        #expect(!fusion.procedures.contains { $0.code == "27707" })
        #expect(fusion.procedures.first?.code == "27870")
        // The tibial osteotomy's own description names the fibular cut: a separate incision keeps it inside.
        let tibial = TestSupport.bundledEngine.suggest(
            "Right high tibial osteotomy in a 50-year-old: through a separate small lateral incision the fibula was osteotomized, then a lateral closing-wedge osteotomy of the proximal tibia fixed with a plate.")
        #expect(tibial.procedures.first?.code == "27457")
        #expect(!tibial.procedures.contains { $0.code == "27707" })
    }

    @Test func aDeploymentExtendsTheRelationAndASeparateSiteKeepsTheStepWithXS() throws {
        let url = try file(#""includes": {"27447": [{"code": "27027", "reason": "a test bundling"}]}, "entries": []"#)
        defer { try? FileManager.default.removeItem(at: url) }
        let kb = try loadFixture(with: url)
        #expect(kb.procedure("27447")?.includes?.contains { $0.code == "27027" } == true)
        let engine = CodingEngine(knowledgeBase: kb, serviceDate: "20260401")
        let same = engine.suggest("Left total knee arthroplasty, cemented. Left gluteal fasciotomy.")
        #expect(same.procedures.map(\.code) == ["27447"])
        #expect(same.warnings.contains { $0.message == "27027 is part of 27447 as documented; not reported separately (a test bundling)." })
        let separate = engine.suggest("Left total knee arthroplasty, cemented. Left gluteal compartment fasciotomy through a separate incision.")
        #expect(separate.procedures.first { $0.code == "27027" }?.modifiers == ["LT", "XS"])
        #expect(separate.warnings.contains { $0.codes == ["27447", "27027"] && $0.message.contains("separate site") })
        let otherSide = engine.suggest("Left total knee arthroplasty, cemented. Right gluteal fasciotomy.")
        #expect(otherSide.procedures.first { $0.code == "27027" }?.modifiers == ["RT"])
    }
}
