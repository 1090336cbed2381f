import Foundation
import MailTransport

extension DeskService {
    /// Sends what is due. A temporary failure (server down, timeout) reschedules with exponential
    /// backoff and stops the round, since the next message would fail the same way; a permanent
    /// one (every recipient refused, invalid address) marks the row undeliverable.
    func deliverOutbox(_ summary: inout PollSummary, dryRun: Bool) {
        let due: [OutboxItem]
        do { due = try store.dueOutbox(at: clock.now()) } catch {
            log.log(.error, "outbox.unreadable", reason: String(describing: error))
            return
        }
        for (index, item) in due.enumerated() {
            if stop.isRequested { summary.stoppedEarly = true; break }
            if dryRun {
                log.log(.info, "outbox.would-send.\(item.kind)", caseID: item.caseID, counts: ["recipients": item.recipients.count])
                summary.sent += 1
                continue
            }
            do {
                let report = try dependencies.sender.send(OutgoingMail(envelopeFrom: item.envelopeFrom, recipients: item.recipients, data: item.raw))
                try store.transaction {
                    try store.markSent(outboxID: item.id, at: clock.now())
                    if item.kind == "reply", let caseID = item.caseID {
                        try store.setStatus(caseID: caseID, .replied, at: clock.now())
                    }
                    try audit("desk", "\(item.kind).sent", caseID: item.caseID, "recipients=\(report.accepted.count)")
                    for (address, _) in report.refused.sorted(by: { $0.key < $1.key }) {
                        try store.recordBounce(address: address, at: clock.now())
                        try audit("desk", "\(item.kind).recipient-refused", caseID: item.caseID)
                    }
                }
                summary.sent += 1
                log.log(.info, "outbox.sent.\(item.kind)", caseID: item.caseID, counts: ["accepted": report.accepted.count, "refused": report.refused.count])
            } catch {
                let message = String(describing: error)
                let temporary = (error as? MailTransportError)?.isTemporary ?? !(error is DeskError)
                if temporary, item.attempts + 1 < configuration.outbox.maxAttempts {
                    let delay = Self.backoff(attempts: item.attempts, initial: configuration.outbox.retryInitialSeconds, maximum: configuration.outbox.retryMaxSeconds)
                    try? store.markAttemptFailed(outboxID: item.id, error: message, nextAttemptAt: clock.now().addingTimeInterval(delay))
                    summary.deferred += due.count - index
                    summary.lastDeferredError = message
                    log.log(.warning, "outbox.deferred", caseID: item.caseID, counts: ["attempts": item.attempts + 1, "waiting": due.count - index], reason: message)
                    break
                }
                try? store.transaction {
                    try store.markUndeliverable(outboxID: item.id, error: message)
                    try audit("desk", "\(item.kind).undeliverable", caseID: item.caseID, message)
                }
                summary.undeliverable += 1
                log.log(.error, "outbox.undeliverable", caseID: item.caseID, reason: message)
            }
        }
    }

    /// initial × 2^attempts, capped.
    static func backoff(attempts: Int, initial: Int, maximum: Int) -> Double {
        Double(min(maximum, initial * (1 << min(attempts, 20))))
    }
}
