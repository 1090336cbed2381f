import Testing
@testable import Coding

/// Several procedures in one narrative: each is read in its own statement (a list item, a part
/// joined by and/plus/then/+, a part naming another side). Facts, ruling-out words and words of
/// one statement do not count for the procedure of another; add-ons go beside their primary.
@Suite struct MultiProcedureTests {
    let kb = TestSupport.bundledKB
    let engine = TestSupport.bundledEngine

    func codes(_ text: String) -> [String] { engine.suggest(text).procedures.map(\.code) }

    /// Token span of the first occurrence of a word.
    func span(_ word: String, _ narrative: AnalyzedNarrative, occurrence: Int = 0) -> ClosedRange<Int> {
        let index = narrative.tokens.indices.filter { narrative.tokens[$0].text == word }[occurrence]
        return index...index
    }

    // MARK: statements

    @Test func joiningWordsListItemsAndSidesSeparateStatements() {
        let plus = kb.analyzer.analyze("ORIF acetabular fracture + percutaneous iliosacral screw fixation sacral fracture")
        #expect(ProcedureStatements.separated(span("acetabular", plus), span("iliosacral", plus), in: plus, plainAnd: false))

        let then = kb.analyzer.analyze("Arthrotomy of the septic knee, then incision and drainage of a thigh abscess")
        #expect(ProcedureStatements.separated(span("arthrotomy", then), span("abscess", then), in: then, plainAnd: false))

        let sides = kb.analyzer.analyze("right above knee amputation, left below knee amputation")
        #expect(ProcedureStatements.separated(span("above", sides), span("below", sides), in: sides, joins: false))

        let list = kb.analyzer.analyze("PROCEDURES:\n1. Total hip arthroplasty.\n2. Excision of lipoma, thigh.")
        #expect(ProcedureStatements.separated(span("hip", list), span("lipoma", list), in: list, joins: false))
    }

    @Test func sentencesOpeningWithALabelAndAColonAreStatementsOfTheirOwn() {
        let labelled = kb.analyzer.analyze("L distal femur fx: ORIF with lateral plate. L patella fx: ORIF with tension band.")
        #expect(ProcedureStatements.separated(span("femur", labelled), span("patella", labelled), in: labelled, joins: false))
        #expect(codes("Left supracondylar femur fracture, no intercondylar extension: ORIF with lateral locking plate. Left patella fracture: ORIF with tension band.").starts(with: ["27511", "27524"]))
        // One labelled sentence followed by plain body text is still one procedure told in parts.
        let one = kb.analyzer.analyze("Procedure: ORIF of the left distal femur. The patella was inspected.")
        #expect(!ProcedureStatements.separated(span("femur", one), span("patella", one), in: one, joins: false))
    }

    @Test func aCystOfTheProximalFemurIsCodedWithTheFemurCodes() {
        #expect(codes("Curettage of a benign bone cyst of the right proximal femur (intertrochanteric region), cavity packed with allograft chips.").first == "27356")
        #expect(codes("Excision of an enchondroma of the left proximal femur, no graft.").first == "27355")
    }

    @Test func aDistalFemoralOsteotomyIsNoIntertrochantericOsteotomy() {
        let both = codes("Right distal femoral varus osteotomy fixed with a locking plate and right high tibial opening wedge osteotomy.")
        #expect(both.contains("27457") && !both.contains("27165"))
        #expect(codes("Right distal femoral varus osteotomy with a medial locking plate for valgus knee.") == ["27450"])
    }

    @Test func oneCodeDoneOnBothSidesTakesBothSides() {
        func lines(_ text: String) -> [String] { engine.suggest(text).procedures.map { $0.code + "-" + $0.modifiers.joined(separator: "-") } }
        #expect(lines("R ankle: ORIF lateral malleolus fx with plate. L ankle: ORIF lateral malleolus fx with plate.") == ["27792-50"])
        #expect(lines("Right total hip arthroplasty. Left hip has osteoarthritis too.") == ["27130-RT"])
    }

    @Test func aBareAndOrACommaAloneDoesNotMakeTwoStatements() {
        let nouns = kb.analyzer.analyze("proximal tibia and fibula epiphysiodesis")
        #expect(ProcedureStatements.separated(span("tibia", nouns), span("epiphysiodesis", nouns), in: nouns))
        #expect(!ProcedureStatements.separated(span("tibia", nouns), span("epiphysiodesis", nouns), in: nouns, plainAnd: false))

        let comma = kb.analyzer.analyze("femoral condyle resurfacing arthroplasty, medial femoral condyle only")
        #expect(!ProcedureStatements.separated(span("resurfacing", comma), span("medial", comma), in: comma))

        // "excision of separate lipomas" is no second procedure; "with a separate excision" is.
        let of = kb.analyzer.analyze("excision of separate 2 cm lipoma, left knee")
        #expect(!ProcedureStatements.separated(span("excision", of), span("lipoma", of), in: of))
        let with = kb.analyzer.analyze("TKA with a separate excision of a lipoma")
        #expect(ProcedureStatements.separated(span("arthroplasty", with), span("lipoma", with), in: with, plainAnd: false))
    }

    @Test func aDiagnosisLineAndAProcedureLineAreNotTwoListItems() {
        let note = kb.analyzer.analyze("PREOPERATIVE DIAGNOSIS: Right trimalleolar fracture-dislocation\nPROCEDURE: Open reduction internal fixation right ankle")
        #expect(!ProcedureStatements.separated(span("trimalleolar", note), span("ankle", note), in: note))
    }

    @Test func aWordIsOfTheSideNamedNearestBeforeIt() {
        let narrative = kb.analyzer.analyze("Right distal femoral epiphysiodesis and left proximal tibial epiphysiodesis, right and left adductor release")
        #expect(ProcedureStatements.sides(at: span("femoral", narrative).lowerBound, in: narrative) == [.right])
        #expect(ProcedureStatements.sides(at: span("tibial", narrative).lowerBound, in: narrative) == [.left])
        #expect(ProcedureStatements.sides(at: span("adductor", narrative).lowerBound, in: narrative) == [.right, .left])
    }

    // MARK: facts per procedure

    @Test func eachProcedureReadsTheFactsOfItsOwnStatement() {
        // 9 cm and "radical" are the sarcoma's; the lipoma is small and subcutaneous.
        #expect(codes("PROCEDURE: 1. Radical resection of 9 cm liposarcoma, right thigh. 2. Excision of separate 2 cm subcutaneous lipoma, left knee area.") == ["27364", "27327"])
        // "multiple" is the hamstrings'; the rectus femoris transfer is one tendon.
        #expect(codes("Bilateral CP surgery: bilateral multiple hamstring lengthening plus distal rectus femoris transfer on the right") == ["27395", "27396"])
        // The 8 cm is the sarcoma's: the leg lipoma is under 3 cm.
        #expect(codes("PROCEDURES PERFORMED:\n1. Wide resection of 8 x 6 cm myxofibrosarcoma, right posterior thigh, with a margin of normal tissue.\n2. Excision of 1.5 cm subcutaneous lipoma, right lower leg.") == ["27364", "27618"])
    }

    @Test func theApproachIsReadPerProcedureToo() {
        #expect(codes("ORIF both column acetabular fracture R + percutaneous iliosacral screw fixation R sacral fracture") == ["27228", "27216"])
    }

    @Test func sizeFactsCanBeReadOverChosenWords() {
        let narrative = kb.analyzer.analyze("Resection of 9 cm sarcoma, thigh. Excision of 2 cm lipoma, knee.")
        let second = narrative.tokens.map { $0.sentence == 1 }
        #expect(FeatureDetector.detect(narrative, features: kb.features).largestSizeCM == 9)
        #expect(FeatureDetector.detect(narrative, features: kb.features, tokens: second).largestSizeCM == 2)
    }

    @Test func aSingleProcedureReadsItsFactsOverTheWholeNarrative() {
        // The size is told in another sentence than the excision: still the lipoma's.
        #expect(codes("Excision of subcutaneous lipoma, right thigh. The mass measured 4 x 3 cm.") == ["27337"])
    }

    // MARK: ruling-out words and borrowed words

    @Test func aRulingOutWordOfAnotherProceduresStatementDoesNotRuleACodeOut() {
        #expect(Set(codes("Bilateral lower extremity amputations for dry gangrene: right above-knee amputation, left below-knee amputation with long posterior flap.")) == ["27590", "27880"])
        #expect(Set(codes("R ischial bursa excision; L greater trochanteric bursectomy")) == ["27060", "27062"])
    }

    @Test func oneStatementNamingTwoStructuresOrACombinedCodeStaysOneProcedure() {
        // Repair of the MCL and the PCL in one statement is the combined code, not two repairs.
        #expect(codes("PROCEDURE: Open primary repair of medial collateral ligament and posterior cruciate ligament, left knee.\nDESCRIPTION: Both repaired with suture anchors; no graft used.").first == "27409")
        // Pelvic osteotomy + open reduction + femoral shortening is one combined code.
        #expect(codes("Salter osteotomy + open reduction R hip + femoral shortening, DDH 3 yo").first == "27156")
        // A right and a left statement never make a one-leg combined code.
        #expect(Set(codes("Right distal femoral epiphysiodesis and left proximal tibial and fibular epiphysiodesis (percutaneous drilling) for limb length discrepancy")) == ["27475", "27477"])
    }

    @Test func aCodeDoesNotTakeItsSiteFromOneStatementAndItsActionFromAnother() {
        let suggested = codes("PROCEDURES:\n1. Left total hip arthroplasty, posterior approach.\n2. Excision of 2 cm subcutaneous lipoma, left distal lateral thigh, separate incision.")
        #expect(suggested == ["27130", "27327"])
        #expect(!suggested.contains("27047"))  // excision of a lipoma at the hip
    }

    @Test func separateProceduresAreListedInTheSurgeonsOrder() {
        #expect(codes("Radical resection of a 4 cm synovial sarcoma of the left calf with a cuff of normal muscle, and through a separate incision excision of a 6 cm subcutaneous lipoma of the left thigh.") == ["27615", "27337"])
    }

    @Test func eachProcedureTakesTheSideOfItsOwnStatement() {
        let report = engine.suggest("Bilateral lower extremity amputations for dry gangrene: right above-knee amputation, left below-knee amputation with long posterior flap.")
        #expect(report.procedures.map { "\($0.code)-\($0.modifiers.joined(separator: "-"))" } == ["27590-RT", "27880-LT"])
        let arrest = engine.suggest("Right distal femoral epiphysiodesis and left proximal tibial and fibular epiphysiodesis (percutaneous drilling) for limb length discrepancy")
        #expect(arrest.procedures.map(\.modifiers) == [["RT"], ["LT"]])
    }

    // MARK: add-ons

    @Test func anAddOnGoesBesideItsPrimaryWhenItsWorkIsDocumented() {
        #expect(codes("Curettage of aneurysmal bone cyst of the left distal femur, cavity packed with allograft, followed by prophylactic fixation of the femur with a lateral locking plate.") .prefix(2) == ["27356", "27358"])
        #expect(codes("Tibialis posterior tendon transfer through the interosseous membrane to the lateral cuneiform, plus transfer of the flexor digitorum longus to the navicular") == ["27691", "27692"])
    }

    @Test func anAddOnIsNotSuggestedForWorkNotDone() {
        #expect(codes("Tibialis posterior tendon transfer through the interosseous membrane to the lateral cuneiform. No additional tendon transfer was required.") == ["27691"])
        #expect(!codes("Curettage of unicameral bone cyst of the left femoral shaft with allograft. Prophylactic plating was discussed preoperatively but was not performed.").contains("27358"))
    }

    @Test func aQuestionAboutTheAddOnListsItFirst() {
        #expect(codes("Add-on code for each additional tendon transfer at the leg/ankle, second tendon transferred same session?").first == "27692")
    }

    // MARK: scope words met in multi-procedure notes

    @Test func howWouldYouCodeIsAQuestionNotAPlan() {
        let narrative = kb.analyzer.analyze("How would you code ORIF of a bicondylar tibial plateau fracture")
        #expect(narrative.tokens.filter { $0.text == "bicondylar" }.allSatisfy { !$0.historical })
    }

    @Test func discussedButNotPerformedAndPlannedLaterAreNotDone() {
        let discussed = kb.analyzer.analyze("Prophylactic plating was discussed preoperatively but was not performed.")
        #expect(TestSupport.token("plating", in: discussed)?.negated == true)
        let planned = kb.analyzer.analyze("Closed reduction of the knee dislocation; open reduction and ligament reconstruction planned at a later date.")
        #expect(TestSupport.token("open", in: planned)?.historical == true)
        #expect(TestSupport.token("closed", in: planned)?.historical == false)
    }
}
