import Testing
@testable import Coding

@Suite struct NegationTests {
    /// (narrative, word, negated?)
    @Test(arguments: [
        ("No debridement was required.", "debridement", true),
        ("Closed reduction without anesthesia.", "anesthesia", true),
        ("Closed reduction without anesthesia.", "reduction", false),
        ("The posterior malleolus was not fixed.", "posterior", true),
        ("Lateral malleolus plated and posterior malleolus not fixed.", "lateral", false),
        ("The joint was not involved.", "joint", true),
        ("Muscle was viable, no necrosis, fasciotomy performed.", "fasciotomy", false),
        ("There was no nonviable muscle but the fascia was released.", "fascia", false),
        ("Fasciotomy was deferred.", "fasciotomy", true),
        ("Debrided nonviable muscle.", "nonviable", false),
        ("Fibula intact.", "fibula", true),
        ("Syndesmosis stable.", "syndesmosis", true),
        ("Femoral and tibial components left in place.", "femoral", true),
        ("Lateral and posterior malleoli not fixed.", "lateral", true),
        ("Syndesmosis stable to stress after fixation.", "syndesmosis", false),
        ("Patient declined total knee arthroplasty.", "knee", true),
        ("She refused fixation; closed reduction and cast.", "fixation", true),
        ("She refused fixation; closed reduction and cast.", "cast", false),
    ])
    func negationIsScopedToTheClause(text: String, word: String, negated: Bool) throws {
        let token = try #require(TestSupport.token(word, in: TestSupport.fixtureKB.analyze(text)))
        #expect(token.negated == negated)
    }

    @Test(arguments: [
        ("Rule out femoral neck fracture.", "femoral", true),
        ("Possible septic arthritis.", "septic", true),
        ("Confirmed septic arthritis.", "septic", false),
    ])
    func uncertainty(text: String, word: String, uncertain: Bool) throws {
        let token = try #require(TestSupport.token(word, in: TestSupport.fixtureKB.analyze(text)))
        #expect(token.uncertain == uncertain)
    }

    @Test(arguments: [
        ("Status post ORIF in 2019, now painful hardware.", "open", true),
        ("Status post ORIF in 2019, now painful hardware.", "hardware", false),
        ("History of prior TKA; today right THA.", "knee", true),
        ("History of prior TKA; today right THA.", "hip", false),
        ("Will need staged fixation.", "fixation", true),
        // "Plan:" inside a line is a heading: the rest of its sentence is the plan.
        ("Spanning fixator today. Plan: ORIF next week.", "open", true),
        ("Spanning fixator today. Plan: ORIF next week.", "fixator", false),
        // "planned" after the thing planned, with a time after it or at the clause's end.
        ("Closed reduction and splint; ORIF planned once the swelling settles.", "open", true),
        ("Closed reduction and splint; ORIF planned once the swelling settles.", "closed", false),
        ("Closed reduction as planned, then splint.", "closed", false),
        // A dated event is history: "last week", "yesterday".
        ("Wound VAC change, thigh wound after fasciotomy last week.", "fasciotomy", true),
        ("Hip hemiarthroplasty yesterday; today wound check.", "hemiarthroplasty", true),
        ("Hip hemiarthroplasty yesterday; today wound check.", "wound", false),
        // A consult names what the surgeon may do.
        ("Consult: femoral neck fracture, plan hemiarthroplasty tomorrow.", "hemiarthroplasty", true),
    ])
    func historyIsNotTodaysProcedure(text: String, word: String, historical: Bool) throws {
        let token = try #require(TestSupport.token(word, in: TestSupport.fixtureKB.analyze(text)))
        #expect(token.historical == historical)
    }
}
