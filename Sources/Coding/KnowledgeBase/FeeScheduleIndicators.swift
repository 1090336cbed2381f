import Foundation

/// The payment-policy indicators of the CMS Physician Fee Schedule relative value file
/// (`PPRRVU*.csv` in the quarterly RVU zip) that decide how a code is reported: the bilateral
/// surgery indicator (whether modifier 50 applies) and the global period. A deployment names the
/// file so that modifier 50 follows CMS rather than the knowledge-base authors' reading.
///
/// Only the columns `HCPCS`, `MOD`, `BILAT SURG` and `GLOB DAYS` are read; descriptors are not
/// (they are the AMA's). CMS spreads column names over several header lines ("BILAT" above
/// "SURG"), so a column's name is its header cells joined from the title lines down to the line
/// that says `HCPCS`. Rows with a modifier (26, TC, 53) are skipped; a later row for a code
/// replaces an earlier one, so quarterly files can be concatenated in order.
public struct FeeScheduleIndicators: Sendable, Equatable {
    /// `BILAT SURG`.
    public enum Bilateral: Int, Sendable, Equatable {
        /// The 150% bilateral adjustment does not apply: modifier 50 is not for this code.
        case notBilateral = 0
        /// The 150% adjustment applies: both sides in one session are one line with modifier 50.
        case bilateral50 = 1
        /// Already valued as a procedure on both sides.
        case inherentlyBilateral = 2
        /// Each side is paid in full (the usual adjustment does not apply); 50 or RT/LT.
        case eachSideInFull = 3
        /// The concept does not apply to the code.
        case notApplicable = 9

        /// The knowledge base's `laterality` this indicator stands for, given the authors' value
        /// (kept where CMS says nothing about sides: a midline code with indicator 0 stays `none`).
        func laterality(replacing authors: String) -> String {
            switch self {
            case .notBilateral: return authors == "bilateral-50" || authors == "inherent-bilateral" ? "side" : authors
            case .bilateral50, .eachSideInFull: return "bilateral-50"
            case .inherentlyBilateral: return "inherent-bilateral"
            case .notApplicable: return "none"
            }
        }
    }

    public struct Indicators: Sendable, Equatable {
        public var bilateral: Bilateral?
        /// 0, 10 or 90; nil for XXX (not applicable), YYY (set by the contractor), ZZZ (within
        /// another service's global period) and MMM (maternity).
        public var globalDays: Int?
        /// `GLOB DAYS` as written.
        public var globalPeriod: String?
    }

    public let byCode: [String: Indicators]
    /// The file's name, for reports ("CMS fee schedule PPRRVU26_JAN.csv").
    public let file: String

    public init(byCode: [String: Indicators], file: String) {
        self.byCode = byCode
        self.file = file
    }

    private static let globalPeriods: [String: Int?] = ["000": 0, "010": 10, "090": 90, "XXX": nil, "YYY": nil, "ZZZ": nil, "MMM": nil]

    public static func parse(_ data: Data, file: String) throws -> FeeScheduleIndicators {
        let text = String(decoding: data, as: UTF8.self)
        let rows = DelimitedRows.parse(text, separator: separator(of: text.prefix(20_000)))
        func name(_ text: String) -> String { text.uppercased().filter { $0.isLetter || $0.isNumber } }
        guard let headerIndex = rows.firstIndex(where: { $0.fields.contains { name($0) == "HCPCS" } }) else {
            throw KnowledgeBaseError(.malformed, file: file, problem: "no header line with an HCPCS column: not a CMS fee schedule relative value file")
        }
        let headerRows = rows[max(0, headerIndex - 4)...headerIndex]
        let width = rows[headerIndex].fields.count
        let columnNames = (0..<width).map { column in
            name(headerRows.map { $0.fields.indices.contains(column) ? $0.fields[column] : "" }.joined())
        }
        func column(_ wanted: String) throws -> Int {
            guard let index = columnNames.firstIndex(where: { $0.hasSuffix(name(wanted)) }) else {
                throw KnowledgeBaseError(.malformed, file: file, problem: "line \(rows[headerIndex].line): no '\(wanted)' column in the header")
            }
            return index
        }
        let codeColumn = try column("HCPCS")
        let modifierColumn = try column("MOD")
        let bilateralColumn = try column("BILAT SURG")
        let globalColumn = try column("GLOB DAYS")
        var byCode: [String: Indicators] = [:]
        for row in rows[(headerIndex + 1)...] {
            func cell(_ index: Int) -> String {
                row.fields.indices.contains(index) ? row.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            let code = cell(codeColumn).uppercased()
            guard code.count == 5, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), code.contains(where: \.isNumber) else { continue }
            guard cell(modifierColumn).isEmpty else { continue }
            var indicators = Indicators()
            let bilateral = cell(bilateralColumn)
            if !bilateral.isEmpty {
                guard let value = Int(bilateral), let indicator = Bilateral(rawValue: value) else {
                    throw KnowledgeBaseError(.malformed, file: file, entry: code, problem: "line \(row.line): BILAT SURG '\(bilateral)' is not 0, 1, 2, 3 or 9")
                }
                indicators.bilateral = indicator
            }
            let global = cell(globalColumn).uppercased()
            if !global.isEmpty {
                guard let days = globalPeriods[global] else {
                    throw KnowledgeBaseError(.malformed, file: file, entry: code, problem: "line \(row.line): GLOB DAYS '\(global)' is not 000, 010, 090, XXX, YYY, ZZZ or MMM")
                }
                indicators.globalDays = days
                indicators.globalPeriod = global
            }
            byCode[code] = indicators
        }
        return FeeScheduleIndicators(byCode: byCode, file: file)
    }

    /// CMS ships CSV; a spreadsheet export may be tab-separated. The HCPCS header line decides
    /// (descriptors and title lines may hold commas either way).
    private static func separator(of text: Substring) -> Character {
        let header = text.split(whereSeparator: \.isNewline).first { $0.uppercased().contains("HCPCS") } ?? text
        return header.contains("\t") ? "\t" : ","
    }

    /// The entry as this file says it is reported: laterality from the bilateral indicator and
    /// global days from the global period; codes the file does not list are left as they are.
    func applied(to entry: ProcedureEntry) -> ProcedureEntry {
        guard let indicators = byCode[entry.code] else { return entry }
        var entry = entry
        if let bilateral = indicators.bilateral { entry.laterality = bilateral.laterality(replacing: entry.laterality) }
        if indicators.globalPeriod != nil { entry.globalDays = indicators.globalDays }
        return entry
    }
}
