import Testing
@testable import Coding

@Suite struct NormalizationTests {
    @Test(arguments: [
        ("ORIF L ankle fx", "open reduction internal fixation left ankle fracture"),
        ("I&D R thigh abscess", "incision and drainage right thigh abscess"),
        ("i & d of hip", "incision and drainage of hip"),
        ("crpp w/o complications", "closed reduction percutaneous pinning without complications"),
        ("s/p THA, now TKA b/l", "status post total hip arthroplasty now total knee arthroplasty bilateral"),
        ("IMN tib shaft fx", "intramedullary nail tibial shaft fracture"),
        ("CMN for IT fx", "cephalomedullary nail for intertrochanteric fracture"),
        ("SHS subtroch", "sliding hip screw subtrochanteric"),
        ("bimal vs trimal", "bimalleolar vs trimalleolar"),
        ("MUA of knee", "manipulation under anesthesia of knee"),
        ("ex fix applied", "external fixation applied"),
        ("non-displaced fem neck fx", "nondisplaced femoral neck fracture"),
        ("UKA rt knee", "unicompartmental knee arthroplasty right knee"),
        ("post mal not fixed", "posterior malleolus not fixed"),
        ("pt didn't need reduction", "patient did not need reduction"),
        // A pronoun's contraction keeps its words: joined, "we'll" read as "well" and "she'll" as an
        // acetabular "shell", and no future cue reached them. A possessive stays one word.
        ("we'll fix it Tuesday", "we will fix it tuesday"),
        ("she'll need a nail", "she will need a nail"),
        ("they\u{2019}re going to", "they are going to"),
        ("can't reduce it", "can not reduce it"),
        ("the patient's hip", "the patients hip"),
        // The British "#" for a fracture, not the number sign or a heading mark.
        ("NOF # L, hemi", "hip fracture fracture left hemiarthroplasty"),
        ("pelvic #s, stairs, # coccyx", "pelvic fractures stairs fracture coccyx"),
        ("#NOF", "fracture hip fracture"),
        ("closed with #2 Vicryl and Ethibond # 5", "closed with 2 vicryl and ethibond 5"),
        ("# Left hip", "left hip"),
        ("hip relocated, manoeuvre", "hip reduced maneuver"),
        // Dictated full stops are sentence ends, not words; a span of time stays a word.
        ("fibula period the wound", "fibula the wound"),
        ("fibula full stop wound", "fibula wound"),
        ("the postoperative period was uneventful", "the postoperative period was uneventful"),
        ("a period of immobilization", "a period of immobilization"),
        ("bilat IT #s", "bilateral intertrochanteric fractures"),
        ("bilateral TKAs, total hips", "bilateral total knee arthroplasties total hip arthroplasties"),
        // Typography: no-break spaces, dashes, curly quotes, signs and bullets are punctuation.
        ("femoral shaft\u{A0}#, 16\u{A0}cm", "femoral shaft fracture 16 cm"),
        ("ORIF\u{2014}fibula, 2\u{D7}4.0\u{A0}mm screws", "open reduction internal fixation fibula 2 x 4.0 mm screws"),
        ("ROM 0\u{2013}20\u{B0}, \u{2018}left alone\u{2019}", "rom 0 20 untouched"),
        ("\u{201C}didn\u{2019}t need reduction\u{201D} \u{2022} hip", "did not need reduction hip"),
    ])
    func abbreviationsExpand(input: String, expected: String) {
        let words = TestSupport.fixtureKB.analyze(input).tokens.map(\.text).joined(separator: " ")
        #expect(words == expected)
    }

    @Test func evidenceQuotesTheOriginalWords() {
        let narrative = TestSupport.fixtureKB.analyze("Left ORIF of the ankle.")
        let first = narrative.tokens.firstIndex { $0.text == "open" }!
        let last = narrative.tokens.firstIndex { $0.text == "fixation" }!
        #expect(narrative.quote(first, last) == "ORIF")
    }

    @Test(arguments: [("bimaleolar", "bimalleolar"), ("gluteall", "gluteal"), ("bimallleolar", "bimalleolar")])
    func longMisspellingsAreCorrected(typed: String, known: String) {
        #expect(TestSupport.fixtureKB.analyze("\(typed) repair").tokens.first?.text == known)
    }

    @Test(arguments: ["placed", "gluteus", "fixed"])
    func shortOrKnownWordsAreLeftAlone(word: String) {
        #expect(TestSupport.fixtureKB.analyze(word).tokens.first?.text == word)
    }

    @Test func editDistanceCountsSwapsAsOne() {
        #expect(Vocabulary.editDistance(Array("fractrue".utf8), Array("fracture".utf8), limit: 2) == 1)
        #expect(Vocabulary.editDistance(Array("abc".utf8), Array("xyz".utf8), limit: 1) == 2)
    }

    @Test(arguments: [
        ("Posterior compartments of the leg were released.", "fasciotomy", true),
        ("The compartments were not released.", "fasciotomy", true),
        ("Compartment pressures were measured.", "fasciotomy", false),
        ("Necrotic soleus was excised.", "debrided", true),
        // The fascia opened in a sentence about the muscle beneath: a fasciotomy, affirmed like its
        // action word though a later word of the sentence is negated.
        ("We opened the fascia and found the minimus dead, didn't twitch.", "fasciotomy", true),
        ("The fascia lata was incised in line with the skin incision.", "fasciotomy", false),
    ])
    func clauseConceptsAreAdded(text: String, concept: String, present: Bool) {
        let tokens = TestSupport.fixtureKB.analyze(text).tokens
        #expect(tokens.contains { $0.text == concept } == present)
        if text.contains("not") { #expect(tokens.first { $0.text == concept }?.negated == true) }
        if text.contains("didn't") { #expect(tokens.first { $0.text == concept }?.negated == false) }
    }
}
