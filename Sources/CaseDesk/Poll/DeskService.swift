import Foundation
import MailTransport

/// Everything the desk uses from outside, injected: tests pass a Maildir, a directory outbox, a
/// fixed clock; production passes IMAP, SMTP and the system clock.
public struct DeskDependencies: Sendable {
    public var configuration: DeskConfiguration
    public var store: CaseStore
    public var templates: DeskTemplates
    public var suggester: any CaseSuggester
    public var parser: any MailParsing
    public var composer: any MailComposing
    public var mailbox: any Mailbox
    public var sender: any MailSender
    public var clock: DeskClock
    public var log: EventLog

    public init(configuration: DeskConfiguration, store: CaseStore, templates: DeskTemplates, suggester: any CaseSuggester,
                parser: any MailParsing, composer: any MailComposing, mailbox: any Mailbox, sender: any MailSender,
                clock: DeskClock, log: EventLog) {
        self.configuration = configuration
        self.store = store
        self.templates = templates
        self.suggester = suggester
        self.parser = parser
        self.composer = composer
        self.mailbox = mailbox
        self.sender = sender
        self.clock = clock
        self.log = log
    }
}

/// What one poll did; the command turns it into an exit status and the daemon into a log line.
public struct PollSummary: Sendable, Equatable {
    public var messages = 0
    public var newCases = 0
    public var followUps = 0
    public var reviewAnswers = 0
    public var ignored = 0
    public var failed = 0
    public var sent = 0
    public var deferred = 0
    public var undeliverable = 0
    public var lastDeferredError: String?
    /// Why a message could not be taken (too large, unreadable, no sender): `ingest` has no
    /// failed folder, so it hands the message back to the MTA with this reason.
    public var lastFailure: String?
    public var stoppedEarly = false

    public init() {}
}

/// The case desk: poll, triage, draft, review, reply. Sendable so the daemon can hand it to the
/// signal handler's queue; the store serialises its own access and the rest is immutable.
public final class DeskService: Sendable {
    public let dependencies: DeskDependencies
    public let stop: StopSignal

    var configuration: DeskConfiguration { dependencies.configuration }
    var store: CaseStore { dependencies.store }
    var clock: DeskClock { dependencies.clock }
    var log: EventLog { dependencies.log }
    var messages: OutgoingMessages { OutgoingMessages(configuration: configuration) }

    public init(_ dependencies: DeskDependencies, stop: StopSignal = StopSignal()) {
        self.dependencies = dependencies
        self.stop = stop
    }

    /// One cycle, under the poll lock: new mail, then the outbox. A dry run works on a scratch
    /// transaction that is rolled back and sends nothing, moves nothing, flags nothing.
    public func pollOnce(dryRun: Bool = false, lockWaitSeconds: Double? = nil) throws -> PollSummary {
        let lock = try PollLock(path: configuration.lockPath, waitSeconds: lockWaitSeconds ?? Double(configuration.daemon.lockWaitSeconds))
        defer { withExtendedLifetime(lock) {} }
        if dryRun { try store.beginScratch() }
        defer { if dryRun { store.discardScratch() } }

        var summary = PollSummary()
        log.log(.info, dryRun ? "poll.start.dry-run" : "poll.start")
        var mailboxError: (any Error)?
        do {
            try processMailbox(&summary, dryRun: dryRun)
        } catch {
            mailboxError = error
            log.log(.error, "mailbox.failed", reason: String(describing: error))
        }
        if !stop.isRequested {
            deliverOutbox(&summary, dryRun: dryRun)
        }
        log.log(.info, "poll.done", counts: ["messages": summary.messages, "cases": summary.newCases, "followups": summary.followUps,
                                             "answers": summary.reviewAnswers, "ignored": summary.ignored, "failed": summary.failed,
                                             "sent": summary.sent, "deferred": summary.deferred, "undeliverable": summary.undeliverable])
        if let mailboxError { throw mailboxError }
        return summary
    }

    func audit(_ actor: String, _ action: String, caseID: String?, _ detail: String = "") throws {
        try store.audit(actor: actor, action: action, caseID: caseID, detail: detail, at: clock.now())
    }

    func enqueue(_ spec: OutgoingSpec, kind: String, caseID: String?) throws {
        let raw: Data
        do {
            raw = try dependencies.composer.compose(spec)
        } catch {
            throw DeskError.composition(String(describing: error))
        }
        try store.enqueue(messageID: spec.messageID, caseID: caseID, kind: kind, envelopeFrom: configuration.smtp.fromAddress,
                          recipients: spec.to, raw: raw, at: clock.now())
    }
}
