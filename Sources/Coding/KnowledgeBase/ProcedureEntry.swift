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
    /// Steps that are part of this code when done through its approach, at its site, in its
    /// session (docs/knowledge-base.md "includes"): never suggested as further codes beside it.
    public var includes: [IncludedStep]?
    public var typicalDiagnoses: [String]?
    public var globalDays: Int?
    public var notes: [String]?

    enum CodingKeys: String, CodingKey {
        case code, descriptor, summary, anatomy, action, approach, factsStorage = "facts", match, laterality, addOn, unlisted
        case related, includes, typicalDiagnoses, globalDays, notes
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

/// A step that is part of a code (the lateral release of a total knee, the arthrotomy that is the
/// approach of an open fracture treatment, the old implant's removal in a revision): a code, or a
/// procedure kind (an action, optionally on an anatomy tag), and why, in the project's own words.
public struct IncludedStep: Codable, Sendable, Equatable {
    /// The included code ("27425"), or nil when `action` names a kind of procedure.
    public var code: String?
    /// A kind of procedure: every code with this action (and, when given, this anatomy tag).
    public var action: String?
    public var anatomy: String?
    /// Why it is part of the code: "the lateral release balances the patella through the
    /// arthroplasty exposure (NCCI bundles 27425 into 27447)".
    public var reason: String
    /// True when the code's own descriptor names the step, so that a separate incision of the
    /// same limb does not make it a procedure of its own (the fibular osteotomy of a proximal
    /// tibial osteotomy; the tenotomy of a DDH open reduction). Another side or session still does.
    public var anyIncision: Bool?

    public init(code: String? = nil, action: String? = nil, anatomy: String? = nil, reason: String, anyIncision: Bool? = nil) {
        self.code = code
        self.action = action
        self.anatomy = anatomy
        self.reason = reason
        self.anyIncision = anyIncision
    }

    /// Whether the step covers an entry.
    public func covers(_ entry: ProcedureEntry) -> Bool {
        if let code { return entry.code == code }
        guard let action, entry.action == action else { return false }
        return anatomy.map { entry.anatomy.contains($0) } ?? true
    }
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
