import Testing
@testable import Coding

@Suite struct FeatureLexiconTests {
    /// A blocker made of stop words plus one word ("closed using" → "closed") would silently
    /// block the feature everywhere.
    @Test func blockersAreLongerThanThePhrasesTheyBlock() {
        var compiler = PhraseCompiler(lexicon: Lexicon(abbreviationsTSV: ""))
        for definition in FeatureLexicon.definitions {
            let phrases = Set(definition.phrases.map { compiler.compile($0).keys })
            for blocker in definition.blockers {
                #expect(!phrases.contains(compiler.compile(blocker).keys), "\(definition.feature): blocker '\(blocker)' equals a phrase")
            }
        }
    }

    @Test(arguments: [
        ("pilon fracture, closed reduction", "closed"),
        ("ORIF of the ankle fracture", "open"),
        ("percutaneous pinning of the femoral neck", "percutaneous"),
        ("open fracture of the tibia, closed reduction and splint", "closed"),
        ("fracture treated in a cast", "closed"),
        ("wound closed in layers after plating", "open"),
    ])
    func approachIsDetected(text: String, approach: String) {
        let kb = TestSupport.fixtureKB
        let features = FeatureDetector.detect(kb.analyze(text), features: kb.features)
        #expect(features.effectiveApproach == approach)
    }

    @Test(arguments: [
        ("excision of 4 x 3 cm lipoma", 4.0),
        ("tumor 2.5 cm with 1 cm margin, under 5 cm in all", 2.5),
        ("a 35 mm mass", 3.5),
        ("mass larger than 5 cm: it measured 7cm", 7.0),
    ])
    func lesionSizeIgnoresThresholdsAndMargins(text: String, size: Double) {
        let kb = TestSupport.fixtureKB
        #expect(FeatureDetector.detect(kb.analyze(text), features: kb.features).largestSizeCM == size)
    }
}
