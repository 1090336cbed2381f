import CSQLite
import Foundation

/// A prepared statement. Like GRDB, the statement owns its handle and finalizes it in deinit,
/// so no code path (early return, thrown error) can leak one and keep the database locked.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection
    let sql: String

    init(connection: SQLiteConnection, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw connection.error(rc, context: "prepare")
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ values: [any SQLiteBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value.sqliteValue {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, csqlite_transient())
            case .blob(let v):
                rc = v.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), csqlite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw connection.error(rc, context: "bind") }
        }
    }

    /// Runs to completion and returns every row.
    func rows() throws -> [SQLiteRow] {
        var result: [SQLiteRow] = []
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw connection.error(rc, context: "step") }
            result.append(currentRow())
        }
        sqlite3_reset(handle)
        return result
    }

    private func currentRow() -> SQLiteRow {
        var columns: [String: SQLiteValue] = [:]
        for column in 0..<sqlite3_column_count(handle) {
            let name = String(cString: sqlite3_column_name(handle, column))
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: columns[name] = .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: columns[name] = .real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT: columns[name] = .text(String(cString: sqlite3_column_text(handle, column)))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, column))
                if let bytes = sqlite3_column_blob(handle, column), count > 0 {
                    columns[name] = .blob(Data(bytes: bytes, count: count))
                } else {
                    columns[name] = .blob(Data())
                }
            default: columns[name] = .null
            }
        }
        return SQLiteRow(columns: columns)
    }
}
