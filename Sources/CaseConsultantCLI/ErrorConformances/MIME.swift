import MIME

/// A message that cannot be parsed is bad input data (65): retrying will not help.
extension MIMEError: UserFacingError {
    public var exitCode: ExitCode { .dataError }
    public var userMessage: String {
        if isLimitExceeded {
            return "\(detail); the message was not read (raise the limit only if such mail is expected)"
        }
        return detail
    }
}
