import Testing
@testable import Coding

/// Whose operation a note tells: another surgeon's work, told by a second opinion, a therapist, a
/// referral letter or a named agent, is not coded; the writer's own work in the same kinds of letter is.
@Suite struct WhoOperatedTests {
    let engine = TestSupport.bundledEngine

    @Test(arguments: [
        // A second opinion on another surgeon's operation, active, passive or by its outcome.
        "Second opinion: he had ORIF of the left lateral malleolus with a one-third tubular plate last year. The fracture has healed. I would not change anything.",
        "Second opinion letter: her right knee was replaced two years ago elsewhere. The components are well fixed. I do not recommend revision.",
        "Thank you for referring Mr K for a second opinion. At his operation in March the surgeon nailed the right tibial shaft. I agree with the plan to dynamise.",
        // A therapist's or a referrer's account of someone else's operation.
        "PHYSIOTHERAPY REFERRAL. Dx: left total knee arthroplasty 02/11. Please assess and treat, WBAT.",
        "Inpatient rehab day 3: s/p right hemiarthroplasty for femoral neck fracture, ambulating with a frame.",
        "Dear colleague, I would be grateful if you could see this lady who had her left hip replaced in Spain last year. Ongoing groin pain.",
        // An operation named as another surgeon's, in any note.
        "Her Achilles was repaired open by her surgeon in Denver on 5/2; she asks whether she can run.",
        "Request for more visits after the left tibial plateau ORIF done by Dr. Kim, 24 visits completed.",
    ])
    func anotherSurgeonsOperationIsNotCoded(text: String) {
        #expect(engine.suggest(text).procedures.isEmpty, "\(engine.suggest(text).procedures.map(\.code))")
    }

    @Test(arguments: [
        // The writer's own operation, in a second opinion or a letter.
        ("Second opinion: her surgeon advised a fusion. I agreed, and last Tuesday I carried out an open ankle arthrodesis with two crossed screws, left.", "27870"),
        ("Thank you for referring him for a second opinion. At surgery last week we found a 5 cm gap and performed a V-Y turndown reconstruction of the right Achilles tendon.", "27654"),
        ("Second opinion letter: I went on to excise the 4 cm lesion deep to the fascia of the left thigh myself on 12/1; benign lipoma.", "27328"),
        // A third-person op note or a coder's question about a named surgeon's operation.
        ("Left bimalleolar ankle fracture ORIF, assisted by Dr. Jones: fibular plate and two medial malleolar screws.", "27814"),
        ("How do I code the ORIF done by Dr Osei? Left bimalleolar ankle fracture, fibula plated and medial malleolus screwed.", "27814"),
        // A patient telling their own operation, "my surgeon".
        ("My surgeon fixed my broken left kneecap with wires and a screw.", "27524"),
    ])
    func theWritersOwnOperationIsCoded(text: String, code: String) {
        #expect(engine.suggest(text).procedures.first?.code == code, "\(engine.suggest(text).procedures.map(\.code))")
    }
}
