import Testing
@testable import Coding

/// Every code of the knowledge base must be reachable: some tuning narrative ranks it first.
/// A code that nothing ranks first is either mis-described in its entry or missing from the
/// corpora; either way a coder could never get it.
@Suite struct ReachabilityTests {
    @Test func everyCodeIsRankedFirstBySomeNarrative() throws {
        let engine = TestSupport.bundledEngine
        var reached: Set<String> = []
        for (_, cases) in try TestSupport.tuningCorpora() {
            for item in cases {
                let report = engine.suggest(item.text)
                if let first = report.procedures.first?.code { reached.insert(first) }
                // A further procedure of a multi-procedure case is reached too.
                for code in report.procedures.dropFirst().map(\.code) where item.also?.contains(code) == true { reached.insert(code) }
            }
        }
        let unreachable = engine.knowledgeBase.procedures.map(\.code).filter { !reached.contains($0) }
        #expect(unreachable.isEmpty, "unreachable (\(unreachable.count)): \(unreachable.joined(separator: " "))")
    }
}
