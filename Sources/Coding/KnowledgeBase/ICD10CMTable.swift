import Foundation

/// The ICD-10-CM tabular list as converted by scripts/convert-icd10cm.py.
///
/// Loading is on the start-up path of every command, so the file is kept as bytes: one pass
/// finds the tab offsets of each row, and only the code column becomes a String (the index key).
/// Descriptions and notes are decoded when a row is asked for.
final class ICD10CMTable: Sendable {
    private let bytes: [UInt8]
    /// Seven offsets per row: the start of each of the six columns, then the end of the line.
    private let offsets: [Int32]
    let codes: [String]
    private let rowByCode: [String: Int]
    /// 7th-character definitions, keyed by the code where the tabular writes them.
    private let seventh: [String: [(character: Character, meaning: String)]]

    private static let columns = 6

    init(table: [UInt8], seventhCharacters: [UInt8], file: String) throws {
        bytes = table
        var offsets: [Int32] = []
        var codes: [String] = []
        offsets.reserveCapacity(48_000 * 7)
        codes.reserveCapacity(48_000)
        var index = 0
        let count = table.count
        var lineNumber = 0
        while index < count {
            lineNumber += 1
            let lineStart = index
            if table[index] == UInt8(ascii: "#") {
                while index < count, table[index] != 10 { index += 1 }
                index += 1
                continue
            }
            offsets.append(Int32(lineStart))
            var found = 1
            while index < count, table[index] != 10 {
                if table[index] == 9 {
                    if found < Self.columns { offsets.append(Int32(index + 1)) }
                    found += 1
                }
                index += 1
            }
            guard found == Self.columns else {
                throw KnowledgeBaseError(.malformed, file: file, problem: "line \(lineNumber) has \(found) columns, expected \(Self.columns)")
            }
            offsets.append(Int32(index + 1))
            let codeEnd = Int(offsets[offsets.count - 6]) - 1
            codes.append(String(decoding: table[lineStart..<codeEnd], as: UTF8.self))
            index += 1
        }
        self.offsets = offsets
        self.codes = codes
        var rowByCode: [String: Int] = [:]
        rowByCode.reserveCapacity(codes.count)
        for (row, code) in codes.enumerated() where rowByCode[code] == nil {
            rowByCode[code] = row
        }
        self.rowByCode = rowByCode

        var seventh: [String: [(character: Character, meaning: String)]] = [:]
        let text = String(decoding: seventhCharacters, as: UTF8.self)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let character = fields[1].first else {
                throw KnowledgeBaseError(.malformed, file: file, problem: "7th-character line '\(line)' needs three columns")
            }
            seventh[String(fields[0]), default: []].append((character, String(fields[2])))
        }
        self.seventh = seventh
    }

    var rowCount: Int { codes.count }

    private func field(_ row: Int, _ column: Int) -> String {
        let start = Int(offsets[row * 7 + column])
        let end = Int(offsets[row * 7 + column + 1]) - 1
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }

    private func list(_ row: Int, _ column: Int) -> [String] {
        let value = field(row, column)
        return value.isEmpty ? [] : value.components(separatedBy: " | ")
    }

    func kind(row: Int) -> String { field(row, 1) }
    func description(row: Int) -> String { field(row, 2) }

    func row(of code: String) -> Int? { rowByCode[code] }

    /// Accepts "S72001A", "s72.001a", "S72.001A"; returns the dotted, upper-case form.
    static func canonical(_ raw: String) -> String {
        let plain = raw.uppercased().filter { $0 != "." && !$0.isWhitespace }
        guard plain.count > 3 else { return plain }
        return String(plain.prefix(3)) + "." + String(plain.dropFirst(3))
    }

    func entry(row: Int) -> DiagnosisEntry {
        let kind = kind(row: row)
        return DiagnosisEntry(
            code: codes[row], description: description(row: row), billable: kind == "B",
            needsSeventhCharacter: kind.hasPrefix("7"),
            inclusionTerms: list(row, 3), excludes1: list(row, 4), excludes2: list(row, 5))
    }

    /// A code of the tabular, or a code built from a base that takes a 7th character.
    func entry(_ raw: String) -> DiagnosisEntry? {
        let code = Self.canonical(raw)
        if let row = rowByCode[code] { return entry(row: row) }
        let plain = code.filter { $0 != "." }
        guard plain.count == 7, let character = plain.last else { return nil }
        var base = String(code.dropLast())
        while base.hasSuffix("X") { base.removeLast() }
        if base.hasSuffix(".") { base.removeLast() }
        guard let row = rowByCode[base] else { return nil }
        // The placeholder X must pad exactly to six characters.
        let padded = (base.contains(".") ? base : base + ".").padding(toLength: 7, withPad: "X", startingAt: 0)
        guard padded + String(character) == code else { return nil }
        let kind = kind(row: row)
        guard kind.hasPrefix("7") else { return nil }
        if kind.count > 1, !kind.dropFirst().contains(character) { return nil }
        guard let meaning = seventhCharacters(for: base).first(where: { $0.character == character })?.meaning else { return nil }
        var result = entry(row: row)
        result.code = code
        result.description += ", " + meaning
        result.billable = true
        result.needsSeventhCharacter = false
        return result
    }

    /// The 7th characters a code takes: the definition of its nearest ancestor that has one.
    func seventhCharacters(for code: String) -> [(character: Character, meaning: String)] {
        var current = code
        while !current.isEmpty {
            if let definition = seventh[current] { return definition }
            current.removeLast()
            if current.hasSuffix(".") { current.removeLast() }
        }
        return []
    }

    /// The 7th character's code for a base: pads with X and appends.
    func withSeventh(_ base: String, _ character: Character) -> String {
        let padded = (base.contains(".") ? base : base + ".").padding(toLength: 7, withPad: "X", startingAt: 0)
        return padded + String(character)
    }

    /// Rows of the codes under `stem` (itself included), which follow it in tabular order.
    func rows(under stem: String) -> Range<Int> {
        guard let start = rowByCode[stem] else { return 0..<0 }
        var end = start + 1
        while end < codes.count, codes[end].hasPrefix(stem) { end += 1 }
        return start..<end
    }
}

extension ICD10CMTable {
    /// True when a row is, or starts with, `prefix` ("S72.0", "T79.A", "M16").
    func hasCode(withPrefix prefix: String) -> Bool {
        if row(of: prefix) != nil { return true }
        var trimmed = prefix
        while trimmed.hasSuffix("-") || trimmed.hasSuffix(".") { trimmed.removeLast() }
        if row(of: trimmed) != nil { return true }
        return entry(trimmed) != nil || codes.contains { $0.hasPrefix(trimmed) }
    }
}
