import Testing
@testable import Coding

/// A consultant asks whether a knee or hip replacement was a revision only when the note hints at
/// an earlier arthroplasty or at hardware in that joint; a plain primary replacement is primary.
@Suite struct RevisionQueryTests {
    static let engine = TestSupport.bundledEngine

    static func revisionAsked(_ text: String) -> Bool {
        engine.suggest(text).queries.contains { $0.topic == "revision" }
    }

    // Plain primaries in several voices: nothing suggests an implant was there before. On the old
    // code every one of these drew "does not say whether there was revision of earlier surgery".
    @Test(arguments: [
        ("Right TKA, cemented, patella resurfaced.", "27447"),
        ("Left total hip arthroplasty, posterior approach, cementless cup and stem, for osteoarthritis.", "27130"),
        ("R medial UKA (Oxford) for anteromedial OA.", "27446"),
    ])
    func plainPrimaryIsNotQueried(text: String, code: String) {
        let report = Self.engine.suggest(text)
        #expect(report.procedures.first?.code == code)
        #expect(!report.queries.contains { $0.topic == "revision" })
    }

    // The same operations with a documented hint of an earlier arthroplasty or hardware in the
    // joint, told as history in any side or tense: the question stays, and the code is not certain.
    @Test(arguments: [
        "Right TKA, cemented, patella resurfaced. Previous UKA 2019.",
        "Right TKA, cemented. Failed right UKA 2019 with tibial loosening.",
    ])
    func hintOfEarlierImplantKeepsTheQuery(text: String) {
        let report = Self.engine.suggest(text)
        #expect(report.queries.contains { $0.topic == "revision" })
        #expect((report.procedures.first?.confidence ?? 0) < 0.9)
    }

    /// A total hip in a hip whose earlier fracture fixation (here a dynamic hip screw) comes out at
    /// the same operation is the conversion code 27132, not a primary 27130 with a revision question:
    /// a DHS is not an arthroplasty, so there is nothing to revise, and the year dates when the screw
    /// was put in, not its removal (which is today's work). This text was once an argument of
    /// hintOfEarlierImplantKeepsTheQuery, which expected the revision question; that was wrong on
    /// coding grounds (the pending case t7a-11 is the same text labelled 27132).
    @Test func removedFractureFixationMakesAConversion() {
        let report = Self.engine.suggest("Left total hip arthroplasty, cementless cup and stem, with removal of the dynamic hip screw placed in 2022.")
        #expect(report.procedures.first?.code == "27132")
        #expect(!report.queries.contains { $0.topic == "revision" })
    }

    /// A registry form writes each option before its box: the unticked "Revision [ ]" and
    /// "Conversion [ ]" are not said, the ticked "Primary TKA [X]" is (it read as a revision before).
    @Test func registryFormOptionsBeforeTheirBoxes() {
        let cleared = NarrativeAnalyzer.clearingCheckBoxes("Procedure type: Primary TKA [X]  Revision [ ]  Conversion [ ]\nSide: L")
        #expect(cleared.contains("Primary TKA"))
        #expect(!cleared.contains("Revision") && !cleared.contains("Conversion"))
        #expect(cleared.utf8.count == "Procedure type: Primary TKA [X]  Revision [ ]  Conversion [ ]\nSide: L".utf8.count)
        // Options after their boxes read as before.
        #expect(NarrativeAnalyzer.clearingCheckBoxes("Manipulation: [ ] Yes  [x] No").contains("No"))
        #expect(!NarrativeAnalyzer.clearingCheckBoxes("Manipulation: [ ] Yes  [x] No").contains("Yes"))
    }

    /// A unicompartmental knee is not asked whether both tibiofemoral compartments were replaced.
    @Test func unicompartmentalIsNotAskedAboutBothCompartments() {
        let report = Self.engine.suggest("R medial UKA (Oxford) for anteromedial OA.")
        #expect(!report.queries.contains { $0.topic == "bothTibiofemoralCompartments" })
    }
}
