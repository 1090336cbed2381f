import Foundation
import Testing
@testable import Coding

@Suite struct NCCITests {
    @Test func bundledSampleIsLabelledAndInRange() throws {
        let ncci = TestSupport.fixtureKB.ncci
        #expect(ncci.label.contains("SAMPLE"))
        #expect(ncci.label.contains("NOT CMS DATA"))
        #expect(!ncci.edits.isEmpty)
        for edit in ncci.edits {
            #expect(edit.column1 >= "27000" && edit.column1 <= "27899")
        }
    }

    @Test func parsesTheCMSLayout() throws {
        let text = """
        Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale
        27236\t27230\t*\t19960101\t*\t0\tMisuse of column two code with column one code
        27814\t20680\t\t20100101\t20200101\t1\tStandards of medical / surgical practice
        27447\t27446\t\t20100101\t*\t9\tMutually exclusive procedures
        """
        let ncci = try NCCIEdits.parse(Data(text.utf8), file: "test.txt")
        #expect(ncci.edits.count == 3)
        #expect(ncci.edits[0].existedBefore1996)
        #expect(ncci.edits(between: "27230", and: "27236", on: "20260101").first?.modifier == .notAllowed)
        #expect(ncci.edits(between: "27814", and: "20680", on: "20260101").isEmpty, "deleted in 2020")
        #expect(ncci.edits(between: "27814", and: "20680", on: "20150101").first?.modifier == .allowed)
        #expect(ncci.edits(between: "27447", and: "27446", on: "20260101").isEmpty, "indicator 9 never applies")
    }

    @Test(arguments: [
        "27236\t27230\t\t20200101\t*\t7\tbad indicator",
        "27236\t27230\t\t2020-01-01\t*\t0\tbad date",
        "27236\t27230",
    ])
    func malformedLinesAreNamed(line: String) {
        #expect(throws: KnowledgeBaseError.self) { try NCCIEdits.parse(Data(line.utf8), file: "bad.txt") }
    }

    /// A knowledge base on the fixture entries with one edit of the given indicator.
    func engine(indicator: Int) throws -> CodingEngine {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ncci-\(indicator)-\(UUID().uuidString).txt")
        try "27447\t27027\t\t20200101\t*\t\(indicator)\ttest pair\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let kb = try KnowledgeBase.load(overrideFiles: [], cptDirectory: TestSupport.fixtures.appendingPathComponent("cpt"), ncciFile: file)
        return CodingEngine(knowledgeBase: kb, serviceDate: "20260401")
    }

    @Test func indicatorZeroWarnsWithoutModifier() throws {
        let report = try engine(indicator: 0).suggest("Left total knee arthroplasty. Right gluteal fasciotomy.")
        #expect(Set(report.procedures.map(\.code)) == ["27447", "27027"])
        #expect(report.warnings.contains { $0.kind == "bundling" && $0.codes == ["27447", "27027"] })
        #expect(!report.procedures.contains { $0.modifiers.contains("XS") })
    }

    @Test func indicatorOneAddsXSOnlyForSeparateSides() throws {
        let separate = try engine(indicator: 1).suggest("Left total knee arthroplasty. Right gluteal fasciotomy.")
        #expect(separate.procedures.first { $0.code == "27027" }?.modifiers == ["RT", "XS"])
        let same = try engine(indicator: 1).suggest("Left total knee arthroplasty. Left gluteal fasciotomy.")
        #expect(same.procedures.first { $0.code == "27027" }?.modifiers == ["LT"])
        #expect(same.queries.contains { $0.topic == "distinct-procedure" })
    }

    @Test func indicatorOneAddsXSForADocumentedSeparateSiteOnOneSide() throws {
        let separate = try engine(indicator: 1).suggest("Left total knee arthroplasty. Then, through a separate incision, left gluteal fasciotomy.")
        #expect(separate.procedures.first { $0.code == "27027" }?.modifiers == ["LT", "XS"])
        #expect(separate.warnings.contains { $0.kind == "bundling" && $0.message.contains("separate incision") })
        #expect(!separate.queries.contains { $0.topic == "distinct-procedure" })
        // A separate incision named for something else than the two codes does not count.
        let unrelated = try engine(indicator: 1).suggest("Left total knee arthroplasty. Left gluteal fasciotomy. The drain exits through a separate stab wound of the thigh.")
        #expect(unrelated.procedures.first { $0.code == "27027" }?.modifiers == ["LT"])
        // Indicator 0 allows no modifier whatever the note says.
        let bundled = try engine(indicator: 0).suggest("Left total knee arthroplasty. Then, through a separate incision, left gluteal fasciotomy.")
        #expect(!bundled.procedures.contains { $0.modifiers.contains("XS") })
    }
}
