import Foundation
import MailTransport
import Testing
@testable import CaseDesk

/// Rule 9 for mail over `limits.maxMessageBytes`: only its header is read, its sender gets the
/// rate-limited too-large notice (machines never do), and it goes to the failed folder. The body
/// never leaves the mailbox.
@Suite("Oversize mail on Maildir and a directory outbox", .serialized)
struct OversizeMailTests {
    static let bodyMarker = "Quetzalbody"

    /// 12 MB of body behind an ordinary header, written as an MTA would (no line-ending rewrite:
    /// the string helpers would copy 12 MB several times).
    static func deliverOversize(_ harness: DeskHarness, id: String, from: String = "coder@clinic.example.org",
                                subject: String, extraHeaders: String = "") throws {
        var data = Data(("From: Coder <\(from)>\r\nTo: cases@desk.example\r\nSubject: \(subject)\r\n" +
                         "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\nMessage-ID: <\(id)>\r\n\(extraHeaders)" +
                         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").utf8)
        let line = Data("\(bodyMarker) scanned attachment line, repeated until the message is huge.\r\n".utf8)
        data.reserveCapacity(12_100_000)
        while data.count < 12_000_000 { data.append(line) }
        let name = "\(Date().timeIntervalSince1970).\(UUID().uuidString).test"
        let temporary = harness.maildir.appendingPathComponent("tmp/\(name)")
        try data.write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: harness.maildir.appendingPathComponent("new/\(name)"))
    }

    static func notices(_ harness: DeskHarness) throws -> [ParsedMail] {
        try harness.sent().filter { $0.headers.subject.hasPrefix("Re: Big") || $0.headers.subject.hasPrefix("Re: Away") }
    }

    @Test func theSenderIsNoticedWithinTheDailyLimitMachinesNeverAndTheBodyIsNeverRead() throws {
        let harness = try DeskHarness(extra: #", "limits": { "maxMessageBytes": 1048576, "maxNoticesPerSenderPerDay": 2 }"#)
        let desk = try harness.desk()

        try Self.deliverOversize(harness, id: "big1@clinic.example.org", subject: "Big 1")
        let first = try desk.pollOnce()
        #expect(first.messages == 1 && first.failed == 1 && first.sent == 1)
        let notice = try #require(try Self.notices(harness).first)
        #expect(notice.headers.header("To")?.contains("coder@clinic.example.org") == true)
        #expect(notice.headers.subject == "Re: Big 1")
        #expect(notice.headers.inReplyTo == ["big1@clinic.example.org"])
        #expect(notice.headers.references == ["big1@clinic.example.org"])
        #expect(notice.text.contains("larger than 1 MB"))
        #expect(notice.headers.header("Auto-Submitted") == "auto-generated")

        // Within the sender's notice limit: told again. An auto-reply is never answered.
        try Self.deliverOversize(harness, id: "big2@clinic.example.org", subject: "Big 2")
        try Self.deliverOversize(harness, id: "away@clinic.example.org", from: "other@clinic.example.org", subject: "Away",
                                 extraHeaders: "Auto-Submitted: auto-replied\r\n")
        let second = try desk.pollOnce()
        #expect(second.messages == 2 && second.failed == 2 && second.sent == 1)
        #expect(try Self.notices(harness).map(\.headers.subject).sorted() == ["Re: Big 1", "Re: Big 2"])

        // Beyond it: recorded and moved all the same, but nobody is mailed.
        try Self.deliverOversize(harness, id: "big3@clinic.example.org", subject: "Big 3")
        let third = try desk.pollOnce()
        #expect(third.messages == 1 && third.failed == 1 && third.sent == 0)
        #expect(try Self.notices(harness).count == 2)
        #expect(try harness.sent().count == 2)

        // All four in the failed folder, still unread: only their headers were peeked at.
        #expect(try harness.inboxCount() == 0)
        let failed = harness.maildir.appendingPathComponent(".CaseConsultant.Failed")
        let names = try ["new", "cur"].flatMap { try FileManager.default.contentsOfDirectory(atPath: failed.appendingPathComponent($0).path) }
        #expect(names.count == 4)
        #expect(names.allSatisfy { !($0.components(separatedBy: ":2,").dropFirst().first ?? "").contains("S") }, "\(names)")

        let store = desk.dependencies.store
        #expect(try store.messageCount(outcome: .tooLarge) == 4)
        #expect(try store.caseCount() == 0)
        let trail = try store.auditTrail().filter { $0.action == "message.too-large" }.map(\.detail)
        #expect(trail.count == 4)
        #expect(trail.filter { $0.contains("notice=sent") }.count == 2)
        #expect(trail.filter { $0.contains("notice=limited") }.count == 1)
        #expect(trail.filter { $0.contains("notice=machine:autoReply") }.count == 1)
        #expect(trail.allSatisfy { $0.contains("fetched=header-only") && $0.contains("bytes=") })
        #expect(try store.auditTrail().filter { $0.action == "notice.queued" }.count == 2)

        // The body never reached the store (database and its write-ahead log) nor the log.
        for suffix in ["", "-wal"] {
            let path = harness.configuration.storePath + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            #expect(bytes.firstRange(of: Data(Self.bodyMarker.utf8)) == nil, "\(path) holds body text")
        }
        #expect(!harness.logs.text.contains(Self.bodyMarker))
        #expect(harness.logs.text.contains("event=message.tooLarge"))
    }

    /// The same oversize mail listed again (here: delivered twice) is refused again without a
    /// second notice; mail within the limit in the same batch is handled as usual.
    @Test func aRepeatIsNotNoticedTwiceAndTheBatchGoesOn() throws {
        let harness = try DeskHarness(extra: #", "limits": { "maxMessageBytes": 1048576 }"#)
        try Self.deliverOversize(harness, id: "again@clinic.example.org", subject: "Big again")
        try Self.deliverOversize(harness, id: "again@clinic.example.org", subject: "Big again")
        try harness.deliver(DeskHarness.caseMail(id: "small@clinic.example.org", body: "ORIF of the left femoral neck fracture."))
        let desk = try harness.desk()
        let summary = try desk.pollOnce()
        #expect(summary.messages == 3 && summary.failed == 2 && summary.newCases == 1)
        #expect(try Self.notices(harness).count == 1)
        #expect(try desk.dependencies.store.auditTrail().contains { $0.detail.contains("notice=duplicate") })
    }

    @Test func strangersAreNotNoticedWhenUnknownSendersAreIgnored() throws {
        let harness = try DeskHarness(extra: #", "limits": { "maxMessageBytes": 1048576 }"#, unknownSenders: "ignore")
        let desk = try harness.desk()
        try Self.deliverOversize(harness, id: "big-stranger@elsewhere.example", from: "someone@elsewhere.example", subject: "Big stranger")
        try Self.deliverOversize(harness, id: "big-known@clinic.example.org", subject: "Big known")
        let result = try desk.pollOnce()
        #expect(result.messages == 2 && result.failed == 2)
        // The allowed submitter is told; the stranger is recorded and moved, not answered.
        #expect(try Self.notices(harness).map(\.headers.subject) == ["Re: Big known"])
        let trail = try desk.dependencies.store.auditTrail().filter { $0.action == "message.too-large" }.map(\.detail)
        #expect(trail.filter { $0.contains("notice=unknown-sender") }.count == 1)
        #expect(trail.filter { $0.contains("notice=sent") }.count == 1)
    }
}
