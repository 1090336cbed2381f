import Foundation
import Templating

extension DeskService {
    var deskIdentity: TemplateModel.Desk {
        TemplateModel.Desk(name: configuration.smtp.fromName ?? "CaseConsultant", address: configuration.smtp.fromAddress)
    }

    /// A new case from an allowed submitter: stored, analysed, drafted (and acknowledged when
    /// configured). Runs inside the message's transaction.
    func openCase(_ parsed: ParsedMail, uid: UInt32) throws -> CaseRecord {
        let headers = parsed.headers
        let sender = headers.from ?? "unknown"
        let replyTo = headers.replyAddress.flatMap { AddressSyntax.isValid($0) ? $0 : nil } ?? sender
        let record = try store.createCase(NewCase(submitter: sender, replyTo: replyTo, subject: headers.subject,
                                                  messageID: headers.messageID, references: headers.references,
                                                  narrative: parsed.narrative),
                                          at: clock.now(), timeZone: clock.timeZone)
        try store.incrementCounter(sender: sender, day: clock.today(), kind: "case")
        try audit(sender, "case.received", caseID: record.id, "uid=\(uid)")
        let analysed = try draft(record, followUp: false)
        if configuration.replies.acknowledge, try !store.hasBounced(address: replyTo) {
            let fields = TemplateValue.object(TemplateModel.caseValue(analysed, analysis: CaseAnalysis.from(json: analysed.reportJSON) ?? CaseAnalysis(),
                                                                      followUp: false, version: 1, desk: deskIdentity, timeZone: clock.timeZone))
            let text = try dependencies.templates.render("acknowledgement.txt", fields)
            let html = try dependencies.templates.renderIfPresent("acknowledgement.html", fields)
            let spec = messages.acknowledgement(record: analysed, text: text, html: html, at: clock.now())
            try enqueue(spec, kind: "acknowledgement", caseID: record.id)
            try store.addThread(messageID: spec.messageID, caseID: record.id)
            try audit("desk", "acknowledgement.queued", caseID: record.id)
        }
        return analysed
    }

    /// The submitter wrote again about the case: the new text joins the narrative, the case is
    /// analysed again and a new draft (marked follow-up) voids the previous one.
    func followUp(caseID: String, _ parsed: ParsedMail, uid: UInt32) throws {
        guard var record = try store.caseRecord(id: caseID) else { throw DeskError.unknownCase(caseID) }
        let sender = parsed.headers.from ?? "unknown"
        if let messageID = parsed.headers.messageID {
            try store.addThread(messageID: messageID, caseID: caseID)
            // The next reply answers this message, not the first one: the submitter's client then
            // shows it under the follow-up, and References carry the whole conversation.
            let references = Self.threadReferences(earlier: record.references + (record.messageID.map { [$0] } ?? []),
                                                   incoming: parsed.headers.references, inReplyTo: parsed.headers.inReplyTo)
            try store.setReplyTarget(caseID: caseID, messageID: messageID, references: references, at: clock.now())
            record.messageID = messageID
            record.references = references
        }
        try store.incrementCounter(sender: sender, day: clock.today(), kind: "case")
        let stamp = TemplateModel.dateText(clock.now(), timeZone: clock.timeZone)
        record.narrative += "\n\n[Follow-up \(stamp)]\n" + parsed.narrative
        try store.updateAnalysis(caseID: caseID, narrative: record.narrative, reportJSON: record.reportJSON,
                                 identifiers: record.identifiers, at: clock.now())
        try audit(sender, "case.follow-up", caseID: caseID, "uid=\(uid) previous-status=\(record.status.rawValue)")
        _ = try draft(record, followUp: true)
    }

    /// Analyses the narrative, renders the reply and the draft around it, and queues the draft
    /// for the consultants with a fresh single-use token.
    func draft(_ record: CaseRecord, followUp: Bool) throws -> CaseRecord {
        var record = record
        let analysis = dependencies.suggester.analyse(record.narrative)
        record.identifiers = IdentifierDetector.detect(record.narrative).map(\.rawValue)
        record.reportJSON = analysis.json()
        try store.updateAnalysis(caseID: record.id, narrative: record.narrative, reportJSON: record.reportJSON,
                                 identifiers: record.identifiers, at: clock.now())

        let version = (try store.latestDraft(caseID: record.id)?.version ?? 0) + 1
        let token = ReviewToken.make()
        let messageID = ReviewToken.draftMessageID(caseID: record.id, version: version, token: token, domain: configuration.replies.messageIDDomain)
        var fields = TemplateModel.caseValue(record, analysis: analysis, followUp: followUp, version: version,
                                             desk: deskIdentity, timeZone: clock.timeZone)
        let replyText = try dependencies.templates.render("reply.txt", .object(fields))
        let replyHTML = try dependencies.templates.renderIfPresent("reply.html", .object(fields))
        let draft = try store.addDraft(caseID: record.id, token: token, messageID: messageID, replyText: replyText,
                                       replyHTML: replyHTML, followUp: followUp, at: clock.now())
        fields["reply_text"] = .string(replyText)
        fields["token_tag"] = .string(ReviewReference.subjectTag(caseID: record.id, token: token))
        fields["begin_marker"] = .string(ReviewAnswerParser.beginMarker)
        fields["end_marker"] = .string(ReviewAnswerParser.endMarker)
        let body = try dependencies.templates.render("draft.txt", .object(fields))
        try enqueue(messages.draft(record: record, draft: draft, body: body, at: clock.now()), kind: "draft", caseID: record.id)
        try store.setStatus(caseID: record.id, .drafted, at: clock.now())
        record.status = .drafted
        try audit("desk", "draft.queued", caseID: record.id,
                  "version=\(version) follow-up=\(followUp) procedures=\(analysis.procedures.count) identifiers=\(record.identifiers.joined(separator: ","))")
        log.log(.info, "case.drafted", caseID: record.id, counts: ["version": version, "procedures": analysis.procedures.count,
                                                                     "identifiers": record.identifiers.count])
        return record
    }

    /// A notice to the sender of mail we could not take, unless a machine sent it, the address
    /// bounced before, or the sender had today's share of notices (rules 6 and 9).
    /// Returns whether a notice was queued.
    @discardableResult
    func failureNotice(_ headers: IncomingMail, template: String, reason: String) throws -> Bool {
        guard MachineMailDetector.detect(headers, ownDomain: configuration.replies.messageIDDomain) == nil else { return false }
        guard let sender = headers.from, TriagePolicy(configuration).mayNotify(sender) else { return false }
        return try notice(to: headers, template: template, reason: reason)
    }

    /// Returns whether a notice was queued (false: no usable address, bounced, or rate-limited).
    @discardableResult
    func notice(to headers: IncomingMail, template: String, reason: String) throws -> Bool {
        guard let address = headers.replyAddress ?? headers.from, AddressSyntax.isValid(address) else { return false }
        guard try !store.hasBounced(address: address) else { return false }
        let sentToday = try store.counter(sender: address, day: clock.today(), kind: "notice")
        guard sentToday < configuration.limits.maxNoticesPerSenderPerDay else {
            log.log(.info, "notice.rate-limited", counts: ["today": sentToday])
            return false
        }
        try store.incrementCounter(sender: address, day: clock.today(), kind: "notice")
        let fields: TemplateValue = .object([
            "desk": .object(["name": .string(deskIdentity.name), "address": .string(deskIdentity.address)]),
            "subject": .string(OutgoingMessages.cleanSubject(headers.subject)),
            "reason": .string(reason),
            "limit": .string(Self.byteText(configuration.limits.maxMessageBytes)),
            "case": .object(["id": .string(CaseTag.caseID(inSubject: headers.subject) ?? "")]),
        ])
        let text = try dependencies.templates.render(template, fields)
        let subject = "Re: " + OutgoingMessages.cleanSubject(headers.subject)
        try enqueue(messages.notice(to: address, subject: subject, inReplyTo: headers.messageID, text: text, at: clock.now()),
                    kind: "notice", caseID: nil)
        try audit("desk", "notice.queued", caseID: nil, "template=\(template)")
        return true
    }

    /// References of a message answering `incoming`: its own References when it has them (the
    /// submitter's view of the thread, our replies included), else what we knew plus In-Reply-To.
    /// Kept to the first and the latest ones, as RFC 5322 allows, so a long thread stays short.
    static func threadReferences(earlier: [String], incoming: [String], inReplyTo: [String]) -> [String] {
        var seen = Set<String>()
        let all = (incoming.isEmpty ? earlier + inReplyTo : incoming).filter { seen.insert($0).inserted }
        guard all.count > 20 else { return all }
        return [all[0]] + all.suffix(19)
    }

    static func byteText(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(bytes / 1_024) KB"
    }
}
