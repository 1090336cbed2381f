import Foundation
import MailTransport
import Testing
@testable import CaseDesk

@Suite("Poll cycle on Maildir and a directory outbox", .serialized)
struct PollCycleTests {
    static let narrativeMarker = "Zebrafinch"

    @Test func casesAreDraftedMachineMailIsNotAndMailIsMoved() throws {
        let harness = try DeskHarness()
        try harness.deliver(DeskHarness.caseMail(id: "c1@clinic.example.org", body: "ORIF of the left femoral neck fracture. \(Self.narrativeMarker) DOB: 03/14/1957"))
        try harness.deliver(DeskHarness.caseMail(id: "c2@clinic.example.org", subject: "Ankle", body: "Open treatment of a left ankle fracture."))
        try harness.deliver(DeskHarness.caseMail(id: "auto@clinic.example.org", subject: "Out of office", body: "I am away",
                                                 extraHeaders: "Auto-Submitted: auto-replied\n"))
        try harness.deliver(DeskHarness.caseMail(id: "bounce@mx.example", from: "MAILER-DAEMON@mx.example", subject: "Undeliverable", body: "Final-Recipient: rfc822; gone@clinic.example.org"))
        let desk = try harness.desk()
        let summary = try desk.pollOnce()
        #expect(summary.newCases == 2)
        #expect(summary.ignored == 2)
        #expect(summary.sent == 2)
        #expect(try harness.inboxCount() == 0)

        let drafts = try harness.sent()
        #expect(drafts.count == 2)
        let hip = try #require(drafts.first { $0.headers.subject.contains("Hip case") })
        #expect(hip.headers.subject.hasPrefix("[CC-"))
        #expect(hip.headers.subject.contains("] Review: Hip case"))
        #expect(hip.text.contains(ReviewAnswerParser.beginMarker))
        #expect(hip.text.contains("27236"))
        #expect(hip.text.contains("PRIVACY"))
        #expect(hip.headers.header("Auto-Submitted") == "auto-generated")
        #expect(hip.headers.header("X-CaseConsultant-Loop") != nil)

        // Privacy: the narrative reached the consultant's email, never the log.
        #expect(!harness.logs.text.contains(Self.narrativeMarker))
        #expect(!harness.logs.text.contains("femoral"))
        #expect(harness.logs.text.contains("event=case.drafted"))

        // Polling again finds nothing new and sends nothing twice.
        let again = try desk.pollOnce()
        #expect(again.messages == 0 && again.sent == 0)
        #expect(try harness.sent().count == 2)
        #expect(try desk.dependencies.store.hasBounced(address: "gone@clinic.example.org"))
    }

    @Test func approveEditRejectByEmailAndRefusals() throws {
        let harness = try DeskHarness()
        for (index, body) in ["ORIF left femoral neck fracture.", "Open treatment left ankle fracture.", "ORIF right femoral neck."].enumerated() {
            try harness.deliver(DeskHarness.caseMail(id: "case\(index)@clinic.example.org", subject: "Case \(index)", body: body))
        }
        let desk = try harness.desk()
        _ = try desk.pollOnce()
        let drafts = try harness.sent()
        #expect(drafts.count == 3)
        func draft(_ index: Int) throws -> ParsedMail { try #require(drafts.first { $0.headers.subject.hasSuffix("Case \(index)") }) }

        let edited = "Use 27236-LT only; the screws were placed open."
        try harness.deliver(DeskHarness.answer(to: try draft(0), body: "APPROVE\n\n> quoted draft"))
        try harness.deliver(DeskHarness.answer(to: try draft(1), body: "APPROVE\n\(ReviewAnswerParser.beginMarker)\n\(edited)\n\(ReviewAnswerParser.endMarker)\n"))
        try harness.deliver(DeskHarness.answer(to: try draft(2), body: "REJECT: duplicate"))
        // Spoofed: right token, wrong sender.
        try harness.deliver(DeskHarness.answer(to: try draft(0), from: "coder@clinic.example.org", body: "APPROVE"))
        let summary = try desk.pollOnce()
        #expect(summary.reviewAnswers == 4)

        let replies = try harness.sent().filter { $0.headers.subject.hasPrefix("Re: Case") && $0.headers.header("Auto-Submitted") == nil }
        #expect(replies.count == 2)
        let first = try #require(replies.first { $0.headers.subject.contains("Case 0") })
        #expect(first.headers.inReplyTo == ["case0@clinic.example.org"])
        #expect(first.headers.references.contains("case0@clinic.example.org"))
        #expect(first.headers.subject.contains("[CC-"))
        #expect(first.text.contains("certified coder"))
        #expect(first.headers.from == "cases@desk.example")
        let second = try #require(replies.first { $0.headers.subject.contains("Case 1") })
        #expect(second.text.trimmingCharacters(in: .whitespacesAndNewlines) == edited)

        let store = desk.dependencies.store
        let statuses = try store.cases().map(\.status)
        #expect(statuses.filter { $0 == .replied }.count == 2)
        #expect(statuses.filter { $0 == .rejected }.count == 1)
        let trail = try store.auditTrail().map(\.action)
        for action in ["case.received", "draft.queued", "draft.sent", "review.approved", "review.approved-edited", "review.rejected", "reply.sent", "review.refused"] {
            #expect(trail.contains(action), "audit lacks \(action)")
        }
        let refusal = try #require(try store.auditTrail().first { $0.action == "review.refused" })
        #expect(refusal.detail.contains("not an approver"))
        #expect(refusal.actor == "coder@clinic.example.org")

        // Replaying the used token changes nothing.
        try harness.deliver(DeskHarness.answer(to: try draft(0), body: "APPROVE"))
        _ = try desk.pollOnce()
        #expect(try harness.sent().filter { $0.headers.subject.hasPrefix("Re: Case") && $0.headers.header("Auto-Submitted") == nil }.count == 2)
        #expect(try store.auditTrail().filter { $0.action == "review.refused" }.count == 2)
    }

    @Test func followUpReplacesTheDraftAndOldTokenIsVoid() throws {
        let harness = try DeskHarness()
        try harness.deliver(DeskHarness.caseMail(id: "orig@clinic.example.org", body: "ORIF left femoral neck."))
        let desk = try harness.desk()
        _ = try desk.pollOnce()
        let firstDraft = try #require(try harness.sent().first)
        try harness.deliver(DeskHarness.caseMail(id: "more@clinic.example.org", subject: "Re: Hip case", body: "It was displaced.", inReplyTo: "orig@clinic.example.org"))
        let summary = try desk.pollOnce()
        #expect(summary.followUps == 1)
        let drafts = try harness.sent()
        #expect(drafts.count == 2)
        #expect(drafts[1].text.contains("FOLLOW-UP"))
        #expect(try desk.dependencies.store.caseCount() == 1)
        try harness.deliver(DeskHarness.answer(to: firstDraft, body: "APPROVE"))
        _ = try desk.pollOnce()
        #expect(try harness.sent().count == 3) // the notice to the approver, no reply
        #expect(try desk.dependencies.store.auditTrail().contains { $0.action == "review.refused" && $0.detail.contains("newer draft") })

        // The reply answers the follow-up, with the whole conversation in References.
        try harness.deliver(DeskHarness.answer(to: drafts[1], body: "APPROVE"))
        _ = try desk.pollOnce()
        let reply = try #require(try harness.sent().last)
        #expect(reply.headers.subject.hasPrefix("Re: Hip case [CC-"))
        #expect(reply.headers.inReplyTo == ["more@clinic.example.org"])
        #expect(reply.headers.references == ["orig@clinic.example.org", "more@clinic.example.org"])
    }

    @Test func shellApprovalQueuesTheReply() throws {
        let harness = try DeskHarness()
        try harness.deliver(DeskHarness.caseMail(id: "s@clinic.example.org", body: "ORIF left femoral neck."))
        let desk = try harness.desk()
        _ = try desk.pollOnce()
        let caseID = try #require(try desk.dependencies.store.cases().first?.id)
        let result = try desk.decideFromShell(caseID: caseID, answer: .approve(editedBlock: nil), actor: "cli:tester")
        #expect(result == .applied(caseID: caseID, action: "review.approved"))
        #expect(throws: DeskError.self) { try desk.decideFromShell(caseID: caseID, answer: .approve(editedBlock: nil), actor: "cli:tester") }
        _ = try desk.pollOnce()
        #expect(try desk.dependencies.store.caseRecord(id: caseID)?.status == .replied)
        #expect(try desk.dependencies.store.auditTrail(caseID: caseID).contains { $0.actor == "cli:tester" && $0.action == "review.approved" })
    }

    @Test func smtpDownKeepsMailInTheOutboxUntilTheNextPoll() throws {
        let harness = try DeskHarness()
        try harness.deliver(DeskHarness.caseMail(id: "d@clinic.example.org", body: "ORIF left femoral neck."))
        let down = try harness.desk(sender: DownSender())
        let summary = try down.pollOnce()
        #expect(summary.deferred == 1)
        #expect(summary.newCases == 1)
        #expect(try harness.sent().isEmpty)
        #expect(try harness.inboxCount() == 0)
        let up = try harness.desk()
        let next = try up.pollOnce()
        #expect(next.sent == 1)
        #expect(try harness.sent().count == 1)
    }

    @Test func dryRunSendsAndMarksNothing() throws {
        let harness = try DeskHarness()
        try harness.deliver(DeskHarness.caseMail(id: "dry@clinic.example.org", body: "ORIF left femoral neck."))
        let desk = try harness.desk()
        let summary = try desk.pollOnce(dryRun: true)
        #expect(summary.newCases == 1)
        #expect(try harness.sent().isEmpty)
        #expect(try harness.inboxCount() == 1)
        #expect(try desk.dependencies.store.caseCount() == 0)
        let real = try desk.pollOnce()
        #expect(real.newCases == 1)
    }

    @Test func secondPollWhileTheFirstHoldsTheLockIsRefused() throws {
        let harness = try DeskHarness()
        let lock = try PollLock(path: harness.configuration.lockPath, waitSeconds: 0)
        let desk = try harness.desk()
        #expect(throws: DeskError.self) { _ = try desk.pollOnce() }
        withExtendedLifetime(lock) {}
    }

    @Test func unknownSenderGetsOneRateLimitedNotice() throws {
        let harness = try DeskHarness()
        for index in 0..<5 {
            try harness.deliver(DeskHarness.caseMail(id: "u\(index)@elsewhere.example", from: "someone@elsewhere.example", body: "hello"))
        }
        let desk = try harness.desk()
        _ = try desk.pollOnce()
        #expect(try harness.sent().count == 3) // limits.maxNoticesPerSenderPerDay default
        #expect(try desk.dependencies.store.caseCount() == 0)
    }
}
