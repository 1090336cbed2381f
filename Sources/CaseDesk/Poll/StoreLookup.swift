/// Triage's view of the store.
struct StoreLookup: TriageLookup {
    let store: CaseStore
    let day: String

    func caseID(threadMessageID: String) throws -> String? { try store.caseID(threadMessageID: threadMessageID) }
    func submitter(caseID: String) throws -> String? { try store.caseRecord(id: caseID)?.submitter }
    func casesToday(sender: String) throws -> Int { try store.counter(sender: sender, day: day, kind: "case") }
}
