import Testing
@testable import Coding

@Suite struct ICD10CMTests {
    let kb = TestSupport.fixtureKB

    @Test func countsEveryBillableCode() {
        // The April 2026 tabular as converted by scripts/convert-icd10cm.py.
        #expect(kb.billableDiagnosisCount == 74_719)
    }

    @Test(arguments: [
        ("S72.001A", true), ("S72001A", true), ("s72.001a", true), ("S72.001", false), ("S72.0", false),
        ("S32.9XXA", true), ("S32.9A", false), ("T79.A21A", true), ("M16.11", true), ("M16.1", false),
        ("Q65.02", true), ("T84.53XA", true), ("S82.851C", true), ("S82.851Z", false), ("Z99.99", false),
    ])
    func codesAreCheckedAgainstTheTabular(code: String, billable: Bool) {
        #expect((kb.diagnosis(code)?.billable ?? false) == billable)
    }

    @Test func seventhCharacterCodesCarryTheirMeaning() throws {
        let entry = try #require(kb.diagnosis("S82.842B"))
        #expect(entry.description == "Displaced bimalleolar fracture of left lower leg, initial encounter for open fracture type I or II")
    }

    @Test func notesComeWithTheCode() throws {
        let entry = try #require(kb.diagnosis("S72.00"))
        #expect(entry.inclusionTerms.contains("Fracture of hip NOS"))
        #expect(!entry.billable && !entry.needsSeventhCharacter)
    }
}
