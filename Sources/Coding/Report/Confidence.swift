import Foundation

/// Turns a winner's score and its lead over the nearest neighbour into a probability-like
/// confidence. The constants are fitted on the tuning corpora (docs/coding.md) so that
/// suggestions at 0.9 or more are right at least 95% of the time.
enum Confidence {
    static let marginWeight = 1.1
    static let strengthWeight = 0.35
    static let strengthCenter = 3.0

    static func of(score: Double, runnerUp: Double?) -> Double {
        let margin = runnerUp.map { score - $0 } ?? score
        let x = marginWeight * margin + strengthWeight * (score - strengthCenter)
        let value = 1 / (1 + exp(-x))
        return (value * 100).rounded() / 100
    }
}
