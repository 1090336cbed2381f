/// Why a message could not be parsed or composed. Modelled on swift-service-lifecycle's error
/// structs: a private code so new cases do not break callers' exhaustive switches, plus context
/// (which limit, what value) for the one line a person reads.
public struct MIMEError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case limitExceeded
        case invalidAddress
        case invalidHeader
        case invalidMessageID
        case emptyMessage
    }

    /// The limits a parse can run into; `MIMEError.limit` names one.
    public enum Limit: String, Sendable, Hashable {
        case totalBytes = "total size"
        case headerCount = "header count"
        case headerBytes = "header size"
        case depth = "MIME nesting depth"
        case partCount = "MIME part count"
    }

    private let code: Code
    /// Which limit was exceeded, for `limitExceeded` errors.
    public let limit: Limit?
    /// What was wrong, in words fit for a log or a terminal. Never contains a message body.
    public let detail: String

    private init(code: Code, limit: Limit? = nil, detail: String) {
        self.code = code
        self.limit = limit
        self.detail = detail
    }

    public var isLimitExceeded: Bool { code == .limitExceeded }
    public var isInvalidAddress: Bool { code == .invalidAddress }

    public var description: String { detail }

    static func limitExceeded(_ limit: Limit, actual: Int, allowed: Int) -> MIMEError {
        MIMEError(code: .limitExceeded, limit: limit,
                  detail: "message exceeds the \(limit.rawValue) limit (\(actual) > \(allowed))")
    }

    static func invalidAddress(_ address: String) -> MIMEError {
        MIMEError(code: .invalidAddress, detail: "invalid email address '\(sanitizedForDisplay(address))'")
    }

    static func invalidHeader(_ name: String, reason: String) -> MIMEError {
        MIMEError(code: .invalidHeader, detail: "invalid header '\(sanitizedForDisplay(name))': \(reason)")
    }

    static func invalidMessageID(_ id: String) -> MIMEError {
        MIMEError(code: .invalidMessageID, detail: "invalid Message-ID '\(sanitizedForDisplay(id))'")
    }

    static var emptyMessage: MIMEError {
        MIMEError(code: .emptyMessage, detail: "the message is empty")
    }

    /// Error text goes to terminals and logs: control characters from hostile input must not.
    private static func sanitizedForDisplay(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
        return cleaned.count > 80 ? String(cleaned.prefix(80)) + "…" : cleaned
    }
}
