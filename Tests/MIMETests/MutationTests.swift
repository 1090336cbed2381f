import Foundation
import MIMEMutation
import Testing
@testable import MIME

/// Thousands of corpus messages mutated with a seeded PRNG (byte flips, deletions, duplicated
/// ranges, truncation, inserted boundary and header fragments): each parse must end in a
/// Message or a MIMEError, within a bounded time.
@Suite struct MutationTests {
    @Test func mutatedCorpusNeverCrashesOrHangs() throws {
        let corpus = try Fixtures.names.map { [UInt8](try Fixtures.message($0)) }
        var random = SeededRandom(seed: 20_250_303)
        let clock = ContinuousClock()
        let start = clock.now
        var parsed = 0, rejected = 0
        for iteration in 0..<3_000 {
            let bytes = MessageMutator.mutate(corpus[iteration % corpus.count], using: &random)
            do {
                let message = try MessageParser.parse(bytes)
                _ = message.narrative.count
                parsed += 1
            } catch is MIMEError {
                rejected += 1
            }
            if clock.now - start > .seconds(120) { Issue.record("mutation run exceeded its time bound at \(iteration)"); break }
        }
        #expect(parsed + rejected >= 3_000)
        #expect(parsed > rejected)
    }
}
