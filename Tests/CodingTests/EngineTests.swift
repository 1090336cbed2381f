import Testing
@testable import Coding

/// Engine behaviour on the hand-written fixture entries.
@Suite struct EngineTests {
    let engine = TestSupport.fixtureEngine

    @Test(arguments: [
        ("Right gluteal fasciotomy; all muscle viable, no debridement required.", "27027"),
        ("Right gluteal fasciotomy with debridement of nonviable muscle.", "27057"),
        ("Gluteal compartment release. Necrotic muscle was excised.", "27057"),
        ("Gluteal fasciotomy. There was no nonviable muscle.", "27027"),
        ("Left bimalleolar ankle fracture, ORIF with plate and screws", "27814"),
        ("Left bimalleolar ankle fracture, closed reduction and cast", "27810"),
        // Dead-looking muscle counts as debrided only when its sentence removes it.
        ("Gluteal fasciotomy; gluteus medius grey and did not contract -> excised back to bleeding muscle.", "27057"),
        ("Gluteal fasciotomy. Gluteus maximus dusky, did not bleed, excised.", "27057"),
        ("Gluteal fasciotomy; muscle dusky but contracted and bled, so it was kept for a second look.", "27027"),
        ("Gluteal fasciotomy. Muscle dusky at first, pinked up after release; nothing was excised.", "27027"),
    ])
    func withWithoutNeighbours(text: String, code: String) {
        #expect(engine.suggest(text).procedures.first?.code == code)
    }

    @Test func alternativesSayWhyNot() throws {
        let report = engine.suggest("Right gluteal fasciotomy. Muscle viable.")
        let alternative = try #require(report.alternatives.first { $0.code == "27057" })
        #expect(alternative.reason.hasPrefix("27027 rather than 27057:"))
        #expect(alternative.reason.contains("nonviable muscle"))
    }

    /// A neighbour a documented fact rules out is listed after the neighbours the note merely does
    /// not describe (ReportBuilder.AlternativeRank): plate fixation through an open approach rules
    /// out the closed 27810, while nothing in the note speaks against a trimalleolar fracture (27822),
    /// so 27822 comes first and 27810 does not crowd it out.
    @Test func ruledOutNeighbourIsListedAfterUndescribedOnes() throws {
        let report = TestSupport.bundledEngine.suggest("Open reduction internal fixation of left bimalleolar ankle fracture with plate and screws.")
        #expect(report.procedures.map(\.code) == ["27814"])
        let codes = report.alternatives.map(\.code)
        let closed = try #require(codes.firstIndex(of: "27810"))
        let trimalleolar = try #require(codes.firstIndex(of: "27822"))
        #expect(trimalleolar < closed)
        #expect(report.alternatives[trimalleolar].reason.contains("which the narrative does not describe"))
        #expect(report.alternatives[closed].reason.contains("the treatment documented is open, not closed"))
    }

    @Test func evidenceIsTheNarrativesWords() throws {
        let first = try #require(engine.suggest("L bimal ankle fx - ORIF").procedures.first)
        #expect(first.code == "27814")
        #expect(first.evidence.contains("bimal"))
        #expect(first.evidence.contains("ORIF"))
    }

    @Test(arguments: [
        "Carpal tunnel release, left wrist",
        "Total shoulder arthroplasty, right",
        "Patient seen in clinic for knee pain, no procedure",
        "Status post gluteal fasciotomy two years ago, now doing well",
        "We discussed a total knee arthroplasty; she will think about it",
    ])
    func abstainsOutsideCoverage(text: String) {
        let report = engine.suggest(text)
        #expect(report.procedures.isEmpty)
        #expect(report.warnings.contains { $0.kind == "coverage" })
    }

    @Test func severalProceduresAreEachCoded() {
        let report = engine.suggest("""
        PROCEDURES: 1. Right gluteal fasciotomy. 2. Left total knee arthroplasty.
        """)
        #expect(Set(report.procedures.map(\.code)) == ["27027", "27447"])
    }

    @Test func hintedButUndocumentedFactIsAskedAndNotCertain() throws {
        let report = engine.suggest("Right gluteal fasciotomy; muscle dusky but contractile, left for a second look.")
        let first = try #require(report.procedures.first)
        #expect(first.code == "27027")
        #expect(first.confidence < 0.9)
        #expect(report.queries.filter { $0.topic == "debridement" }.count == 1)
        let alternative = try #require(report.alternatives.first { $0.code == "27057" })
        #expect(alternative.reason.contains("removal is not documented"))
    }

    /// A neighbour the knowledge base names is asked about even when the narrative did not make
    /// it a candidate; a reduction not said to be open is a closed one.
    @Test func queriesNameNeighboursThatAreNotCandidates() throws {
        let bundled = TestSupport.bundledEngine
        let trimalleolar = bundled.suggest("ORIF right trimalleolar ankle fracture")
        #expect(trimalleolar.procedures.first?.code == "27822")
        #expect(trimalleolar.queries.contains { $0.question.contains("posterior malleolus") && $0.question.contains("27823") })
        let knee = bundled.suggest("Left knee dislocation reduced")
        #expect(knee.procedures.first?.code == "27550")
        #expect(knee.queries.contains { $0.topic == "anesthesia" })
    }

    /// The note speaks of what decides the pair without saying whether it was done: the code the
    /// documentation supports, a question, and no certainty.
    @Test(arguments: [
        ("PROCEDURE: ORIF left trimalleolar ankle fracture. The posterior malleolus was reduced.", "27822", "posterior malleolus"),
        ("Emergent four-compartment fasciotomy of the left leg. Necrotic muscle noted in the anterior compartment.", "27602", "debrided"),
    ])
    func hintedFactIsAskedNotGuessed(text: String, code: String, asked: String) throws {
        let report = TestSupport.bundledEngine.suggest(text)
        let first = try #require(report.procedures.first)
        #expect(first.code == code)
        #expect(first.confidence < 0.9)
        #expect(report.queries.contains { $0.question.contains(asked) })
    }

    /// How notes say manipulation, anesthesia, debridement and fixation without the code's words.
    @Test(arguments: [
        ("DDH R: Pavlik harness adjusted in clinic; the hip has reduced spontaneously in the harness. No sedation.", "27256"),
        ("Traumatic native hip dislocation reduced in ED under ketamine.", "27252"),
        ("Four compartment fasciotomy R leg; lateral compartment muscle cut back to healthy bleeding tissue.", "27894"),
        ("ORIF trimalleolar fracture; posterior malleolar fragment (25%) reduced and held with 2 PA lag screws; fibula plated.", "27823"),
        ("Thigh fasciotomy: the quadriceps compartment released, and the hamstring compartment decompressed through a second, medial incision. Muscle viable.", "27498"),
        ("Right thigh fasciotomy: anterior compartment released; posterior compartment soft, not released. Muscle viable.", "27496"),
        ("Pilon fx: ORIF of both the tibia and the fibula.", "27828"),
        ("Open ankle dislocation R: irrigation and debridement, reduction of the tibiotalar joint through the wound, no internal fixation and no ligament repair.", "27846"),
    ])
    func everydayWordingDecidesThePair(text: String, code: String) {
        #expect(TestSupport.bundledEngine.suggest(text).procedures.first?.code == code)
    }

    /// A neighbour that never became a candidate is still answered with what the note documents.
    @Test(arguments: [
        ("Closed reduction of L tibial shaft fracture under sedation, long leg cast.", "27750", "manipulation (reduction) was documented"),
        ("ORIF R trimalleolar fx; lateral plate, medial screws; posterior fragment small, left alone.", "27823", "no posterior lip fixation was done"),
        ("Bimalleolar ankle fracture L: ORIF, lateral malleolus plate, medial malleolus screws.", "27810", "the treatment documented is open, not closed"),
    ])
    func relatedNeighbourReasonsQuoteTheNote(text: String, loser: String, says: String) throws {
        let report = TestSupport.bundledEngine.suggest(text)
        let alternative = try #require(report.alternatives.first { $0.code == loser })
        #expect(alternative.reason.contains(says))
    }

    /// A ruling-out word in the findings, let pass because the title documents the entry, leaves
    /// the winner uncertain.
    @Test func ruledOutWordInFindingsIsNotCertain() throws {
        let report = TestSupport.bundledEngine.suggest("Operation: MUA right ankle.\nAnaesthetic: GA.\nFindings: displaced bimalleolar fracture.\nProcedure: manipulated into anatomical position; backslab.")
        let first = try #require(report.procedures.first)
        #expect(first.code != "27860" || first.confidence < 0.9)
    }

    /// Percutaneous read only from the implant is asked about, and not certain.
    @Test func implantAloneDoesNotSettleTheApproach() throws {
        let report = TestSupport.bundledEngine.suggest("Right femoral neck fracture fixed with three cannulated screws")
        let first = try #require(report.procedures.first)
        #expect(first.code == "27235")
        #expect(first.confidence < 0.9)
        #expect(report.queries.contains { $0.topic == "approach" && $0.question.contains("27236") })
        let stated = TestSupport.bundledEngine.suggest("Right femoral neck fracture: three cannulated screws placed percutaneously through stab incisions")
        #expect(!stated.queries.contains { $0.topic == "approach" })
    }

    /// A ruling-out word inside a longer phrase the entry lists itself does not rule it out.
    @Test func longerOwnPhraseOutweighsARulingOutWord() {
        let report = TestSupport.bundledEngine.suggest("Bimalleolar equivalent injury, right ankle: lateral malleolus fracture with deltoid rupture; ORIF of the fibula with a plate.")
        #expect(report.procedures.first?.code == "27792")
    }

    @Test func queriesAskWhatTheNoteLeavesOpen() {
        let report = engine.suggest("Gluteal fasciotomy for compartment syndrome")
        let topics = Set(report.queries.map(\.topic))
        #expect(topics.contains("laterality"))
        #expect(topics.contains("debridement"))
    }

    @Test func reportEncodesToTheDesignShape() throws {
        let report = engine.suggest("Right gluteal fasciotomy")
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["procedures", "diagnoses", "alternatives", "warnings", "queries"])
        let procedure = try #require((object["procedures"] as? [[String: Any]])?.first)
        for key in ["code", "descriptor", "confidence", "modifiers", "evidence"] { #expect(procedure[key] != nil) }
    }
}

import Foundation
