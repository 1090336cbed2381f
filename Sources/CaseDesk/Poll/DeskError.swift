/// Failures of the desk itself (not of a module it uses): the lock, templates, a case that
/// cannot take the asked-for decision. `CaseConsultantCLI` maps `kind` to an exit status.
public struct DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another poll holds the lock (exit 75).
        case locked
        /// Templates missing or broken (exit 78).
        case templates
        /// No such case (exit 65).
        case unknownCase
        /// The case cannot take this decision now: closed, no pending draft (exit 65).
        case invalidState
        /// Some outgoing mail could not be delivered now and waits in the outbox (exit 75).
        case deliveryDeferred
        /// A message could not be composed (exit 70).
        case composition
    }

    public let kind: Kind
    public let message: String

    public var description: String { message }

    static func locked(_ path: String) -> DeskError {
        DeskError(kind: .locked, message: "another poll is running (lock \(path) is held); try again later")
    }
    static func templates(_ detail: String) -> DeskError { DeskError(kind: .templates, message: "templates: \(detail)") }
    static func unknownCase(_ id: String) -> DeskError { DeskError(kind: .unknownCase, message: "no case \(id) (see 'caseconsultant cases list')") }
    static func invalidState(_ detail: String) -> DeskError { DeskError(kind: .invalidState, message: detail) }
    static func deferred(_ count: Int, lastError: String) -> DeskError {
        DeskError(kind: .deliveryDeferred, message: "\(count) message(s) could not be sent now (\(lastError)); they stay in the outbox for the next poll")
    }
    static func composition(_ detail: String) -> DeskError { DeskError(kind: .composition, message: "cannot compose a message: \(detail)") }
}
