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
        ("Bilateral developmental hip dislocation, open reduction of the left hip", "Q65.1"),
        ("Primary OA both knees, R TKA today", "M17.0"),
        ("Secondary osteoarthritis of the right hip due to developmental dysplasia", "M16.31"),
        ("Chronic osteomyelitis L tibia with draining sinus tract", "M86.462"),
        ("Acute hematogenous osteomyelitis R distal femur", "M86.051"),
        ("Osteomyelitis of the left distal tibia", "M86.9"),
        ("AVN of the R femoral head from chronic steroid use", "M87.151"),
        ("R BKA for diabetic foot gangrene, type 2 DM with PAD", "E11.52"),
        ("Dry gangrene of the left foot", "I96"),
        ("Glass laceration with partial laceration of the right patellar tendon", "S76.121A"),
        ("L patellar tendon rupture 2 days ago playing basketball", "S76.112A"),
        ("subq lipoma right ankle 1.5cm excised", "D17.23"),
        ("R tibial shaft nonunion 9 months after IM nailing", "S82.201K"),
        ("Post-traumatic arthritis R ankle, sequela of an old pilon fracture", "S82.871S"),
        ("s/p R TKA 2015. Now periprosthetic fracture of the distal femur above the TKA", "M97.11XA"),
        ("Infected total ankle arthroplasty, left", "T84.59XA"),
        ("Isolated right proximal fibula fracture", "S82.831A"),
        ("Infantile Blount disease, left", "M92.512"),
        ("septic L ankle joint (MSSA)", "M00.072"),
    ])
    func conditionsBecomeBillableCodes(text: String, code: String) {
        let codes = engine.suggest(text).diagnoses.map(\.code)
        #expect(codes.contains(code), "got \(codes)")
    }

    @Test func negatedOrUncertainConditionsAreNotCoded() {
        #expect(engine.suggest("Rule out femoral neck fracture").diagnoses.isEmpty)
        #expect(engine.suggest("No fracture of the femoral neck was seen").diagnoses.isEmpty)
    }

    @Test func uncertainConditionsGiveWayToTheirSymptoms() {
        let report = engine.suggest("Hip pain R after a fall, r/o occult femoral neck fracture")
        #expect(report.diagnoses.map(\.code) == ["M25.551"])
        #expect(engine.suggest("?osteomyelitis vs stress fracture R tibia").diagnoses.allSatisfy { !$0.code.hasPrefix("M86") })
        #expect(engine.suggest("possible septic arthritis of the left knee").diagnoses.allSatisfy { !$0.code.hasPrefix("M00") })
        #expect(engine.suggest("Left ankle, possible syndesmotic injury").diagnoses.allSatisfy { !$0.code.hasPrefix("S93.43") })
        // A definitive diagnosis makes the symptom integral to it.
        let oa = engine.suggest("Right hip pain from primary osteoarthritis of the right hip").diagnoses.map(\.code)
        #expect(oa == ["M16.11"])
    }

    @Test func nontraumaticRupturesAreNotCodedAsStrains() {
        let codes = engine.suggest("Spontaneous rupture of the right Achilles tendon, no injury, on fluoroquinolones").diagnoses.map(\.code)
        #expect(!codes.contains { $0.hasPrefix("S86") }, "got \(codes)")
    }

    @Test func osteomyelitisWithoutAcuityIsQueried() {
        let topics = engine.suggest("Osteomyelitis of the left distal tibia, I&D").queries.map(\.topic)
        #expect(topics.contains("diagnosis"))
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
