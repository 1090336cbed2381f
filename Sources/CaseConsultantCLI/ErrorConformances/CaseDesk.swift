import CaseDesk

/// Configuration problems are fixed in the config file (78).
extension ConfigurationError: UserFacingError {
    public var exitCode: ExitCode { .configuration }
    public var userMessage: String { description }
}

/// A busy store is "try again later" (75); an unusable file is configuration (78).
extension StoreError: UserFacingError {
    public var exitCode: ExitCode {
        if isTemporary { return .temporaryFailure }
        if isConfigurationProblem { return .configuration }
        if isNotFound { return .dataError }
        return .software
    }
    public var userMessage: String { description + (isConfigurationProblem ? " (check store.path)" : "") }
}

extension DeskError: UserFacingError {
    public var exitCode: ExitCode {
        switch kind {
        case .locked, .deliveryDeferred: .temporaryFailure
        case .templates: .configuration
        case .unknownCase, .invalidState: .dataError
        case .composition: .software
        }
    }
    public var userMessage: String { message }
}
