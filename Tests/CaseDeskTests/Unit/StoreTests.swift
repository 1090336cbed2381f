import Foundation
import Testing
@testable import CaseDesk

@Suite("Case store")
struct StoreTests {
    let directory: URL
    let store: CaseStore
    let day = Date(timeIntervalSince1970: 1_795_270_000) // 2026-11-21 UTC
    let utc = TimeZone(identifier: "UTC")!

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try CaseStore(path: directory.appendingPathComponent("cases.sqlite").path)
    }

    func newCase(_ sender: String = "coder@clinic.example.org") -> NewCase {
        NewCase(submitter: sender, replyTo: sender, subject: "Hip case", messageID: "m1-\(UUID().uuidString)@clinic.example.org",
                references: [], narrative: "ORIF of the left femoral neck")
    }

    @Test func fileIsPrivateAndWAL() throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try store.connection.scalar("PRAGMA journal_mode").string == "wal")
        #expect(store.schemaVersion == Schema.currentVersion)
    }

    /// Two cron polls starting on a new store both saw schema version 0 and the second failed
    /// with "table already exists"; later, now and then, one got "database is locked" from the
    /// switch to WAL (both found by the two-process test). The race is narrow: many rounds.
    @Test func openingANewStoreFromSeveralConnectionsAtOnceMigratesOnce() throws {
        let failures = LogCollector()
        for round in 0..<40 {
            let path = directory.appendingPathComponent("fresh-\(round).sqlite").path
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do { _ = try CaseStore(path: path) } catch { failures.append("\(error)\n") }
            }
            #expect(try CaseStore(path: path).schemaVersion == Schema.currentVersion)
        }
        #expect(failures.text.isEmpty)
    }

    @Test func reopeningKeepsSchemaAndData() throws {
        _ = try store.createCase(newCase(), at: day, timeZone: utc)
        let again = try CaseStore(path: store.path)
        #expect(try again.caseCount() == 1)
        #expect(again.schemaVersion == Schema.currentVersion)
    }

    @Test func refusesANewerSchema() throws {
        try store.connection.execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.self) { _ = try CaseStore(path: store.path) }
    }

    @Test func missingDirectoryIsAClearError() {
        do {
            _ = try CaseStore(path: "/nonexistent-dir-\(UUID().uuidString)/cases.sqlite")
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.isConfigurationProblem)
            #expect(error.description.contains("does not exist"))
        } catch { Issue.record("\(error)") }
    }

    @Test func caseIDsArePerDaySequences() throws {
        let first = try store.createCase(newCase(), at: day, timeZone: utc)
        let second = try store.createCase(newCase(), at: day, timeZone: utc)
        let nextDay = try store.createCase(newCase(), at: day.addingTimeInterval(86_400), timeZone: utc)
        #expect(first.id == "CC-261121-0001")
        #expect(second.id == "CC-261121-0002")
        #expect(nextDay.id == "CC-261122-0001")
        #expect(CaseID.isValid(first.id))
        #expect(!CaseID.isValid("CC-2611-0001"))
    }

    @Test func threadsFindTheCase() throws {
        let record = try store.createCase(newCase(), at: day, timeZone: utc)
        #expect(try store.caseID(threadMessageID: record.messageID!) == record.id)
        try store.addThread(messageID: "reply@desk.example", caseID: record.id)
        #expect(try store.caseID(threadMessageID: "reply@desk.example") == record.id)
        #expect(try store.caseID(threadMessageID: "other@x") == nil)
    }

    @Test func newDraftSupersedesOlderAndDecisionIsSingleUse() throws {
        let record = try store.createCase(newCase(), at: day, timeZone: utc)
        let v1 = try store.addDraft(caseID: record.id, token: "a", messageID: "d1@x", replyText: "one", replyHTML: nil, followUp: false, at: day)
        let v2 = try store.addDraft(caseID: record.id, token: "b", messageID: "d2@x", replyText: "two", replyHTML: nil, followUp: true, at: day)
        #expect(v2.version == 2)
        #expect(try store.draft(token: "a")?.outcome == .superseded)
        #expect(try store.decideDraft(id: v1.id, outcome: .approved, by: "ana@x", at: day) == false)
        #expect(try store.decideDraft(id: v2.id, outcome: .approved, by: "ana@x", at: day) == true)
        #expect(try store.decideDraft(id: v2.id, outcome: .approved, by: "ana@x", at: day) == false)
        #expect(try store.latestDraft(caseID: record.id)?.decidedBy == "ana@x")
    }

    @Test func outboxRetriesAndDelivery() throws {
        let id = try store.enqueue(messageID: "o1@x", caseID: nil, kind: "draft", envelopeFrom: "desk@x",
                                   recipients: ["a@x", "b@x"], raw: Data("raw\r\n".utf8), at: day)
        #expect(try store.dueOutbox(at: day).map(\.id) == [id])
        try store.markAttemptFailed(outboxID: id, error: "connection refused", nextAttemptAt: day.addingTimeInterval(60))
        #expect(try store.dueOutbox(at: day).isEmpty)
        let later = try store.dueOutbox(at: day.addingTimeInterval(61))
        #expect(later.first?.attempts == 1)
        #expect(later.first?.recipients == ["a@x", "b@x"])
        #expect(later.first?.raw == Data("raw\r\n".utf8))
        try store.markSent(outboxID: id, at: day)
        #expect(try store.outbox(status: .sent).count == 1)
        #expect(try store.dueOutbox(at: .distantFuture).isEmpty)
        // The stable Message-ID is unique: a second enqueue of the same message is refused.
        #expect(throws: StoreError.self) {
            try store.enqueue(messageID: "o1@x", caseID: nil, kind: "draft", envelopeFrom: "d@x", recipients: [], raw: Data(), at: day)
        }
    }

    @Test func messagesAreKeyedOnUIDValidityAndUIDAndHash() throws {
        try store.recordMessage(mailbox: "maildir:/m", uidValidity: 7, uid: 1, hash: "h1", sender: "a@x", outcome: .newCase,
                                caseID: nil, reason: nil, targetFolder: "P", at: day)
        #expect(try store.seenMessage(mailbox: "maildir:/m", uidValidity: 7, uid: 1)?.outcome == .newCase)
        #expect(try store.seenMessage(mailbox: "maildir:/m", uidValidity: 8, uid: 1) == nil)
        #expect(try store.seenMessage(hash: "h1")?.uid == 1)
        #expect(throws: StoreError.self) {
            try store.recordMessage(mailbox: "maildir:/m", uidValidity: 7, uid: 1, hash: "h2", sender: nil, outcome: .machine,
                                    caseID: nil, reason: nil, targetFolder: nil, at: day)
        }
    }

    @Test func transactionRollsBackEverything() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.transaction {
                _ = try store.createCase(newCase(), at: day, timeZone: utc)
                try store.audit(actor: "desk", action: "x", caseID: nil, at: day)
                throw Boom()
            }
        }
        #expect(try store.caseCount() == 0)
        #expect(try store.auditTrail().isEmpty)
    }

    @Test func scratchLeavesNoTrace() throws {
        try store.beginScratch()
        _ = try store.createCase(newCase(), at: day, timeZone: utc)
        store.discardScratch()
        #expect(try store.caseCount() == 0)
    }

    @Test func countersAndBounces() throws {
        #expect(try store.incrementCounter(sender: "A@x.org", day: "261121", kind: "case") == 1)
        #expect(try store.incrementCounter(sender: "a@x.org", day: "261121", kind: "case") == 2)
        #expect(try store.counter(sender: "a@x.org", day: "261122", kind: "case") == 0)
        try store.recordBounce(address: "Gone@x.org", at: day)
        #expect(try store.hasBounced(address: "gone@x.org"))
        #expect(try !store.hasBounced(address: "here@x.org"))
    }

    @Test func twoConnectionsDoNotCollideOnCaseIDs() throws {
        let other = try CaseStore(path: store.path)
        let a = try store.createCase(newCase(), at: day, timeZone: utc)
        let b = try other.createCase(newCase(), at: day, timeZone: utc)
        #expect(a.id != b.id)
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
