import Foundation

public enum CaseStatus: String, Sendable, CaseIterable {
    case received, drafted, approved, replied, rejected, failed

    /// A closed case takes no more review answers.
    public var isClosed: Bool { self == .replied || self == .rejected || self == .failed }
}

public struct CaseRecord: Sendable, Equatable {
    public var id: String
    public var submitter: String
    public var replyTo: String
    public var subject: String
    public var messageID: String?
    public var references: [String]
    public var narrative: String
    public var reportJSON: String?
    /// Kinds of patient identifiers seen ("dob", "mrn", …), never the values.
    public var identifiers: [String]
    public var status: CaseStatus
    public var rejectReason: String?
    public var createdAt: Date
    public var updatedAt: Date
}

public struct NewCase: Sendable {
    public var submitter: String
    public var replyTo: String
    public var subject: String
    public var messageID: String?
    public var references: [String]
    public var narrative: String

    public init(submitter: String, replyTo: String, subject: String, messageID: String?, references: [String], narrative: String) {
        self.submitter = submitter
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.references = references
        self.narrative = narrative
    }
}

public enum DraftOutcome: String, Sendable {
    case pending, approved, edited, rejected, superseded
}

public struct DraftRecord: Sendable, Equatable {
    public var id: Int64
    public var caseID: String
    public var version: Int
    public var token: String
    public var messageID: String
    public var replyText: String
    public var replyHTML: String?
    public var followUp: Bool
    public var outcome: DraftOutcome
    public var decidedBy: String?
    public var createdAt: Date
    public var decidedAt: Date?
}

public enum OutboxStatus: String, Sendable { case queued, sent, failed }

public struct OutboxItem: Sendable, Equatable {
    public var id: Int64
    public var messageID: String
    public var caseID: String?
    /// draft, reply, acknowledgement, notice.
    public var kind: String
    public var envelopeFrom: String
    public var recipients: [String]
    public var raw: Data
    public var status: OutboxStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var sentAt: Date?
}

public struct AuditEvent: Sendable, Equatable {
    public var at: Date
    /// Who: an address, "cli:<user>", or "desk" for the daemon itself.
    public var actor: String
    public var action: String
    public var caseID: String?
    /// Ids, counts and reasons; never narrative or body text.
    public var detail: String
}

/// What became of an incoming message (the `messages.outcome` column).
public enum MessageOutcome: String, Sendable {
    case newCase, followUp, reviewAnswer, reviewRefused, machine, bounce, unknownSender, overLimit,
         tooLarge, unreadable, duplicate, notUnderstood
}

public struct SeenMessage: Sendable, Equatable {
    public var id: Int64
    public var mailbox: String
    public var uidValidity: UInt32
    public var uid: UInt32
    public var messageIDHash: String
    public var outcome: MessageOutcome
    public var caseID: String?
    public var serverDone: Bool
    /// Where the message goes on the server once the store has committed: processed or failed.
    public var targetFolder: String?
}
