/// The parts of an incoming message that triage looks at: headers only, never the body, so
/// triage can be tested with a few lines and cannot leak a narrative.
public struct IncomingMail: Sendable, Equatable {
    /// The From address (first one), validated; nil when missing or unusable.
    public var from: String?
    public var replyTo: String?
    public var subject: String
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// Lowercased top-level type: "multipart/report" marks a delivery report.
    public var mimeType: String
    /// Every header by lowercased name, values unfolded.
    public var headers: [String: [String]]

    public init(from: String?, replyTo: String? = nil, subject: String, messageID: String?, inReplyTo: [String] = [],
                references: [String] = [], mimeType: String = "text/plain", headers: [String: [String]] = [:]) {
        self.from = from
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.mimeType = mimeType
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()]?.first }
    public func has(_ name: String) -> Bool { headers[name.lowercased()] != nil }

    /// Where an answer to this message goes: Reply-To, else From.
    public var replyAddress: String? { replyTo ?? from }
}
