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

    /// Only the required words, none of the words that usually come with the code: not certain.
    @Test func requiredWordsAloneAreNotCertain() throws {
        let bare = try #require(engine.suggest("Left below knee amputation for diabetic gangrene").procedures.first)
        #expect(bare.code == "27880")
        #expect(bare.confidence < 0.9)
        let described = try #require(engine.suggest("Left below knee amputation for diabetic gangrene, long posterior flap closure").procedures.first)
        #expect(described.code == "27880")
        #expect(described.confidence >= 0.9)
    }

    /// Several procedures: which one is the principal is the engine's reading of the order.
    @Test func thePrincipalOfSeveralProceduresIsNotCertain() throws {
        let report = engine.suggest("PROCEDURES: 1. Left total knee arthroplasty, cemented, for osteoarthritis. 2. Right gluteal fasciotomy; all muscle viable.")
        #expect(report.procedures.count == 2)
        let first = try #require(report.procedures.first)
        #expect(first.confidence < 0.9)
    }
}
