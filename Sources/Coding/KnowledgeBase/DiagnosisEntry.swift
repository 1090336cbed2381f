/// One ICD-10-CM code (or category) from the tabular list; a code built with a 7th character
/// carries the description of its base code plus the meaning of the character.
public struct DiagnosisEntry: Sendable, Equatable {
    public var code: String
    public var description: String
    /// True only for codes that can be reported as they are.
    public var billable: Bool
    /// The code needs a 7th character (so it is not billable as written).
    public var needsSeventhCharacter: Bool
    public var inclusionTerms: [String]
    public var excludes1: [String]
    public var excludes2: [String]
}
