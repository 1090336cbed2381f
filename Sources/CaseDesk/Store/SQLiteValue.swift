import Foundation

/// A value bound to or read from a statement; SQLite's five storage classes.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    var int: Int? { if case .integer(let v) = self { Int(v) } else { nil } }
    var int64: Int64? { if case .integer(let v) = self { v } else { nil } }
    var double: Double? {
        switch self {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
    var string: String? { if case .text(let v) = self { v } else { nil } }
    var data: Data? {
        switch self {
        case .blob(let v): v
        case .text(let v): Data(v.utf8)
        default: nil
        }
    }
    var date: Date? { double.map { Date(timeIntervalSince1970: $0) } }
}

/// Swift values that bind without ceremony.
public protocol SQLiteBindable { var sqliteValue: SQLiteValue { get } }
extension Int: SQLiteBindable { public var sqliteValue: SQLiteValue { .integer(Int64(self)) } }
extension Int64: SQLiteBindable { public var sqliteValue: SQLiteValue { .integer(self) } }
extension UInt32: SQLiteBindable { public var sqliteValue: SQLiteValue { .integer(Int64(self)) } }
extension Double: SQLiteBindable { public var sqliteValue: SQLiteValue { .real(self) } }
extension String: SQLiteBindable { public var sqliteValue: SQLiteValue { .text(self) } }
extension Data: SQLiteBindable { public var sqliteValue: SQLiteValue { .blob(self) } }
extension Bool: SQLiteBindable { public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) } }
extension Date: SQLiteBindable { public var sqliteValue: SQLiteValue { .real(timeIntervalSince1970) } }
extension SQLiteValue: SQLiteBindable { public var sqliteValue: SQLiteValue { self } }
extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
}

/// One result row, read by column name.
public struct SQLiteRow: Sendable {
    let columns: [String: SQLiteValue]
    public subscript(_ name: String) -> SQLiteValue { columns[name] ?? .null }
}
