import CSQLite
import Foundation

/// One SQLite connection. Not shared between threads: `CaseStore` serialises access to it.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String
    private var savepointDepth = 0

    /// Opens (creating with mode 0600 when missing) and configures the database: WAL so a reader
    /// (`cases list`) never blocks the poller, a busy timeout so two writers wait for each other
    /// instead of failing at once, foreign keys on.
    init(path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        self.path = path
        if path != ":memory:" {
            try Self.createPrivately(path)
        }
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError(.cannotOpen, context: "open \(path)", detail: detail)
        }
        handle = db
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(db, 1)
        if path != ":memory:" {
            try switchToWriteAheadLog(within: Double(busyTimeoutMilliseconds) / 1000)
            try execute("PRAGMA synchronous = NORMAL")
        }
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Two processes opening a new store at the same moment (two cron polls) both hold a shared
    /// lock and both want the exclusive one the switch to WAL needs; SQLite breaks that deadlock by
    /// answering one of them SQLITE_BUSY at once, without the busy handler. So the switch is
    /// retried within the busy timeout, and skipped when the other process already made it.
    private func switchToWriteAheadLog(within seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                try execute("PRAGMA journal_mode = WAL")
                return
            } catch let error as StoreError where error.isTemporary && Date() < deadline {
                usleep(UInt32.random(in: 5_000...50_000))
            }
        }
    }

    /// The store holds narratives (patient data, possibly): only the service user may read it.
    /// SQLite gives the -wal and -shm files the database file's mode, so this covers them too.
    private static func createPrivately(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(.cannotOpen, context: "open \(path)", detail: reason)
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    func error(_ rc: Int32, context: String) -> StoreError {
        StoreError.from(resultCode: rc, context: context, detail: String(cString: sqlite3_errmsg(handle)))
    }

    /// Runs SQL with no results and no parameters (schema, pragmas); may hold several statements.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let detail = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            // The statement text names what was attempted; execute() never carries bound values.
            throw StoreError.from(resultCode: rc, context: "execute \(sql.prefix(48))", detail: detail)
        }
    }

    @discardableResult
    func query(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> [SQLiteRow] {
        let statement = try SQLiteStatement(connection: self, sql: sql)
        try statement.bind(values)
        return try statement.rows()
    }

    func run(_ sql: String, _ values: any SQLiteBindable...) throws {
        try query(sql, values)
    }

    func scalar(_ sql: String, _ values: any SQLiteBindable...) throws -> SQLiteValue {
        try query(sql, values).first.map { row in row.columns.values.first ?? .null } ?? .null
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// All-or-nothing. The outermost level is BEGIN IMMEDIATE, taking the write lock up front so
    /// two pollers never both read "next sequence 7" and then collide; nested calls are savepoints.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = savepointDepth
        let name = "sp\(depth)"
        try execute(depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT \(name)")
        savepointDepth += 1
        do {
            let result = try body()
            savepointDepth -= 1
            try execute(depth == 0 ? "COMMIT" : "RELEASE \(name)")
            return result
        } catch {
            savepointDepth -= 1
            try? execute(depth == 0 ? "ROLLBACK" : "ROLLBACK TO \(name); RELEASE \(name)")
            throw error
        }
    }

    /// Opens a transaction that the caller ends with `endOuter(commit:)`: the dry run wraps a
    /// whole cycle in one and rolls it back, so it leaves no trace in the store.
    func beginOuter() throws {
        precondition(savepointDepth == 0, "beginOuter inside a transaction")
        try execute("BEGIN IMMEDIATE")
        savepointDepth = 1
    }

    func endOuter(commit: Bool) throws {
        guard savepointDepth == 1 else { return }
        savepointDepth = 0
        try execute(commit ? "COMMIT" : "ROLLBACK")
    }
}
