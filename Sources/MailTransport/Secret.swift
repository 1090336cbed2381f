/// A credential. It never shows itself: not in `print`, string interpolation, `dump` or
/// `debugPrint`, so settings can be logged and errors can carry settings without leaking.
public enum Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    case none
    case password(String)
    case oauth2Token(String)

    public var description: String {
        switch self {
        case .none: "none"
        case .password: "password(<redacted>)"
        case .oauth2Token: "oauth2Token(<redacted>)"
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
