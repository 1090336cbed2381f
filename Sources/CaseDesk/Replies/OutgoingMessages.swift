import Foundation

/// Addressing, subjects and labels of everything the desk sends (DESIGN.md review protocol and
/// rule 5). Pure: the bodies come rendered; this decides who, what subject, which thread.
struct OutgoingMessages {
    let configuration: DeskConfiguration

    var domain: String { configuration.replies.messageIDDomain }

    /// Our loop header and X-Auto-Response-Suppress on everything; Auto-Submitted on everything a
    /// person did not approve.
    func labels(automatic: Bool) -> [OutgoingSpec.HeaderPair] {
        var headers = [OutgoingSpec.HeaderPair(name: MachineMailDetector.loopHeader, value: domain),
                       OutgoingSpec.HeaderPair(name: "X-Auto-Response-Suppress", value: "All")]
        if automatic { headers.insert(.init(name: "Auto-Submitted", value: "auto-generated"), at: 0) }
        return headers
    }

    func newMessageID(_ kind: String) -> String {
        "cc-\(kind).\(ReviewToken.make())@\(domain)"
    }

    func draft(record: CaseRecord, draft: DraftRecord, body: String, at date: Date) -> OutgoingSpec {
        OutgoingSpec(fromName: configuration.smtp.fromName, fromAddress: configuration.smtp.fromAddress,
                     to: configuration.review.draftTo, replyTo: configuration.smtp.fromAddress,
                     subject: "\(CaseTag.tag(record.id)) Review: \(draft.followUp ? "(follow-up) " : "")\(Self.cleanSubject(record.subject))",
                     date: date, messageID: draft.messageID, inReplyTo: [], references: [],
                     textBody: body, htmlBody: nil, extraHeaders: labels(automatic: true))
    }

    /// Threaded under the submitter's original message.
    func finalReply(record: CaseRecord, text: String, html: String?, at date: Date) -> OutgoingSpec {
        OutgoingSpec(fromName: configuration.smtp.fromName, fromAddress: configuration.smtp.fromAddress,
                     to: [record.replyTo], replyTo: configuration.smtp.fromAddress,
                     subject: "Re: \(Self.cleanSubject(record.subject)) \(CaseTag.tag(record.id))",
                     date: date, messageID: newMessageID("reply"),
                     inReplyTo: record.messageID.map { [$0] } ?? [],
                     references: record.references + (record.messageID.map { [$0] } ?? []),
                     textBody: text, htmlBody: html, extraHeaders: labels(automatic: false))
    }

    func acknowledgement(record: CaseRecord, text: String, html: String?, at date: Date) -> OutgoingSpec {
        var spec = finalReply(record: record, text: text, html: html, at: date)
        spec.messageID = newMessageID("ack")
        spec.subject = "Received: \(Self.cleanSubject(record.subject)) \(CaseTag.tag(record.id))"
        spec.extraHeaders = labels(automatic: true)
        return spec
    }

    /// A notice answering an incoming message we will not process (or an approver's answer we
    /// could not use).
    func notice(to address: String, subject: String, inReplyTo messageID: String?, text: String, at date: Date) -> OutgoingSpec {
        OutgoingSpec(fromName: configuration.smtp.fromName, fromAddress: configuration.smtp.fromAddress,
                     to: [address], replyTo: nil, subject: subject, date: date, messageID: newMessageID("notice"),
                     inReplyTo: messageID.map { [$0] } ?? [], references: messageID.map { [$0] } ?? [],
                     textBody: text, htmlBody: nil, extraHeaders: labels(automatic: true))
    }

    /// "Re: Fwd: RE: hip" → "hip"; our own tags removed so they never pile up.
    static func cleanSubject(_ subject: String) -> String {
        var text = subject.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        while let open = text.range(of: "[CC-"), let close = text[open.upperBound...].firstIndex(of: "]") {
            text.removeSubrange(open.lowerBound...close)
        }
        var changed = true
        while changed {
            changed = false
            text = text.trimmingCharacters(in: .whitespaces)
            for prefix in ["re:", "fwd:", "fw:", "aw:", "sv:", "wg:", "review:", "received:"] where text.lowercased().hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
                changed = true
            }
        }
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return collapsed.isEmpty ? "(no subject)" : String(collapsed.prefix(200))
    }
}
