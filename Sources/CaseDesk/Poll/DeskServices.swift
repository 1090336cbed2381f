import Foundation

/// The coding engine's answer in the desk's own terms (the fields of `suggest --json`), stored
/// with the case as JSON. The desk depends on this shape, not on the engine's types, so the
/// store's JSON stays readable when the engine's internals change.
public struct CaseAnalysis: Codable, Sendable, Equatable {
    public struct Code: Codable, Sendable, Equatable {
        public var code: String
        public var descriptor: String
        public var summary: String
        public var confidence: Double
        public var modifiers: [String]
        public var evidence: [String]
        public init(code: String, descriptor: String, summary: String, confidence: Double, modifiers: [String], evidence: [String]) {
            self.code = code; self.descriptor = descriptor; self.summary = summary
            self.confidence = confidence; self.modifiers = modifiers; self.evidence = evidence
        }
    }
    public struct Alternative: Codable, Sendable, Equatable {
        public var code: String
        public var descriptor: String
        public var reason: String
        public init(code: String, descriptor: String, reason: String) { self.code = code; self.descriptor = descriptor; self.reason = reason }
    }
    public struct Warning: Codable, Sendable, Equatable {
        public var kind: String
        public var message: String
        public var codes: [String]
        public init(kind: String, message: String, codes: [String]) { self.kind = kind; self.message = message; self.codes = codes }
    }
    public struct Query: Codable, Sendable, Equatable {
        public var topic: String
        public var question: String
        public init(topic: String, question: String) { self.topic = topic; self.question = question }
    }

    public var procedures: [Code]
    public var diagnoses: [Code]
    public var alternatives: [Alternative]
    public var warnings: [Warning]
    public var queries: [Query]

    public init(procedures: [Code] = [], diagnoses: [Code] = [], alternatives: [Alternative] = [], warnings: [Warning] = [], queries: [Query] = []) {
        self.procedures = procedures; self.diagnoses = diagnoses; self.alternatives = alternatives
        self.warnings = warnings; self.queries = queries
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func from(json: String?) -> CaseAnalysis? {
        json.flatMap { try? JSONDecoder().decode(CaseAnalysis.self, from: Data($0.utf8)) }
    }
}

/// Narrative in, analysis out (the Coding module in production).
public protocol CaseSuggester: Sendable {
    func analyse(_ narrative: String) -> CaseAnalysis
}

/// An incoming message as the desk needs it: triage headers plus the readable text.
public struct ParsedMail: Sendable {
    public var headers: IncomingMail
    /// The whole readable text (review answers are read from it: quoted draft included).
    public var text: String
    /// Only what the submitter wrote: quotes, history, signatures removed.
    public var narrative: String
    public var date: Date?

    public init(headers: IncomingMail, text: String, narrative: String, date: Date?) {
        self.headers = headers
        self.text = text
        self.narrative = narrative
        self.date = date
    }
}

/// Raw bytes in, `ParsedMail` out (the MIME parser in production). Throws when unreadable.
public protocol MailParsing: Sendable {
    func parse(_ raw: Data, maxBytes: Int) throws -> ParsedMail
}

/// An outgoing message before it becomes RFC 5322 bytes.
public struct OutgoingSpec: Sendable, Equatable {
    public var fromName: String?
    public var fromAddress: String
    public var to: [String]
    public var replyTo: String?
    public var subject: String
    public var date: Date
    public var messageID: String
    public var inReplyTo: [String]
    public var references: [String]
    public var textBody: String
    public var htmlBody: String?
    public var extraHeaders: [HeaderPair]

    public struct HeaderPair: Sendable, Equatable {
        public var name: String
        public var value: String
    }
}

/// `OutgoingSpec` to CRLF bytes (the MIME composer in production).
public protocol MailComposing: Sendable {
    func compose(_ spec: OutgoingSpec) throws -> Data
}
