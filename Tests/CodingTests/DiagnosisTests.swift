import Testing
@testable import Coding

@Suite struct DiagnosisTests {
    let engine = TestSupport.fixtureEngine

    @Test(arguments: [
        ("Left displaced bimalleolar ankle fracture, ORIF", "S82.842A"),
        ("Right nondisplaced bimalleolar fracture", "S82.844A"),
        ("Open right trimalleolar fracture, Gustilo IIIA", "S82.851C"),
        ("Open left trimalleolar fracture grade II", "S82.852B"),
        ("Right displaced intertrochanteric fracture", "S72.141A"),
        ("Left femoral neck fracture", "S72.002A"),
        ("Primary osteoarthritis of the left knee, total knee arthroplasty", "M17.12"),
        ("Bilateral knee osteoarthritis", "M17.0"),
        ("Right leg compartment syndrome after tibial fracture", "T79.A21A"),
        ("Left leg exertional compartment syndrome, nontraumatic", "M79.A22"),
        ("Infected right total knee arthroplasty", "T84.53XA"),
        ("Posterior dislocation of the left hip", "S73.015A"),
        ("Developmental dysplasia of the right hip with dislocation", "Q65.01"),
    ])
    func conditionsBecomeBillableCodes(text: String, code: String) {
        let codes = engine.suggest(text).diagnoses.map(\.code)
        #expect(codes.contains(code), "got \(codes)")
    }

    @Test func negatedOrUncertainConditionsAreNotCoded() {
        #expect(engine.suggest("Rule out femoral neck fracture").diagnoses.isEmpty)
        #expect(engine.suggest("No fracture of the femoral neck was seen").diagnoses.isEmpty)
    }

    @Test func missingDetailsBecomeQueries() {
        let topics = Set(engine.suggest("bimalleolar ankle fracture ORIF").queries.map(\.topic))
        #expect(topics.contains("laterality"))
        #expect(topics.contains("displacement"))
    }

    @Test func everyDiagnosisOnTheTuningCorporaIsBillable() throws {
        let engine = TestSupport.bundledEngine
        for (_, cases) in try TestSupport.tuningCorpora() {
            for item in cases {
                for diagnosis in engine.suggest(item.text).diagnoses {
                    #expect(engine.knowledgeBase.diagnosis(diagnosis.code)?.billable == true, "\(item.id): \(diagnosis.code)")
                    #expect(!diagnosis.evidence.isEmpty)
                }
            }
        }
    }
}
