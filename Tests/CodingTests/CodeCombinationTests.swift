import Testing
@testable import Coding

/// Single-malleolus codes of one ankle combine into the bimalleolar (and with the posterior
/// malleolus, trimalleolar) code; of different ankles they stay apart.
@Suite struct CodeCombinationTests {
    let engine = TestSupport.bundledEngine

    @Test func tableGradesByTheMostInvasivePart() {
        let bimalleolar = CodeCombination.table[0], trimalleolar = CodeCombination.table[1]
        #expect(bimalleolar.combinedCode(["27766", "27792"]) == "27814")
        #expect(bimalleolar.combinedCode(["27760", "27792"]) == "27814")
        #expect(bimalleolar.combinedCode(["27762", "27788"]) == "27810")
        #expect(bimalleolar.combinedCode(["27760", "27786"]) == "27808")
        #expect(bimalleolar.combinedCode(["27766", "27784"]) == "27814")
        #expect(bimalleolar.combinedCode(["27766", "27827"]) == nil)
        // A fibula fracture counts as the lateral malleolus only when the note names no other level.
        let fibula = CodeSuggestion(code: "27784", descriptor: "", summary: "", confidence: 0.8, evidence: ["Fibula", "plated"])
        let proximal = CodeSuggestion(code: "27784", descriptor: "", summary: "", confidence: 0.8, evidence: ["proximal fibula", "plate"])
        #expect(bimalleolar.stands(for: 1, fibula))
        #expect(!bimalleolar.stands(for: 1, proximal))
        #expect(trimalleolar.combinedCode(["27814", "27769"]) == "27823")
        #expect(trimalleolar.combinedCode(["27814", "27767"]) == "27822")
        #expect(trimalleolar.combinedCode(["27810", "27768"]) == "27818")
    }

    @Test func bothMalleoliOfOneAnkleAreBimalleolar() throws {
        let report = engine.suggest("ORIF L ankle. Lateral malleolus plated. Medial malleolus fixed with two 4.0 cannulated screws.")
        let first = try #require(report.procedures.first)
        #expect(first.code == "27814")
        #expect(first.modifiers == ["LT"])
        #expect(!report.procedures.contains { ["27766", "27792"].contains($0.code) })
        let reason = try #require(report.alternatives.first { $0.code == "27792" }).reason
        #expect(reason.hasPrefix("27814 rather than"))
        #expect(reason.contains("left ankle"))
    }

    /// The combined code is no surer than its least sure part: fed parts of known confidence
    /// directly, so the figure is the rule's and not whatever the ranker gives each part today.
    @Test(arguments: [(0.95, 0.62), (0.62, 0.95), (0.9, 0.9)])
    func confidenceNotAboveTheWeakerPart(medial: Double, lateral: Double) throws {
        let text = "ORIF L ankle."
        let kb = TestSupport.bundledKB
        let analyzed = kb.analyzer.analyze(text)
        let features = FeatureDetector.detect(analyzed, features: kb.features)
        let laterality = LateralityReader(analyzed)
        let ranking = ProcedureRanker(knowledgeBase: kb).rank(analyzed, features: features, laterality: laterality)
        let builder = ReportBuilder(knowledgeBase: kb, narrative: ranking.narrative, features: features, laterality: laterality,
                                    ranking: ranking, serviceDate: "20260401")
        var report = SuggestionReport()
        report.procedures = [
            CodeSuggestion(code: "27766", descriptor: "", summary: "", confidence: medial, evidence: ["medial malleolus", "screws"]),
            CodeSuggestion(code: "27792", descriptor: "", summary: "", confidence: lateral, evidence: ["lateral malleolus", "plate"]),
        ]
        var sides: [String: Set<Side>] = ["27766": [.left], "27792": [.left]]
        var required: [String: [Phrase.Hit]] = [:]
        builder.combineParts(&report, sidesByCode: &sides, requiredByCode: &required)
        let combined = try #require(report.procedures.first)
        #expect(report.procedures.map(\.code) == ["27814"])
        #expect(combined.confidence == min(medial, lateral))
        #expect(combined.modifiers == ["LT"])
        #expect(combined.evidence == ["medial malleolus", "screws", "lateral malleolus", "plate"])
    }

    @Test func differentAnklesStayTwoCodes() {
        let codes = engine.suggest("Right lateral malleolus fracture: ORIF with plate and screws. Left medial malleolus fracture: ORIF with two cannulated screws.")
            .procedures.map(\.code)
        #expect(Set(codes).isSuperset(of: ["27766", "27792"]))
        #expect(!codes.contains("27814"))
    }
}
