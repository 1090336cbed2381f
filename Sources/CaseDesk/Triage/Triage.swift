/// What the desk knows that triage needs; the store implements it, tests use dictionaries.
public protocol TriageLookup {
    func caseID(threadMessageID: String) throws -> String?
    func submitter(caseID: String) throws -> String?
    func casesToday(sender: String) throws -> Int
}

public enum TriageDecision: Sendable, Equatable {
    case machine(MachineMailKind, reason: String)
    /// An answer to a draft. `tokens` are the candidates found (none when an approver answered
    /// without one); `fromApprover` is checked again when the answer is applied.
    case reviewAnswer(tokens: [String], fromApprover: Bool)
    case followUp(caseID: String)
    case newCase
    case overLimit
    case unknownSender(sendNotice: Bool)
    /// No usable From address: nobody to answer, nothing to attribute.
    case noSender
}

public struct TriagePolicy: Sendable {
    public var approvers: [AddressPattern]
    public var allowedSubmitters: [AddressPattern]
    public var unknownSenders: DeskConfiguration.UnknownSenderPolicy
    public var maxCasesPerSenderPerDay: Int
    public var ownDomain: String

    public init(approvers: [AddressPattern], allowedSubmitters: [AddressPattern], unknownSenders: DeskConfiguration.UnknownSenderPolicy,
                maxCasesPerSenderPerDay: Int, ownDomain: String) {
        self.approvers = approvers
        self.allowedSubmitters = allowedSubmitters
        self.unknownSenders = unknownSenders
        self.maxCasesPerSenderPerDay = maxCasesPerSenderPerDay
        self.ownDomain = ownDomain
    }

    /// Failure notices (too large, unreadable) are for the people the desk serves; a stranger
    /// hears from it only when `submitters.unknownSenders` is `notice`.
    public func mayNotify(_ sender: String) -> Bool {
        unknownSenders == .notice || approvers.matchesAny(sender) || allowedSubmitters.matchesAny(sender)
    }

    public init(_ configuration: DeskConfiguration) {
        self.init(approvers: configuration.review.approvers, allowedSubmitters: configuration.submitters.allow,
                  unknownSenders: configuration.submitters.unknownSenders,
                  maxCasesPerSenderPerDay: configuration.limits.maxCasesPerSenderPerDay,
                  ownDomain: configuration.replies.messageIDDomain)
    }
}

/// Decides what a new message is (issue 5, "Triage"), in this order: machine mail first (never
/// answered, whatever else it looks like), then answers to drafts (by token, so a submitter
/// cannot become a reviewer by quoting a subject), then follow-ups on a case from its own
/// submitter, then new cases from allowed senders within the daily limit, then unknown senders.
public enum Triage {
    public static func decide(_ mail: IncomingMail, policy: TriagePolicy, lookup: any TriageLookup) throws -> TriageDecision {
        if let machine = MachineMailDetector.detect(mail, ownDomain: policy.ownDomain) {
            return .machine(machine.kind, reason: machine.reason)
        }
        guard let sender = mail.from else { return .noSender }
        let isApprover = policy.approvers.matchesAny(sender)

        let tokens = ReviewReference.tokens(inReplyTo: mail.inReplyTo, references: mail.references,
                                            subject: mail.subject, domain: policy.ownDomain)
        if !tokens.isEmpty { return .reviewAnswer(tokens: tokens, fromApprover: isApprover) }
        if isApprover, mail.subject.contains("Review:"), CaseTag.caseID(inSubject: mail.subject) != nil {
            return .reviewAnswer(tokens: [], fromApprover: true)
        }

        if let caseID = try followUpCase(mail, lookup: lookup),
           let submitter = try lookup.submitter(caseID: caseID), submitter.lowercased() == sender.lowercased() {
            return try withinLimit(sender, policy: policy, lookup: lookup) ? .followUp(caseID: caseID) : .overLimit
        }

        if policy.allowedSubmitters.matchesAny(sender) {
            return try withinLimit(sender, policy: policy, lookup: lookup) ? .newCase : .overLimit
        }
        return .unknownSender(sendNotice: policy.unknownSenders == .notice)
    }

    /// The case a message continues: a thread Message-ID we know (In-Reply-To first), or the tag.
    static func followUpCase(_ mail: IncomingMail, lookup: any TriageLookup) throws -> String? {
        for messageID in mail.inReplyTo + mail.references.reversed() {
            if let caseID = try lookup.caseID(threadMessageID: messageID) { return caseID }
        }
        return CaseTag.caseID(inSubject: mail.subject)
    }

    static func withinLimit(_ sender: String, policy: TriagePolicy, lookup: any TriageLookup) throws -> Bool {
        try lookup.casesToday(sender: sender) < policy.maxCasesPerSenderPerDay
    }
}

import Foundation
