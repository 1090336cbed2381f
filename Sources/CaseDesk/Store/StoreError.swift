import CSQLite

/// Every failure of the case store, from opening the file to a constraint violation.
/// One error path: SQLite result codes become this type in `SQLiteConnection.check`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case cannotOpen
        case busy
        case corrupt
        case constraint
        case schemaTooNew
        case notFound
        case sqlite
    }

    let code: Code
    /// What the store was doing ("open /var/lib/…", "insert case"); never message content.
    public let context: String
    /// SQLite's own explanation, which names tables and constraints but never bound values.
    public let detail: String

    init(_ code: Code, context: String, detail: String = "") {
        self.code = code
        self.context = context
        self.detail = detail
    }

    /// Another process holding the database beyond the busy timeout: try again later.
    public var isTemporary: Bool { code == .busy }
    public var isNotFound: Bool { code == .notFound }
    public var isConfigurationProblem: Bool { code == .cannotOpen || code == .schemaTooNew || code == .corrupt }

    public var description: String {
        detail.isEmpty ? "case store: \(context)" : "case store: \(context): \(detail)"
    }

    static func from(resultCode: Int32, context: String, detail: String) -> StoreError {
        switch resultCode & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED: StoreError(.busy, context: context, detail: detail)
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH: StoreError(.cannotOpen, context: context, detail: detail)
        case SQLITE_CORRUPT, SQLITE_NOTADB: StoreError(.corrupt, context: context, detail: detail)
        case SQLITE_CONSTRAINT: StoreError(.constraint, context: context, detail: detail)
        default: StoreError(.sqlite, context: context, detail: detail)
        }
    }
}
