import Testing
@testable import Coding

@Suite struct LateralityTests {
    @Test(arguments: [
        ("Right gluteal fasciotomy", ["RT"]),
        ("L buttock fasciotomy", ["LT"]),
        ("Bilateral gluteal fasciotomies", ["50"]),
        ("gluteal fasciotomy, both sides: right and left", ["50"]),
        ("gluteal fasciotomy", []),
        // Both sides in other words; a side word that is no side; a bilateral condition with one side operated.
        ("gluteal fasciotomy on both sides", ["50"]),
        ("gluteal fasciotomy; a drain was left in the wound and the patient left the room stable", []),
        ("gluteal fasciotomy, the tourniquet left inflated; the release looked right", []),
        ("gluteal fasciotomy with the table tilted to the left", []),
        ("gluteal fasciotomy, L", ["LT"]),
        ("gluteal fasciotomy, wound left open", []),
        ("Crush injury of both thighs, R gluteal fasciotomy today", ["RT"]),
        ("POSTOPERATIVE DIAGNOSIS: Bilateral gluteal compartment syndrome.\nPROCEDURE: Gluteal fasciotomy.", []),
        ("POSTOPERATIVE DIAGNOSIS: Left gluteal compartment syndrome.\nPROCEDURE: Gluteal fasciotomy.", ["LT"]),
        ("Right gluteal fasciotomy. The left side was postponed.", ["RT"]),
        // "right" as an adverb of place, also before a second preposition; "right under GA" is a side.
        ("gluteal fasciotomy; the swelling ran right down into the thigh", []),
        ("Left gluteal fasciotomy, the haematoma right up through the fascia", ["LT"]),
        ("gluteal fasciotomy, the incision right across the buttock", []),
        ("gluteal fasciotomy right under GA", ["RT"]),
    ])
    func modifiersFollowTheSide(text: String, modifiers: [String]) throws {
        let report = TestSupport.fixtureEngine.suggest(text)
        let first = try #require(report.procedures.first)
        #expect(first.modifiers == modifiers)
        #expect(report.queries.contains { $0.topic == "laterality" } == modifiers.isEmpty)
    }

    @Test func sideIsReadPerProcedureSentence() {
        let report = TestSupport.fixtureEngine.suggest("Right gluteal fasciotomy. Left bimalleolar ankle fracture ORIF.")
        let modifiers = Dictionary(uniqueKeysWithValues: report.procedures.map { ($0.code, $0.modifiers) })
        #expect(modifiers["27027"] == ["RT"])
        #expect(modifiers["27814"] == ["LT"])
    }

    @Test func sideOnlyCodesGoOnTwoLines() {
        let report = TestSupport.fixtureEngine.suggest("Bilateral bimalleolar ankle fractures, ORIF both sides")
        #expect(report.procedures.first?.modifiers == ["RT", "LT"])
        #expect(report.warnings.contains { $0.kind == "modifier" })
    }
}
