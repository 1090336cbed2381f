import Foundation
import MailTransport

/// Where a processed message ends up and what the store recorded about it.
public struct MessageDisposition: Sendable {
    public var outcome: MessageOutcome
    public var caseID: String?
    public var reason: String?
    public var failed: Bool
}

extension DeskService {
    func processMailbox(_ summary: inout PollSummary, dryRun: Bool) throws {
        let session = try dependencies.mailbox.open()
        defer { session.close() }
        let identity = session.identity
        let status = try session.status()
        if let known = try store.uidValidity(mailbox: identity), known != status.uidValidity {
            // Rule 1: UIDs restart; the Message-ID hashes keep old mail from becoming new cases.
            log.log(.warning, "mailbox.uidvalidity-changed", counts: ["old": Int(known), "new": Int(status.uidValidity)])
            try audit("desk", "mailbox.uidvalidity-changed", caseID: nil, "old=\(known) new=\(status.uidValidity)")
        }
        try store.setUIDValidity(status.uidValidity, mailbox: identity, at: clock.now())

        // Processed mail leaves the folder, so everything still listed is new or unfinished.
        for uid in try session.uids(after: 0) {
            if stop.isRequested {
                summary.stoppedEarly = true
                log.log(.info, "poll.stopping", uid: uid)
                break
            }
            try processMessage(uid: uid, uidValidity: status.uidValidity, session: session, summary: &summary, dryRun: dryRun)
        }
    }

    private func processMessage(uid: UInt32, uidValidity: UInt32, session: any MailboxSession, summary: inout PollSummary, dryRun: Bool) throws {
        let identity = session.identity
        if let seen = try store.seenMessage(mailbox: identity, uidValidity: uidValidity, uid: uid) {
            // Committed before a crash or a failed move: only the server step is left (rule 2).
            if !seen.serverDone, let folder = seen.targetFolder {
                finishOnServer(session: session, uid: uid, rowID: seen.id, folder: folder, dryRun: dryRun)
            }
            return
        }
        summary.messages += 1
        let size = try session.messageSize(uid: uid)
        let (rowID, disposition): (Int64, MessageDisposition)
        if size > configuration.limits.maxMessageBytes {
            // Only the header is fetched: an over-limit message would sit whole in memory only to
            // be refused, but its sender should hear why (rule 9).
            let header = try session.fetchHeader(uid: uid)
            (rowID, disposition) = try refuseOversize(header: header, size: size, mailbox: identity, uidValidity: uidValidity, uid: uid)
        } else {
            let raw = try session.fetch(uid: uid)
            (rowID, disposition) = try ingest(raw: raw, size: max(size, raw.count), mailbox: identity, uidValidity: uidValidity, uid: uid)
        }
        count(disposition, into: &summary)
        let folder = disposition.failed ? configuration.mailbox.failedFolder : configuration.mailbox.processedFolder
        finishOnServer(session: session, uid: uid, rowID: rowID, folder: folder, dryRun: dryRun)
    }

    /// Keyword, then move; recorded as done only after both worked. A failure leaves the message
    /// where it is, already committed, and the next poll finishes the job.
    private func finishOnServer(session: any MailboxSession, uid: UInt32, rowID: Int64, folder: String, dryRun: Bool) {
        guard !dryRun else { return }
        do {
            try session.addFlags([configuration.mailbox.processedKeyword], uid: uid)
            try session.move(uid: uid, to: folder)
            try store.markServerDone(messageRowID: rowID)
            log.log(.info, "message.moved", uid: uid, reason: folder)
        } catch {
            log.log(.warning, "message.move-failed", uid: uid, reason: String(describing: error))
        }
    }

    private func count(_ disposition: MessageDisposition, into summary: inout PollSummary) {
        switch disposition.outcome {
        case .newCase: summary.newCases += 1
        case .followUp: summary.followUps += 1
        case .reviewAnswer, .reviewRefused, .notUnderstood: summary.reviewAnswers += 1
        case .tooLarge, .unreadable: summary.failed += 1
        default: summary.ignored += 1
        }
    }

    /// Takes one raw message all the way to a store commit (poll and `ingest` share this):
    /// triage, case, suggestion, draft, outbox, audit, and the `messages` row, in one transaction.
    public func ingest(raw: Data, size: Int, mailbox: String, uidValidity: UInt32, uid: UInt32?) throws -> (Int64, MessageDisposition) {
        let peek = HeaderPeek.headers(raw)
        let hash = HeaderPeek.hash(messageID: peek.messageID, raw: raw)
        let now = clock.now()
        return try store.transaction {
            let uid = try uid ?? store.nextIngestUID(mailbox: mailbox)
            let disposition = try dispose(raw: raw, size: size, peek: peek, hash: hash, uid: uid)
            let folder = disposition.failed ? configuration.mailbox.failedFolder : configuration.mailbox.processedFolder
            let rowID = try store.recordMessage(mailbox: mailbox, uidValidity: uidValidity, uid: uid, hash: hash, sender: peek.from,
                                                outcome: disposition.outcome, caseID: disposition.caseID, reason: disposition.reason,
                                                targetFolder: folder, at: now)
            log.log(disposition.failed ? .warning : .info, "message.\(disposition.outcome.rawValue)", caseID: disposition.caseID, uid: uid,
                    counts: ["bytes": size], reason: disposition.reason)
            return (rowID, disposition)
        }
    }

    /// An over-limit message known by its size and its header block only (the body is never
    /// fetched): keyed on its Message-ID like any other message, answered with the rate-limited
    /// too-large notice unless a machine sent it (rules 4, 6, 9), and bound for the failed folder
    /// with the reason recorded (rule 3). Nothing of the message itself is stored.
    func refuseOversize(header: Data, size: Int, mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> (Int64, MessageDisposition) {
        let limit = configuration.limits.maxMessageBytes
        // A header block is a whole message with an empty body to the MIME parser. One it cannot
        // read still usually names its sender: the lenient peek then decides whom to tell.
        let headers: IncomingMail
        let parsedHeader: Bool
        do {
            headers = try dependencies.parser.parse(header, maxBytes: MailboxHeaderLimit.maxBytes).headers
            parsedHeader = true
        } catch {
            headers = HeaderPeek.headers(header)
            parsedHeader = false
        }
        let hash = HeaderPeek.hash(messageID: headers.messageID, raw: header)
        let reason = "\(size) bytes > limit \(limit) (body not fetched)"
        return try store.transaction {
            let noticed: Bool
            let why: String
            if try store.seenMessage(hash: hash) != nil {
                // The same mail again (re-delivered, or listed again after a UIDVALIDITY change):
                // its sender was already told once.
                (noticed, why) = (false, "duplicate")
            } else if let machine = MachineMailDetector.detect(headers, ownDomain: configuration.replies.messageIDDomain) {
                (noticed, why) = (false, "machine:\(machine.kind.rawValue)")
            } else if headers.from == nil {
                (noticed, why) = (false, "no-sender")
            } else if let sender = headers.from, !TriagePolicy(configuration).mayNotify(sender) {
                (noticed, why) = (false, "unknown-sender")
            } else {
                noticed = try notice(to: headers, template: "notice-too-large.txt", reason: "larger than \(limit) bytes")
                why = noticed ? "sent" : "limited"
            }
            try audit(headers.from ?? "unknown", "message.too-large", caseID: nil,
                      "uid=\(uid) bytes=\(size) fetched=header-only header=\(parsedHeader ? "parsed" : "peeked") notice=\(why)")
            let rowID = try store.recordMessage(mailbox: mailbox, uidValidity: uidValidity, uid: uid, hash: hash, sender: headers.from,
                                                outcome: .tooLarge, caseID: nil, reason: reason,
                                                targetFolder: configuration.mailbox.failedFolder, at: clock.now())
            log.log(.warning, "message.tooLarge", uid: uid, counts: ["bytes": size, "limit": limit, "notice": noticed ? 1 : 0], reason: why)
            return (rowID, MessageDisposition(outcome: .tooLarge, caseID: nil, reason: reason, failed: true))
        }
    }

    private func dispose(raw: Data, size: Int, peek: IncomingMail, hash: String, uid: UInt32) throws -> MessageDisposition {
        if let earlier = try store.seenMessage(hash: hash) {
            return MessageDisposition(outcome: .duplicate, caseID: earlier.caseID, reason: "same Message-ID as an earlier message", failed: false)
        }
        let limit = configuration.limits.maxMessageBytes
        if size > limit {
            try failureNotice(peek, template: "notice-too-large.txt", reason: "larger than \(limit) bytes")
            try audit(peek.from ?? "unknown", "message.too-large", caseID: nil, "uid=\(uid) bytes=\(size)")
            return MessageDisposition(outcome: .tooLarge, caseID: nil, reason: "\(size) bytes > limit \(limit)", failed: true)
        }
        let parsed: ParsedMail
        do {
            parsed = try dependencies.parser.parse(raw, maxBytes: limit)
        } catch {
            try failureNotice(peek, template: "notice-unreadable.txt", reason: "the message could not be read")
            try audit(peek.from ?? "unknown", "message.unreadable", caseID: nil, "uid=\(uid)")
            return MessageDisposition(outcome: .unreadable, caseID: nil, reason: String(describing: error), failed: true)
        }
        let decision = try Triage.decide(parsed.headers, policy: TriagePolicy(configuration), lookup: StoreLookup(store: store, day: clock.today()))
        let sender = parsed.headers.from ?? "unknown"
        switch decision {
        case .machine(let kind, let reason):
            if kind == .bounce { try recordBounces(parsed) }
            try audit(sender, "message.machine", caseID: nil, "uid=\(uid) kind=\(kind.rawValue) reason=\(reason)")
            return MessageDisposition(outcome: kind == .bounce ? .bounce : .machine, caseID: nil, reason: reason, failed: false)
        case .noSender:
            try audit("unknown", "message.no-sender", caseID: nil, "uid=\(uid)")
            return MessageDisposition(outcome: .unreadable, caseID: nil, reason: "no usable From address", failed: true)
        case .unknownSender(let sendNotice):
            if sendNotice { try notice(to: parsed.headers, template: "notice-unknown-sender.txt", reason: "sender not on the allowed list") }
            try audit(sender, "message.unknown-sender", caseID: nil, "uid=\(uid) notice=\(sendNotice)")
            return MessageDisposition(outcome: .unknownSender, caseID: nil, reason: nil, failed: false)
        case .overLimit:
            try audit(sender, "message.over-daily-limit", caseID: nil, "uid=\(uid) limit=\(configuration.limits.maxCasesPerSenderPerDay)")
            return MessageDisposition(outcome: .overLimit, caseID: nil, reason: "daily limit reached", failed: false)
        case .newCase:
            let record = try openCase(parsed, uid: uid)
            return MessageDisposition(outcome: .newCase, caseID: record.id, reason: nil, failed: false)
        case .followUp(let caseID):
            try followUp(caseID: caseID, parsed, uid: uid)
            return MessageDisposition(outcome: .followUp, caseID: caseID, reason: nil, failed: false)
        case .reviewAnswer(let tokens, let fromApprover):
            let result = try reviewAnswer(tokens: tokens, fromApprover: fromApprover, parsed, uid: uid)
            switch result {
            case .applied(let caseID, _): return MessageDisposition(outcome: .reviewAnswer, caseID: caseID, reason: nil, failed: false)
            case .notUnderstood(let caseID, let why): return MessageDisposition(outcome: .notUnderstood, caseID: caseID, reason: why, failed: false)
            case .refused(let caseID, let why): return MessageDisposition(outcome: .reviewRefused, caseID: caseID, reason: why, failed: false)
            }
        }
    }

    /// Addresses a delivery report says failed (rule 6): best effort from the report's text.
    private func recordBounces(_ parsed: ParsedMail) throws {
        for line in parsed.text.split(separator: "\n") {
            let lowered = line.lowercased()
            guard lowered.hasPrefix("final-recipient:") || lowered.hasPrefix("original-recipient:") else { continue }
            if let address = line.split(separator: ";").last.map({ $0.trimmingCharacters(in: .whitespaces) }), AddressSyntax.isValid(address) {
                try store.recordBounce(address: address, at: clock.now())
            }
        }
    }
}

extension DeskService {
    /// `caseconsultant ingest`: one message handed over by an MTA, processed like a polled one
    /// (under the same lock, so it never races a poll's outbox round), then the outbox.
    public func ingestAndDeliver(_ raw: Data) throws -> PollSummary {
        let lock = try PollLock(path: configuration.lockPath, waitSeconds: Double(configuration.daemon.lockWaitSeconds))
        defer { withExtendedLifetime(lock) {} }
        var summary = PollSummary()
        summary.messages = 1
        let (_, disposition) = try ingest(raw: raw, size: raw.count, mailbox: "ingest", uidValidity: 0, uid: nil)
        switch disposition.outcome {
        case .newCase: summary.newCases = 1
        case .followUp: summary.followUps = 1
        case .reviewAnswer, .reviewRefused, .notUnderstood: summary.reviewAnswers = 1
        case .tooLarge, .unreadable: summary.failed = 1
        default: summary.ignored = 1
        }
        if disposition.failed { summary.lastFailure = disposition.reason ?? disposition.outcome.rawValue }
        deliverOutbox(&summary, dryRun: false)
        return summary
    }
}
