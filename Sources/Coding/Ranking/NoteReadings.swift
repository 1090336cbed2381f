/// What the scorer asks of the whole note for every candidate of a kind (each fracture or
/// dislocation treatment scanned every token again): pure functions of the note's tokens, read
/// once per ranking, when first asked.
final class NoteReadings {
    let narrative: AnalyzedNarrative
    init(_ narrative: AnalyzedNarrative) { self.narrative = narrative }
    lazy var namesInjury = ProcedureScorer.namesInjury(narrative)
    lazy var dislocationOnly = ProcedureScorer.dislocationOnly(narrative)
    lazy var onlyTendonsDislocated = ProcedureScorer.onlyTendonsDislocated(narrative)
}
