import Testing
@testable import Coding

@Suite struct SectionTests {
    @Test(arguments: [
        ("PROCEDURE(S) PERFORMED", SectionKind.procedureTitle),
        ("operation", .procedureTitle),
        ("POSTOPERATIVE DIAGNOSIS", .diagnosisPost),
        ("post op dx", .diagnosisPost),
        ("PREOPERATIVE DIAGNOSIS", .diagnosisPre),
        ("INDICATIONS FOR PROCEDURE", .history),
        ("DESCRIPTION OF PROCEDURE", .body),
        ("FINDINGS", .findings),
        ("ANESTHESIA", .anesthesia),
        ("ESTIMATED BLOOD LOSS", .administrative),
        ("PLAN", .plan),
    ])
    func headingsAreClassified(label: String, kind: SectionKind) {
        let normalized = label.lowercased().map { $0.isLetter ? $0 : " " }.map(String.init).joined()
        #expect(SectionKind.classify(heading: normalized) == kind)
    }

    @Test(arguments: ["Sofield procedure tibia", "left ankle", "question for coder"])
    func labelsWithOtherWordsAreText(label: String) {
        #expect(SectionKind.classify(heading: label) == nil)
    }

    @Test func unknownLabelsKeepTheirWords() {
        let narrative = TestSupport.fixtureKB.analyze("Left ankle: ORIF")
        #expect(narrative.tokens.first?.text == "left")
        #expect(narrative.tokens.first?.section == .general)
    }

    @Test func wordsTakeTheSectionTheyAreIn() throws {
        let narrative = TestSupport.fixtureKB.analyze("""
        INDICATIONS: prior fasciotomy elsewhere.
        PROCEDURE PERFORMED: Right gluteal fasciotomy.
        POSTOPERATIVE DIAGNOSIS: compartment syndrome
        """)
        let sections = narrative.tokens.filter { $0.text == "fasciotomy" }.map(\.section)
        #expect(sections == [.history, .procedureTitle])
        #expect(try #require(TestSupport.token("syndrome", in: narrative)).section == .diagnosisPost)
    }
}
