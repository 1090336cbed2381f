import Testing
@testable import Coding

/// Procedures outside 27000-27899 that sit next to the range by anatomy or wording: no code,
/// and the report says the case is outside coverage. Their in-range neighbours are still coded.
@Suite struct OutsideCoverageTests {
    let engine = TestSupport.bundledEngine

    @Test(arguments: [
        // Arthroscopy (29xxx), arthroscopically aided fracture care included.
        "Left knee arthroscopy, loose bodies retrieved through the portals",
        "Arthroscopically assisted reduction and percutaneous screw fixation of a lateral tibial plateau fracture, left",
        // A needle into a joint or bursa (20605-20611).
        "Injection of the right greater trochanteric bursa with steroid",
        "Aspiration of the left ankle joint, fluid sent for crystals",
        // Hardware removal (20680), with a count between the verb and the implant.
        "Removal of three syndesmotic screws, left ankle",
        // A temporary spanning fixator without reduction (20690/20692); the ORIF is the plan.
        "Left tibial plateau fracture: spanning external fixator applied across the knee. Plan: ORIF next week.",
        // The in-range procedure was refused.
        "Patient declined total knee arthroplasty. Genicular nerve ablation today, right.",
        "Sural nerve biopsy, right leg",
        // Bedside care of an existing stump or wound, a superficial abscess, a consult.
        "Below-knee amputation stump: wound dehiscence debrided at the bedside, skin only",
        "Incision and drainage of a superficial abscess of the left thigh, subcutaneous tissue only",
        "Consult for a displaced femoral neck fracture, plan hemiarthroplasty tomorrow. Which code for the consult?",
        // Hardware out of a healed osteotomy or fusion: 20680.
        "Removal of two prominent screws from a healed distal femoral osteotomy, right",
    ])
    func outOfRangeWorkIsNotCoded(text: String) {
        let report = engine.suggest(text)
        #expect(report.procedures.isEmpty, "\(report.procedures.map(\.code))")
        #expect(report.warnings.contains { $0.kind == "coverage" })
    }

    @Test(arguments: [
        ("Left knee arthroscopy converted to open; loose body removed through a medial parapatellar arthrotomy", "27331"),
        ("Right ankle arthroscopy abandoned for a poor view; anterior arthrotomy and removal of loose bodies", "27620"),
        ("Knee aspiration showed pus, then open arthrotomy and washout, left", "27310"),
        ("Stage 1 pilon: closed reduction and spanning external fixator, no ORIF", "27825"),
        ("Left below-knee stump revised: tibia and fibula re-amputated 2 cm higher", "27886"),
        ("Deep abscess beneath the fascia lata of the right thigh incised and drained", "27301"),
        ("Excision of a chronic prepatellar bursitis after a failed aspiration, left", "27340"),
        ("Removal of a failed left total ankle replacement, cement spacer placed", "27704"),
        // The arthroscopy is its own (29xxx) procedure; the open excision beside it is coded.
        ("Left knee arthroscopy with partial lateral meniscectomy, and a separate open excision of a 4 cm subcutaneous lipoma of the thigh", "27337"),
    ])
    func inRangeNeighboursAreStillCoded(text: String, code: String) {
        #expect(engine.suggest(text).procedures.first?.code == code)
    }

    @Test func convertedArthroscopyNoLongerSpeaks() {
        let narrative = TestSupport.fixtureKB.analyze("Knee arthroscopy converted to open arthrotomy.")
        #expect(!narrative.tokens.contains { $0.text.hasPrefix("arthroscop") })
        #expect(TestSupport.token("converted", in: narrative)?.historical == true)
        // An arthroscopy that stayed arthroscopic keeps its words.
        let kept = TestSupport.fixtureKB.analyze("Knee arthroscopy; conversion was not needed.")
        #expect(kept.tokens.contains { $0.text == "arthroscopy" })
    }
}
