/// One CPT code of the knowledge base, in the format of docs/knowledge-base.md.
/// Descriptor and summary are the project's own words, never the AMA's text.
public struct ProcedureEntry: Codable, Sendable, Equatable {
    public var code: String
    public var descriptor: String
    public var summary: String
    public var anatomy: [String]
    public var action: String
    public var approach: String
    /// Optional in the files: an entry whose code needs no fact omits the key.
    public var facts: [String: FactValue] {
        get { factsStorage ?? [:] }
        set { factsStorage = newValue }
    }
    private var factsStorage: [String: FactValue]?
    public var match: MatchRule
    public var laterality: String
    public var addOn: Bool?
    public var unlisted: Bool?
    public var related: [RelatedCode]?
    public var typicalDiagnoses: [String]?
    public var globalDays: Int?
    public var notes: [String]?

    enum CodingKeys: String, CodingKey {
        case code, descriptor, summary, anatomy, action, approach, factsStorage = "facts", match, laterality, addOn, unlisted
        case related, typicalDiagnoses, globalDays, notes
    }

    public var isAddOn: Bool { addOn ?? false }
    public var isUnlisted: Bool { unlisted ?? false }
}

/// How a narrative is recognised: every `all` group present, `any` groups add support,
/// any `none` phrase present (affirmed) rules the entry out.
public struct MatchRule: Codable, Sendable, Equatable {
    public var all: [[String]]?
    public var any: [[String]]?
    public var none: [String]?
}

public struct RelatedCode: Codable, Sendable, Equatable {
    public var code: String
    public var preferWhen: String
    /// Extension: true when the related code is reported together with this one (a companion,
    /// e.g. the syndesmosis with a bimalleolar fracture), not instead of it.
    public var together: Bool?

    /// A companion, by the `together` flag or by how `preferWhen` is worded ("report both",
    /// "report separately", "(report 27358 in addition)").
    public var isCompanion: Bool {
        if let together { return together }
        // Byte search: this runs for every related link at load time.
        let text = Array(preferWhen.utf8).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        return Self.companionWording.contains { needle in
            guard needle.count <= text.count else { return false }
            return (0...(text.count - needle.count)).contains { start in text[start..<(start + needle.count)].elementsEqual(needle) }
        }
    }

    private static let companionWording: [[UInt8]] = [
        "report both", "reported separately", "report separately", "report it separately", "coded separately",
        "in addition)", "report in addition", "reported in addition", "also report", "report the fixator", "(report",
    ].map { Array($0.utf8) }
}

/// A fact a code requires or rules out. The format allows booleans, strings, numbers and
/// arrays of names (compartments), so the value keeps whichever the author wrote.
public enum FactValue: Codable, Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case string(String)
    case number(Double)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String].self) {
            self = .list(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a fact is a boolean, a string, a number or an array of strings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded() { try container.encode(Int(value)) } else { try container.encode(value) }
        case .list(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .bool(let value): String(value)
        case .string(let value): value
        case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .list(let value): value.joined(separator: ", ")
        }
    }
}
