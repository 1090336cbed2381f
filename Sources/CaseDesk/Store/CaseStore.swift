import Foundation

/// The desk's durable memory (SQLite). One connection, serialised by a lock, so the daemon's
/// poll thread and a signal-driven shutdown never use it at once. Methods that change several
/// rows run in one transaction; callers group steps with `transaction`.
public final class CaseStore: @unchecked Sendable {
    let connection: SQLiteConnection
    private let lock = NSRecursiveLock()
    public var path: String { connection.path }

    public init(path: String) throws {
        if path != ":memory:" {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw StoreError(.cannotOpen, context: "open \(path)", detail: "directory \(directory) does not exist; create it or set store.path")
            }
        }
        connection = try SQLiteConnection(path: path)
        try Schema.migrate(connection)
    }

    public static func inMemory() throws -> CaseStore { try CaseStore(path: ":memory:") }

    public var schemaVersion: Int { (try? locked { try connection.scalar("PRAGMA user_version").int }) ?? 0 }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs `body` atomically: everything it writes commits together or not at all.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try locked { try connection.transaction(body) }
    }

    /// The dry run: begin here, roll back in `discardScratch()`.
    public func beginScratch() throws {
        lock.lock()
        do { try connection.beginOuter() } catch { lock.unlock(); throw error }
    }

    public func discardScratch() {
        try? connection.endOuter(commit: false)
        lock.unlock()
    }
}

// MARK: - Mailbox state and messages seen

extension CaseStore {
    public func uidValidity(mailbox: String) throws -> UInt32? {
        try locked {
            try connection.scalar("SELECT uid_validity FROM mailbox_state WHERE mailbox = ?", mailbox).int64.map { UInt32(truncatingIfNeeded: $0) }
        }
    }

    public func setUIDValidity(_ value: UInt32, mailbox: String, at date: Date) throws {
        try locked {
            try connection.run("""
                INSERT INTO mailbox_state (mailbox, uid_validity, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, updated_at = excluded.updated_at
                """, mailbox, value, date)
        }
    }

    public func seenMessage(mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> SeenMessage? {
        try locked {
            try connection.query("SELECT * FROM messages WHERE mailbox = ? AND uid_validity = ? AND uid = ?", [mailbox, uidValidity, uid])
                .first.map(Self.seenMessage)
        }
    }

    /// The first time a message with this Message-ID hash was processed, under any UID: after a
    /// UIDVALIDITY change the same mail comes back with new UIDs and must not become a new case.
    public func seenMessage(hash: String) throws -> SeenMessage? {
        try locked {
            try connection.query("SELECT * FROM messages WHERE message_id_hash = ? AND outcome <> 'duplicate' ORDER BY id LIMIT 1", [hash])
                .first.map(Self.seenMessage)
        }
    }

    @discardableResult
    public func recordMessage(mailbox: String, uidValidity: UInt32, uid: UInt32, hash: String, sender: String?,
                              outcome: MessageOutcome, caseID: String?, reason: String?, targetFolder: String?,
                              at date: Date) throws -> Int64 {
        try locked {
            try connection.run("""
                INSERT INTO messages (mailbox, uid_validity, uid, message_id_hash, sender, outcome, case_id, reason, target_folder, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, mailbox, uidValidity, uid, hash, sender, outcome.rawValue, caseID, reason, targetFolder, date)
            return connection.lastInsertRowID
        }
    }

    public func markServerDone(messageRowID: Int64) throws {
        try locked { try connection.run("UPDATE messages SET server_done = 1 WHERE id = ?", messageRowID) }
    }

    public func messageCount(outcome: MessageOutcome? = nil) throws -> Int {
        try locked {
            if let outcome {
                return try connection.scalar("SELECT COUNT(*) FROM messages WHERE outcome = ?", outcome.rawValue).int ?? 0
            }
            return try connection.scalar("SELECT COUNT(*) FROM messages").int ?? 0
        }
    }

    private static func seenMessage(_ row: SQLiteRow) -> SeenMessage {
        SeenMessage(
            id: row["id"].int64 ?? 0,
            mailbox: row["mailbox"].string ?? "",
            uidValidity: UInt32(truncatingIfNeeded: row["uid_validity"].int64 ?? 0),
            uid: UInt32(truncatingIfNeeded: row["uid"].int64 ?? 0),
            messageIDHash: row["message_id_hash"].string ?? "",
            outcome: MessageOutcome(rawValue: row["outcome"].string ?? "") ?? .unreadable,
            caseID: row["case_id"].string,
            serverDone: (row["server_done"].int ?? 0) != 0,
            targetFolder: row["target_folder"].string
        )
    }
}

// MARK: - Cases

extension CaseStore {
    /// Allocates the next id of the day and stores the case as `received`.
    public func createCase(_ new: NewCase, at date: Date, timeZone: TimeZone) throws -> CaseRecord {
        try transaction {
            let day = CaseID.day(of: date, in: timeZone)
            let next = (try connection.scalar("SELECT MAX(seq) FROM cases WHERE day = ?", day).int ?? 0) + 1
            let id = CaseID.make(day: day, sequence: next)
            try connection.run("""
                INSERT INTO cases (id, day, seq, submitter, reply_to, subject, message_id, refs, narrative, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, day, next, new.submitter, new.replyTo, new.subject, new.messageID,
                new.references.joined(separator: " "), new.narrative, CaseStatus.received.rawValue, date, date)
            if let messageID = new.messageID { try addThread(messageID: messageID, caseID: id) }
            return CaseRecord(id: id, submitter: new.submitter, replyTo: new.replyTo, subject: new.subject,
                              messageID: new.messageID, references: new.references, narrative: new.narrative,
                              reportJSON: nil, identifiers: [], status: .received, rejectReason: nil,
                              createdAt: date, updatedAt: date)
        }
    }

    public func caseRecord(id: String) throws -> CaseRecord? {
        try locked { try connection.query("SELECT * FROM cases WHERE id = ?", [id]).first.map(Self.caseRecord) }
    }

    public func cases(status: CaseStatus? = nil, limit: Int = 1_000) throws -> [CaseRecord] {
        try locked {
            if let status {
                return try connection.query("SELECT * FROM cases WHERE status = ? ORDER BY created_at, id LIMIT ?", [status.rawValue, limit]).map(Self.caseRecord)
            }
            return try connection.query("SELECT * FROM cases ORDER BY created_at, id LIMIT ?", [limit]).map(Self.caseRecord)
        }
    }

    public func caseCount() throws -> Int {
        try locked { try connection.scalar("SELECT COUNT(*) FROM cases").int ?? 0 }
    }

    public func updateAnalysis(caseID: String, narrative: String, reportJSON: String?, identifiers: [String], at date: Date) throws {
        try locked {
            try connection.run("UPDATE cases SET narrative = ?, report = ?, identifiers = ?, updated_at = ? WHERE id = ?",
                               narrative, reportJSON, identifiers.joined(separator: ","), date, caseID)
        }
    }

    public func setStatus(caseID: String, _ status: CaseStatus, rejectReason: String? = nil, at date: Date) throws {
        try locked {
            try connection.run("UPDATE cases SET status = ?, reject_reason = COALESCE(?, reject_reason), updated_at = ? WHERE id = ?",
                               status.rawValue, rejectReason, date, caseID)
            guard connection.changes == 1 else { throw StoreError(.notFound, context: "case \(caseID)") }
        }
    }

    /// The submitter's message the next reply answers (`message_id`, `refs`): the original at
    /// first, the latest follow-up after one.
    public func setReplyTarget(caseID: String, messageID: String, references: [String], at date: Date) throws {
        try locked {
            try connection.run("UPDATE cases SET message_id = ?, refs = ?, updated_at = ? WHERE id = ?",
                               messageID, references.joined(separator: " "), date, caseID)
        }
    }

    /// Remembers that `messageID` belongs to the case's thread.
    public func addThread(messageID: String, caseID: String) throws {
        try locked {
            try connection.run("INSERT OR IGNORE INTO case_threads (message_id, case_id) VALUES (?, ?)", messageID, caseID)
        }
    }

    public func caseID(threadMessageID: String) throws -> String? {
        try locked { try connection.scalar("SELECT case_id FROM case_threads WHERE message_id = ?", threadMessageID).string }
    }

    private static func caseRecord(_ row: SQLiteRow) -> CaseRecord {
        CaseRecord(
            id: row["id"].string ?? "",
            submitter: row["submitter"].string ?? "",
            replyTo: row["reply_to"].string ?? "",
            subject: row["subject"].string ?? "",
            messageID: row["message_id"].string,
            references: (row["refs"].string ?? "").split(separator: " ").map(String.init),
            narrative: row["narrative"].string ?? "",
            reportJSON: row["report"].string,
            identifiers: (row["identifiers"].string ?? "").split(separator: ",").map(String.init),
            status: CaseStatus(rawValue: row["status"].string ?? "") ?? .failed,
            rejectReason: row["reject_reason"].string,
            createdAt: row["created_at"].date ?? .distantPast,
            updatedAt: row["updated_at"].date ?? .distantPast
        )
    }
}

// MARK: - Drafts

extension CaseStore {
    /// Stores a new draft version; every older pending draft of the case is superseded, so its
    /// token stops counting (a newer draft voids older tokens).
    public func addDraft(caseID: String, token: String, messageID: String, replyText: String, replyHTML: String?,
                         followUp: Bool, at date: Date) throws -> DraftRecord {
        try transaction {
            try connection.run("UPDATE drafts SET outcome = ?, decided_at = ? WHERE case_id = ? AND outcome = ?",
                               DraftOutcome.superseded.rawValue, date, caseID, DraftOutcome.pending.rawValue)
            let version = (try connection.scalar("SELECT MAX(version) FROM drafts WHERE case_id = ?", caseID).int ?? 0) + 1
            try connection.run("""
                INSERT INTO drafts (case_id, version, token, message_id, reply_text, reply_html, follow_up, outcome, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, caseID, version, token, messageID, replyText, replyHTML, followUp, DraftOutcome.pending.rawValue, date)
            return DraftRecord(id: connection.lastInsertRowID, caseID: caseID, version: version, token: token,
                               messageID: messageID, replyText: replyText, replyHTML: replyHTML, followUp: followUp,
                               outcome: .pending, decidedBy: nil, createdAt: date, decidedAt: nil)
        }
    }

    public func draft(token: String) throws -> DraftRecord? {
        try locked { try connection.query("SELECT * FROM drafts WHERE token = ?", [token]).first.map(Self.draftRecord) }
    }

    public func draft(messageID: String) throws -> DraftRecord? {
        try locked { try connection.query("SELECT * FROM drafts WHERE message_id = ?", [messageID]).first.map(Self.draftRecord) }
    }

    public func drafts(caseID: String) throws -> [DraftRecord] {
        try locked { try connection.query("SELECT * FROM drafts WHERE case_id = ? ORDER BY version", [caseID]).map(Self.draftRecord) }
    }

    public func latestDraft(caseID: String) throws -> DraftRecord? {
        try drafts(caseID: caseID).last
    }

    /// Records the decision only if the draft is still pending: a token is used once, even when
    /// two answers race.
    public func decideDraft(id: Int64, outcome: DraftOutcome, by actor: String, at date: Date) throws -> Bool {
        try locked {
            try connection.run("UPDATE drafts SET outcome = ?, decided_by = ?, decided_at = ? WHERE id = ? AND outcome = ?",
                               outcome.rawValue, actor, date, id, DraftOutcome.pending.rawValue)
            return connection.changes == 1
        }
    }

    private static func draftRecord(_ row: SQLiteRow) -> DraftRecord {
        DraftRecord(
            id: row["id"].int64 ?? 0,
            caseID: row["case_id"].string ?? "",
            version: row["version"].int ?? 0,
            token: row["token"].string ?? "",
            messageID: row["message_id"].string ?? "",
            replyText: row["reply_text"].string ?? "",
            replyHTML: row["reply_html"].string,
            followUp: (row["follow_up"].int ?? 0) != 0,
            outcome: DraftOutcome(rawValue: row["outcome"].string ?? "") ?? .superseded,
            decidedBy: row["decided_by"].string,
            createdAt: row["created_at"].date ?? .distantPast,
            decidedAt: row["decided_at"].date
        )
    }
}

// MARK: - Outbox

extension CaseStore {
    /// Queues a message. Its Message-ID is fixed here, before any SMTP transfer, so a retry after
    /// a crash sends the same message rather than a second one.
    @discardableResult
    public func enqueue(messageID: String, caseID: String?, kind: String, envelopeFrom: String, recipients: [String],
                       raw: Data, at date: Date) throws -> Int64 {
        try locked {
            try connection.run("""
                INSERT INTO outbox (message_id, case_id, kind, envelope_from, recipients, raw, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, messageID, caseID, kind, envelopeFrom, recipients.joined(separator: "\n"), raw,
                OutboxStatus.queued.rawValue, date, date)
            return connection.lastInsertRowID
        }
    }

    public func dueOutbox(at date: Date) throws -> [OutboxItem] {
        try locked {
            try connection.query("SELECT * FROM outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY id",
                                 [OutboxStatus.queued.rawValue, date]).map(Self.outboxItem)
        }
    }

    public func outbox(status: OutboxStatus? = nil, caseID: String? = nil) throws -> [OutboxItem] {
        try locked {
            try connection.query("""
                SELECT * FROM outbox WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR case_id = ?2) ORDER BY id
                """, [status?.rawValue, caseID]).map(Self.outboxItem)
        }
    }

    public func markSent(outboxID: Int64, at date: Date) throws {
        try locked {
            try connection.run("UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                               OutboxStatus.sent.rawValue, date, outboxID)
        }
    }

    public func markAttemptFailed(outboxID: Int64, error: String, nextAttemptAt: Date) throws {
        try locked {
            try connection.run("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                               error, nextAttemptAt, outboxID)
        }
    }

    public func markUndeliverable(outboxID: Int64, error: String) throws {
        try locked {
            try connection.run("UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                               OutboxStatus.failed.rawValue, error, outboxID)
        }
    }

    private static func outboxItem(_ row: SQLiteRow) -> OutboxItem {
        OutboxItem(
            id: row["id"].int64 ?? 0,
            messageID: row["message_id"].string ?? "",
            caseID: row["case_id"].string,
            kind: row["kind"].string ?? "",
            envelopeFrom: row["envelope_from"].string ?? "",
            recipients: (row["recipients"].string ?? "").split(separator: "\n").map(String.init),
            raw: row["raw"].data ?? Data(),
            status: OutboxStatus(rawValue: row["status"].string ?? "") ?? .failed,
            attempts: row["attempts"].int ?? 0,
            nextAttemptAt: row["next_attempt_at"].date ?? .distantPast,
            lastError: row["last_error"].string,
            sentAt: row["sent_at"].date
        )
    }
}

// MARK: - Audit, counters, bounces

extension CaseStore {
    public func audit(actor: String, action: String, caseID: String?, detail: String = "", at date: Date) throws {
        try locked {
            try connection.run("INSERT INTO audit (at, actor, action, case_id, detail) VALUES (?, ?, ?, ?, ?)",
                               date, actor, action, caseID, detail)
        }
    }

    public func auditTrail(caseID: String? = nil) throws -> [AuditEvent] {
        try locked {
            try connection.query("SELECT * FROM audit WHERE (?1 IS NULL OR case_id = ?1) ORDER BY id", [caseID]).map { row in
                AuditEvent(at: row["at"].date ?? .distantPast, actor: row["actor"].string ?? "",
                           action: row["action"].string ?? "", caseID: row["case_id"].string, detail: row["detail"].string ?? "")
            }
        }
    }

    /// Adds one and returns the new count.
    @discardableResult
    public func incrementCounter(sender: String, day: String, kind: String) throws -> Int {
        try locked {
            try connection.run("""
                INSERT INTO sender_counters (sender, day, kind, count) VALUES (?, ?, ?, 1)
                ON CONFLICT (sender, day, kind) DO UPDATE SET count = count + 1
                """, sender.lowercased(), day, kind)
            return try counter(sender: sender, day: day, kind: kind)
        }
    }

    public func counter(sender: String, day: String, kind: String) throws -> Int {
        try locked {
            try connection.scalar("SELECT count FROM sender_counters WHERE sender = ? AND day = ? AND kind = ?",
                                  sender.lowercased(), day, kind).int ?? 0
        }
    }

    public func recordBounce(address: String, at date: Date) throws {
        try locked {
            try connection.run("""
                INSERT INTO bounced_addresses (address, first_at, last_at, count) VALUES (?, ?, ?, 1)
                ON CONFLICT (address) DO UPDATE SET last_at = excluded.last_at, count = count + 1
                """, address.lowercased(), date, date)
        }
    }

    public func hasBounced(address: String) throws -> Bool {
        try locked { try connection.scalar("SELECT COUNT(*) FROM bounced_addresses WHERE address = ?", address.lowercased()).int ?? 0 > 0 }
    }
}

// MARK: - Ingest

extension CaseStore {
    /// `ingest` has no server UIDs: it numbers its messages itself, under the same unique key.
    public func nextIngestUID(mailbox: String) throws -> UInt32 {
        try locked {
            UInt32(truncatingIfNeeded: (try connection.scalar("SELECT MAX(uid) FROM messages WHERE mailbox = ?", mailbox).int64 ?? 0) + 1)
        }
    }
}
