import Foundation

/// One NCCI procedure-to-procedure edit: `column2` is not separately reportable with `column1`
/// unless the modifier indicator allows a modifier and the documentation supports it.
public struct PTPEdit: Sendable, Equatable {
    public enum ModifierIndicator: Int, Sendable {
        /// No modifier can break the pair.
        case notAllowed = 0
        /// 59 / XE / XS / XP / XU may break the pair when the documentation supports it.
        case allowed = 1
        /// The edit no longer applies.
        case notApplicable = 9
    }

    public var column1: String
    public var column2: String
    /// "*" in the CMS file: the edit existed before 1996.
    public var existedBefore1996: Bool
    public var effective: String      // YYYYMMDD
    public var deletion: String?      // YYYYMMDD, nil when the file says "*"
    public var modifier: ModifierIndicator
    public var rationale: String

    /// Active on a date written YYYYMMDD (string order is date order).
    public func isActive(on date: String) -> Bool {
        guard modifier != .notApplicable, effective <= date else { return false }
        if let deletion { return date < deletion }
        return true
    }
}

/// NCCI PTP edits in the layout of the CMS quarterly practitioner files (tab-separated text,
/// exported from the CMS spreadsheets): column 1, column 2, "*" existence prior to 1996,
/// effective date, deletion date ("*" = none), modifier indicator 0/1/9, PTP edit rationale.
/// Header and title lines (anything whose first column is not a code) are skipped.
public struct NCCIEdits: Sendable {
    public let edits: [PTPEdit]
    /// What the file says it is; the bundled sample says SAMPLE so nobody mistakes it for CMS data.
    public let label: String
    private let byPair: [String: [Int]]

    public init(edits: [PTPEdit], label: String) {
        self.edits = edits
        self.label = label
        var byPair: [String: [Int]] = [:]
        for (index, edit) in edits.enumerated() { byPair[edit.column1 + "|" + edit.column2, default: []].append(index) }
        self.byPair = byPair
    }

    public static func parse(_ data: Data, file: String) throws -> NCCIEdits {
        let text = String(decoding: data, as: UTF8.self)
        var edits: [PTPEdit] = []
        var label = ""
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.hasPrefix("#") {
                if label.isEmpty { label = line.dropFirst().trimmingCharacters(in: .whitespaces) }
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = fields.first, first.count == 5, first.allSatisfy({ $0.isLetter || $0.isNumber }),
                  first.contains(where: \.isNumber) else { continue }
            guard fields.count >= 6 else {
                throw KnowledgeBaseError(.malformed, file: file, entry: first, problem: "line \(lineNumber): expected at least 6 tab-separated columns, found \(fields.count)")
            }
            guard let indicatorValue = Int(fields[5]), let indicator = PTPEdit.ModifierIndicator(rawValue: indicatorValue) else {
                throw KnowledgeBaseError(.malformed, file: file, entry: first, problem: "line \(lineNumber): modifier indicator '\(fields[5])' is not 0, 1 or 9")
            }
            for date in [fields[3]] + (fields[4] == "*" || fields[4].isEmpty ? [] : [fields[4]]) where date.count != 8 || Int(date) == nil {
                throw KnowledgeBaseError(.malformed, file: file, entry: first, problem: "line \(lineNumber): date '\(date)' is not YYYYMMDD")
            }
            edits.append(PTPEdit(
                column1: first, column2: fields[1], existedBefore1996: fields[2] == "*",
                effective: fields[3], deletion: fields[4] == "*" || fields[4].isEmpty ? nil : fields[4],
                modifier: indicator, rationale: fields.count > 6 ? fields[6] : ""))
        }
        return NCCIEdits(edits: edits, label: label)
    }

    /// Active edits between two codes, in either column order.
    public func edits(between a: String, and b: String, on date: String) -> [PTPEdit] {
        let indices = (byPair[a + "|" + b] ?? []) + (byPair[b + "|" + a] ?? [])
        return indices.map { edits[$0] }.filter { $0.isActive(on: date) }
    }
}
