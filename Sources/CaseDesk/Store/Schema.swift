/// The store's schema as an ordered list of migrations. `PRAGMA user_version` records how many
/// have run; a new release appends a migration and never edits an old one.
enum Schema {
    static let migrations: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE mailbox_state (
            mailbox       TEXT PRIMARY KEY,
            uid_validity  INTEGER NOT NULL,
            updated_at    REAL NOT NULL
        );
        -- Every message the desk has looked at, keyed as rule 1 says: never by sequence number.
        CREATE TABLE messages (
            id               INTEGER PRIMARY KEY,
            mailbox          TEXT NOT NULL,
            uid_validity     INTEGER NOT NULL,
            uid              INTEGER NOT NULL,
            message_id_hash  TEXT NOT NULL,
            sender           TEXT,
            outcome          TEXT NOT NULL,
            case_id          TEXT,
            reason           TEXT,
            server_done      INTEGER NOT NULL DEFAULT 0,
            target_folder    TEXT,
            received_at      REAL NOT NULL,
            UNIQUE (mailbox, uid_validity, uid)
        );
        CREATE INDEX messages_by_hash ON messages (message_id_hash);
        CREATE TABLE cases (
            id               TEXT PRIMARY KEY,
            day              TEXT NOT NULL,
            seq              INTEGER NOT NULL,
            submitter        TEXT NOT NULL,
            reply_to         TEXT NOT NULL,
            subject          TEXT NOT NULL,
            message_id       TEXT,
            refs             TEXT NOT NULL DEFAULT '',
            narrative        TEXT NOT NULL,
            report           TEXT,
            identifiers      TEXT NOT NULL DEFAULT '',
            status           TEXT NOT NULL,
            reject_reason    TEXT,
            created_at       REAL NOT NULL,
            updated_at       REAL NOT NULL,
            UNIQUE (day, seq)
        );
        -- Message-IDs that belong to a case's thread (the original, follow-ups, our replies), so a
        -- submitter's reply to any of them finds the case.
        CREATE TABLE case_threads (
            message_id  TEXT PRIMARY KEY,
            case_id     TEXT NOT NULL REFERENCES cases(id)
        );
        CREATE TABLE drafts (
            id           INTEGER PRIMARY KEY,
            case_id      TEXT NOT NULL REFERENCES cases(id),
            version      INTEGER NOT NULL,
            token        TEXT NOT NULL UNIQUE,
            message_id   TEXT NOT NULL UNIQUE,
            reply_text   TEXT NOT NULL,
            reply_html   TEXT,
            follow_up    INTEGER NOT NULL DEFAULT 0,
            outcome      TEXT NOT NULL,
            decided_by   TEXT,
            created_at   REAL NOT NULL,
            decided_at   REAL,
            UNIQUE (case_id, version)
        );
        CREATE TABLE outbox (
            id               INTEGER PRIMARY KEY,
            message_id       TEXT NOT NULL UNIQUE,
            case_id          TEXT,
            kind             TEXT NOT NULL,
            envelope_from    TEXT NOT NULL,
            recipients       TEXT NOT NULL,
            raw              BLOB NOT NULL,
            status           TEXT NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  REAL NOT NULL,
            last_error       TEXT,
            created_at       REAL NOT NULL,
            sent_at          REAL
        );
        CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
        CREATE TABLE audit (
            id       INTEGER PRIMARY KEY,
            at       REAL NOT NULL,
            actor    TEXT NOT NULL,
            action   TEXT NOT NULL,
            case_id  TEXT,
            detail   TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_by_case ON audit (case_id);
        -- Per-sender, per-day counters: cases accepted, notices sent (rate limits of rules 6 and 9).
        CREATE TABLE sender_counters (
            sender  TEXT NOT NULL,
            day     TEXT NOT NULL,
            kind    TEXT NOT NULL,
            count   INTEGER NOT NULL,
            PRIMARY KEY (sender, day, kind)
        );
        CREATE TABLE bounced_addresses (
            address     TEXT PRIMARY KEY,
            first_at    REAL NOT NULL,
            last_at     REAL NOT NULL,
            count       INTEGER NOT NULL
        );
        """,
    ]

    static var currentVersion: Int { migrations.count }

    static func migrate(_ connection: SQLiteConnection) throws {
        if try checkedVersion(connection) == currentVersion { return }
        // Two processes opening a new store at once (two cron polls, a poll and `cases list`) both
        // read version 0; the second then failed with "table … already exists". The version is
        // read again under the write lock (BEGIN IMMEDIATE), so the second sees the first's work.
        try connection.transaction {
            for index in try checkedVersion(connection)..<currentVersion {
                try connection.execute(migrations[index])
                try connection.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    private static func checkedVersion(_ connection: SQLiteConnection) throws -> Int {
        let version = try connection.scalar("PRAGMA user_version").int ?? 0
        guard version <= currentVersion else {
            throw StoreError(.schemaTooNew, context: "open \(connection.path)",
                             detail: "schema version \(version) is newer than this program's \(currentVersion); upgrade caseconsultant")
        }
        return version
    }
}
