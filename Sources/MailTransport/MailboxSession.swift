import Foundation

public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int

    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}

/// One connection (IMAP) or one open directory (Maildir) used for a whole poll.
/// Not thread-safe: a session belongs to the one task that opened it.
public protocol MailboxSession: AnyObject {
    /// Stable store key: "imap://user@host:port/INBOX", "maildir:/abs/path".
    var identity: String { get }
    func status() throws -> MailboxStatus
    /// Ascending, all > uid.
    func uids(after uid: UInt32) throws -> [UInt32]
    /// RFC822.SIZE, checked before fetching against limits.
    func messageSize(uid: UInt32) throws -> Int
    /// The raw RFC 5322 bytes. Marks the message \Seen, as reading it in a mail client would
    /// (IMAP servers do so for a BODY[] fetch; Maildir does the same for parity).
    func fetch(uid: UInt32) throws -> Data
    /// The header block only, through the blank line that ends it (at most
    /// `MailboxHeaderLimit.maxBytes`), never the body: enough to answer a message too large to
    /// fetch. A peek: the message's flags are left as they were, so mail refused unread stays
    /// unread for the person who looks at it (IMAP's URL fetch sets \Seen, which is then undone).
    func fetchHeader(uid: UInt32) throws -> Data
    /// "\\Seen", "$CaseConsultantDone", …
    func addFlags(_ flags: [String], uid: UInt32) throws
    func removeFlags(_ flags: [String], uid: UInt32) throws
    /// Creates the folder when missing; never deletes mail.
    func move(uid: UInt32, to folder: String) throws
    func append(_ message: Data, to folder: String, flags: [String]) throws
    func close()
}

public enum MailboxHeaderLimit {
    /// A header block longer than this is not a header anyone wrote (MIME refuses 256 KiB);
    /// reading stops here, so a message without a blank line is never read whole.
    public static let maxBytes = 1_048_576
}

/// Sessions that can report a message's flags and keywords (both IMAP and Maildir do).
public protocol MailboxFlagReading: MailboxSession {
    func flags(uid: UInt32) throws -> Set<String>
}

public protocol Mailbox: Sendable {
    func open() throws -> any MailboxSession
}
