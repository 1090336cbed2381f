import Foundation
import Testing
@testable import MIME

/// Thousands of corpus messages mutated with a seeded PRNG (byte flips, deletions, duplicated
/// ranges, truncation, inserted boundary and header fragments): each parse must end in a
/// Message or a MIMEError, within a bounded time.
@Suite struct MutationTests {
    @Test func mutatedCorpusNeverCrashesOrHangs() throws {
        let corpus = try Fixtures.names.map { [UInt8](try Fixtures.message($0)) }
        var random = SeededRandom(seed: 20_250_303)
        let fragments: [[UInt8]] = ["\r\n--", "\r\n\r\n", "=?utf-8?B?", "Content-Type: multipart/mixed; boundary=x\r\n", "--x\r\n",
                                    "=\r\n", "<", "&#", "\u{0}", "Content-Transfer-Encoding: base64\r\n", ">", "\r\n "].map { Array($0.utf8) }
        let clock = ContinuousClock()
        let start = clock.now
        var parsed = 0, rejected = 0
        for iteration in 0..<3_000 {
            var bytes = corpus[iteration % corpus.count]
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...200, using: &random)))
                case 2:
                    let end = min(bytes.count, position + Int.random(in: 1...300, using: &random))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                case 3: bytes.removeSubrange(position...)
                case 4: bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: position)
                default: bytes[position] = [0x0D, 0x0A, 0x3D, 0x2D, 0x3A, 0x3F][Int.random(in: 0..<6, using: &random)]
                }
            }
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
