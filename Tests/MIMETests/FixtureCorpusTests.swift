import Foundation
import Testing
@testable import MIME

/// Every fixture's narrative matches the expectation written next to it.
@Suite struct FixtureCorpusTests {
    @Test func corpusHasAtLeastSixtyMessages() {
        #expect(Fixtures.names.count >= 60)
    }

    @Test(arguments: Fixtures.names)
    func narrativeMatchesExpectation(_ name: String) throws {
        let message = try MessageParser.parse(try Fixtures.message(name))
        let expected = Fixtures.normalized(try Fixtures.expectedNarrative(name))
        #expect(Fixtures.normalized(message.narrative) == expected, "\(name)")
    }
}
