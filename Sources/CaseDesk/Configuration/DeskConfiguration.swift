import Coding
import Foundation

/// The validated configuration (DESIGN.md, "Configuration"). Paths are absolute: relative ones
/// in the file are resolved against the directory that holds the config file, so a cron job
/// started from any directory reads the same files.
public struct DeskConfiguration: Sendable {
    public struct Mailbox: Sendable {
        public var url: String
        public var username: String?
        public var secret: SecretSource?
        public var processedFolder: String
        public var failedFolder: String
        public var processedKeyword: String
    }

    public struct SMTP: Sendable {
        public var url: String
        public var username: String?
        public var secret: SecretSource?
        /// As written: `CaseConsultant <cases@example.com>`.
        public var from: String
        public var fromAddress: String
        public var fromName: String?
    }

    public struct Review: Sendable {
        public var draftTo: [String]
        public var approvers: [AddressPattern]
    }

    public enum UnknownSenderPolicy: String, Sendable { case ignore, notice }

    public struct Submitters: Sendable {
        public var allow: [AddressPattern]
        public var unknownSenders: UnknownSenderPolicy
    }

    public struct TLS: Sendable {
        public var caFile: String?
        /// Only for a server on 127.0.0.1/::1/localhost: allow imap:// and smtp:// without STARTTLS.
        public var allowPlaintextLoopback: Bool
    }

    public struct Limits: Sendable {
        public var maxMessageBytes: Int
        public var maxCasesPerSenderPerDay: Int
        public var maxNoticesPerSenderPerDay: Int
    }

    public struct Replies: Sendable {
        public var acknowledge: Bool
        public var messageIDDomain: String
        public var timeZone: TimeZone
    }

    public struct Outbox: Sendable {
        public var maxAttempts: Int
        public var retryInitialSeconds: Int
        public var retryMaxSeconds: Int
    }

    public struct Timeouts: Sendable {
        public var connectSeconds: Int
        public var idleSeconds: Int
    }

    public struct Daemon: Sendable {
        public var intervalSeconds: Int
        public var lockWaitSeconds: Int
    }

    public var mailbox: Mailbox
    public var smtp: SMTP
    public var review: Review
    public var submitters: Submitters
    public var storePath: String
    public var templatesDirectory: String
    public var tls: TLS
    public var limits: Limits
    public var replies: Replies
    public var outbox: Outbox
    public var timeouts: Timeouts
    public var daemon: Daemon
    /// The deployment's coding data (`coding`: CPT files, the CMS NCCI file, the CMS fee
    /// schedule file); nil when the section is absent, and the environment variables the command
    /// line reads apply instead.
    public var codingFiles: KnowledgeBaseFiles?
    /// The file this came from, for messages.
    public var sourceFile: String

    /// The `coding` section, else the environment variables (`CASECONSULTANT_CPT_FILES`, …).
    public func knowledgeBaseFiles(environment: [String: String]) -> KnowledgeBaseFiles {
        codingFiles ?? .from(environment: environment)
    }

    /// The lock file that keeps overlapping cron runs apart: next to the store.
    public var lockPath: String { storePath + ".lock" }
}
