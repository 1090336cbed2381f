import Foundation

/// One labelled narrative of a corpus (JSON Lines; see docs/knowledge-base.md).
public struct EvaluationCase: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    /// Acceptable first-ranked codes; empty = the engine must abstain.
    public var expect: [String]
    public var also: [String]?
    public var tags: [String]?
    public var diagnoses: [String]?
    /// The modifiers the first expected code should carry (`["RT"]`, `["50"]`, `["RT", "LT"]` for two
    /// lines, `["LT", "XS"]`; `[]` when no side applies or the note does not state it, in which
    /// case a code reported by side must come with a laterality query). Order does not matter.
    public var modifiers: [String]?
    /// Modifiers of further codes (`also`), by code: `{"27603": ["RT", "XS"]}`.
    public var alsoModifiers: [String: [String]]?

    /// Reads a JSON Lines corpus; an unreadable line is an error naming the line.
    public static func load(_ url: URL) throws -> [EvaluationCase] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EvaluationError(file: url.path, line: nil, problem: "cannot read: \((error as NSError).localizedDescription)")
        }
        var cases: [EvaluationCase] = []
        let decoder = JSONDecoder()
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            do {
                cases.append(try decoder.decode(EvaluationCase.self, from: Data(trimmed.utf8)))
            } catch {
                throw EvaluationError(file: url.lastPathComponent, line: number + 1, problem: "not a case object with id, text and expect (\(error))")
            }
        }
        return cases
    }
}

public struct EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String
    public var description: String { line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)" }
}
