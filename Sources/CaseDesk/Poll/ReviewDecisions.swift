import Foundation
import Templating

public enum ReviewResult: Sendable, Equatable {
    case applied(caseID: String, action: String)
    case notUnderstood(caseID: String?, reason: String)
    case refused(caseID: String?, reason: String)
}

extension DeskService {
    /// An emailed answer: only from an approver, only with the current draft's unused token.
    func reviewAnswer(tokens: [String], fromApprover: Bool, _ parsed: ParsedMail, uid: UInt32) throws -> ReviewResult {
        let sender = parsed.headers.from ?? "unknown"
        let drafts = try tokens.compactMap { try store.draft(token: $0) }
        guard let draft = drafts.first else {
            let caseID = CaseTag.caseID(inSubject: parsed.headers.subject)
            let reason = tokens.isEmpty ? "the answer carries no review token" : "the review token is unknown"
            return try refuse(caseID: caseID, actor: sender, reason: reason, notify: fromApprover ? parsed.headers : nil)
        }
        guard fromApprover else {
            // A spoofed or misdirected answer: audited, never acknowledged to its sender.
            return try refuse(caseID: draft.caseID, actor: sender, reason: "sender is not an approver", notify: nil)
        }
        return try apply(ReviewAnswerParser.parse(parsed.text), to: draft, actor: sender, channel: "email", notify: parsed.headers)
    }

    /// `caseconsultant cases approve|reject`: the same decision on the case's latest draft,
    /// attributed to the shell user, audited the same way.
    public func decideFromShell(caseID: String, answer: ReviewAnswer, actor: String) throws -> ReviewResult {
        try store.transaction {
            guard try store.caseRecord(id: caseID) != nil else { throw DeskError.unknownCase(caseID) }
            guard let draft = try store.latestDraft(caseID: caseID) else {
                throw DeskError.invalidState("case \(caseID) has no draft yet")
            }
            let result = try apply(answer, to: draft, actor: actor, channel: "shell", notify: nil)
            if case .refused(_, let reason) = result { throw DeskError.invalidState("case \(caseID): \(reason)") }
            return result
        }
    }

    func apply(_ answer: ReviewAnswer, to draft: DraftRecord, actor: String, channel: String, notify: IncomingMail?) throws -> ReviewResult {
        guard let record = try store.caseRecord(id: draft.caseID) else { throw DeskError.unknownCase(draft.caseID) }
        guard !record.status.isClosed else {
            return try refuse(caseID: record.id, actor: actor, reason: "the case is closed (\(record.status.rawValue))", notify: notify)
        }
        guard draft.outcome == .pending else {
            let reason = draft.outcome == .superseded ? "a newer draft replaced this one" : "this draft was already answered"
            return try refuse(caseID: record.id, actor: actor, reason: reason, notify: notify)
        }
        switch answer {
        case .approve(let block):
            let edited = block.map { ReviewAnswerParser.isEdited($0, comparedTo: draft.replyText) } ?? false
            let text = edited ? block! : draft.replyText
            guard try store.decideDraft(id: draft.id, outcome: edited ? .edited : .approved, by: actor, at: clock.now()) else {
                return try refuse(caseID: record.id, actor: actor, reason: "this draft was already answered", notify: notify)
            }
            try store.setStatus(caseID: record.id, .approved, at: clock.now())
            let spec = messages.finalReply(record: record, text: text, html: edited ? nil : draft.replyHTML, at: clock.now())
            try enqueue(spec, kind: "reply", caseID: record.id)
            try store.addThread(messageID: spec.messageID, caseID: record.id)
            let action = edited ? "review.approved-edited" : "review.approved"
            try audit(actor, action, caseID: record.id, "version=\(draft.version) via=\(channel)")
            log.log(.info, action, caseID: record.id, counts: ["version": draft.version])
            return .applied(caseID: record.id, action: action)
        case .reject(let reason):
            guard try store.decideDraft(id: draft.id, outcome: .rejected, by: actor, at: clock.now()) else {
                return try refuse(caseID: record.id, actor: actor, reason: "this draft was already answered", notify: notify)
            }
            try store.setStatus(caseID: record.id, .rejected, rejectReason: reason, at: clock.now())
            try audit(actor, "review.rejected", caseID: record.id, "version=\(draft.version) via=\(channel) reason=\(reason)")
            log.log(.info, "review.rejected", caseID: record.id, counts: ["version": draft.version])
            return .applied(caseID: record.id, action: "review.rejected")
        case .notUnderstood(let reason):
            try audit(actor, "review.not-understood", caseID: record.id, "version=\(draft.version) via=\(channel)")
            log.log(.warning, "review.not-understood", caseID: record.id)
            if let notify { try notice(to: notify, template: "notice-not-understood.txt", reason: reason) }
            return .notUnderstood(caseID: record.id, reason: reason)
        }
    }

    /// The case does not move; the refusal is audited, and an approver hears why.
    private func refuse(caseID: String?, actor: String, reason: String, notify: IncomingMail?) throws -> ReviewResult {
        try audit(actor, "review.refused", caseID: caseID, reason)
        log.log(.warning, "review.refused", caseID: caseID, reason: reason)
        if let notify { try notice(to: notify, template: "notice-not-understood.txt", reason: reason) }
        return .refused(caseID: caseID, reason: reason)
    }
}
