import Coding

// A broken knowledge base (bundled or a deployment's override file) is a configuration
// problem: nothing the person at the shell typed will fix it.
extension KnowledgeBaseError: UserFacingError {
    public var exitCode: ExitCode { .configuration }
    public var userMessage: String { "knowledge base: \(description); fix the file (format in docs/knowledge-base.md)" }
}

// A corpus line that is not a case is bad input data.
extension EvaluationError: UserFacingError {
    public var exitCode: ExitCode { .dataError }
    public var userMessage: String { "\(description)" }
}
