import Testing
@testable import Coding

/// One operation told over several sentences is one procedure; a list of procedures (numbered,
/// bulleted, or one a line under a heading) is several. The first reading once let the body
/// sentences of a trimalleolar ORIF escape the "trimalleolar" that rules out single-malleolus
/// codes, so 27792, 27766 and even 27769 (posterior malleolus, not fixed) were suggested.
@Suite struct ProcedureListTests {
    let engine = TestSupport.bundledEngine

    @Test func aTrimalleolarORIFToldInAParagraphIsOneProcedure() {
        let text = """
        PROCEDURE: Open reduction internal fixation right trimalleolar ankle fracture.

        The lateral malleolus was fixed with a one-third tubular plate and screws. The medial malleolus was fixed with two partially threaded cancellous screws. The posterior malleolus fragment was small, reduced indirectly and was not fixed.
        """
        #expect(engine.suggest(text).procedures.map(\.code) == ["27822"])
    }

    @Test(arguments: [
        "PROCEDURES:\n1. Percutaneous iliosacral screw fixation, left sacral fracture.\n2. Open reduction internal fixation of symphysis pubis disruption with plate.",
        "PROCEDURES:\nPercutaneous iliosacral screw fixation, left sacral fracture.\nOpen reduction internal fixation of symphysis pubis disruption with plate.",
        "PROCEDURES:\n- Percutaneous iliosacral screw fixation, left sacral fracture\n- Open reduction internal fixation of symphysis pubis disruption with plate",
    ])
    func listedProceduresAreEachCoded(text: String) {
        // "Open reduction … plate" on the second line must not rule out the percutaneous code
        // the first line documents on its own.
        #expect(Set(engine.suggest(text).procedures.map(\.code)) == ["27216", "27217"])
    }

    @Test func listItemsAreRecognisedByMarkerOrByALineOfTheirOwn() {
        let narrative = TestSupport.bundledKB.analyzer.analyze("PROCEDURES:\n1. First thing\n- Bullet thing\nOwn line thing.\nA paragraph sentence. Another one on the same line.")
        let sentencesOf = { (word: String) in Set(narrative.tokens.filter { $0.text == word }.map(\.sentence)) }
        #expect(sentencesOf("first").isSubset(of: narrative.listItemSentences))
        #expect(sentencesOf("bullet").isSubset(of: narrative.listItemSentences))
        #expect(sentencesOf("own").isSubset(of: narrative.listItemSentences))
        #expect(sentencesOf("first").isDisjoint(with: sentencesOf("bullet")))
        #expect(sentencesOf("paragraph").isDisjoint(with: narrative.listItemSentences))
        #expect(sentencesOf("another").isDisjoint(with: narrative.listItemSentences))
    }
}
