import Testing
@testable import Coding

/// Confidence ≥ 0.9 must mean right: what the note leaves open keeps it below.
@Suite struct ConfidenceTests {
    let engine = TestSupport.bundledEngine

    @Test func documentedChoiceIsConfident() throws {
        let first = try #require(engine.suggest("Left bimalleolar ankle fracture, ORIF with plate and screws").procedures.first)
        #expect(first.code == "27814")
        #expect(first.confidence >= 0.9)
    }

    /// A clause that documents the winner also speaks of a plan or a doubt.
    @Test(arguments: [
        "Left bimalleolar ankle fracture: closed reduction and splint today; ORIF planned once the swelling settles.",
        "Right total knee arthroplasty for osteoarthritis; revision may be needed later",
        "Single tendon open hamstring lengthening vs tenotomy? z-lengthening of semitendinosus only, left",
    ])
    func planOrDoubtBesideTheEvidenceIsNotCertain(text: String) throws {
        let first = try #require(engine.suggest(text).procedures.first)
        #expect(first.confidence < 0.9)
    }
}
