/// Why the knowledge base could not be loaded: which file, which code, what is wrong.
public struct KnowledgeBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case missingResource
        case unreadable
        case malformed
        case invalidEntry
        case duplicateCode
    }

    public let code: Code
    public let file: String
    public let entry: String?
    public let problem: String

    init(_ code: Code, file: String, entry: String? = nil, problem: String) {
        self.code = code
        self.file = file
        self.entry = entry
        self.problem = problem
    }

    public var description: String {
        if let entry { return "\(file): \(entry): \(problem)" }
        return "\(file): \(problem)"
    }
}

/// A problem that does not stop loading (a related code missing from the knowledge base, an
/// unknown diagnosis prefix); tests require none in the bundled data.
public struct KnowledgeBaseIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let entry: String
    public let problem: String
    public var description: String { "\(file): \(entry): \(problem)" }
}
