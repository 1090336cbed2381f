import Testing
@testable import Coding

/// A booking, surgery request or consent form for an operation not yet done documents no
/// operation to code (the label convention in docs/coding.md); the same form completed after the
/// operation does.
@Suite struct PlanFormTests {
    static let engine = TestSupport.bundledEngine

    @Test(arguments: [
        "THEATRE BOOKING: Side: LEFT knee. Procedure: open total synovectomy, anterior arthrotomy plus posterior approach. Est. duration 180 min.",
        "SURGERY BOOKING REQUEST\nPatient: --. Procedure to be performed: right total knee arthroplasty, cemented. Surgeon: Dr Vance.",
        "CONSENT: Left leg - percutaneous drill epiphysiodesis of the distal femur and proximal tibia and fibula.",
        "Waiting list entry: R THA for primary OA, priority routine, will be done by Mr Osei.",
    ])
    func formForAnOperationToComeIsNotCoded(text: String) {
        #expect(Self.engine.suggest(text).procedures.isEmpty)
    }

    @Test(arguments: [
        "CONSENT: right hip hemiarthroplasty (cemented) for displaced femoral neck fracture. Procedure performed: as consented, cemented bipolar.",
        "THEATRE BOOKING: R TKA, cemented. Op note: done as booked, cemented PS components, patella resurfaced.",
        "Consent obtained. Supine on a traction table; closed reduction of the left femoral neck fracture and three cannulated screws.",
    ])
    func formCompletedAfterTheOperationKeepsItsCode(text: String) {
        #expect(!Self.engine.suggest(text).procedures.isEmpty)
    }

    /// A form's own future ("to be performed", "will be done") is not a report that it was done,
    /// and "abandoned" holds no "done".
    @Test func doneReadAsAWholeWordNotInTheFormsFuture() {
        #expect(!NarrativeAnalyzer.headingTellsDone(Array("Procedure to be performed: TKA".utf8)))
        #expect(!NarrativeAnalyzer.headingTellsDone(Array("Booking: will be done on the 14th; previous date abandoned".utf8)))
        #expect(NarrativeAnalyzer.headingTellsDone(Array("Procedure performed: as consented".utf8)))
        #expect(NarrativeAnalyzer.headingTellsDone(Array("Post-op: well".utf8)))
    }
}
