/// Why the configuration cannot be used; always names the file and, when there is one, the key
/// path, so the fix is obvious from the one line on stderr.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case fileNotFound, unreadable, invalidJSON, invalidValue, missingKey, unknownKey, secretUnavailable, template
    }

    let code: Code
    public let file: String
    public let keyPath: String?
    public let problem: String

    init(_ code: Code, file: String, keyPath: String? = nil, _ problem: String) {
        self.code = code
        self.file = file
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String {
        if let keyPath { return "\(file): \(keyPath): \(problem)" }
        return "\(file): \(problem)"
    }
}
