import Foundation
import MailTransport
import MailStackSupport
import Testing

/// What every Mailbox must do, run against IMAP (real Dovecot, with UID MOVE and with the forced
/// COPY + EXPUNGE fallback) and against a Maildir on disk.
enum MailboxKind: String, Sendable, CustomTestStringConvertible {
    case imap, imapCopyFallback, maildir
    var testDescription: String { rawValue }

    static var all: [MailboxKind] { LoopbackMailStack.shouldRun ? [.imap, .imapCopyFallback, .maildir] : [.maildir] }
}

/// A fresh, empty mailbox of one kind; IMAP tests get their own folder in a spare account.
final class MailboxFixture {
    let kind: MailboxKind
    let folder: String
    private let account: String
    private let root: URL?

    private static let accounts = ["test4", "test5", "test6", "test7", "test8"]

    init(_ kind: MailboxKind) throws {
        self.kind = kind
        folder = TestMessage.uniqueFolder("Behaviour")
        switch kind {
        case .imap, .imapCopyFallback:
            account = Self.accounts.randomElement()!
            root = nil
        case .maildir:
            account = ""
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
            for sub in ["new", "cur", "tmp"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            self.root = root
        }
    }

    deinit {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    /// Puts messages in the mailbox under test (IMAP: APPEND creates the folder).
    func seed(_ messages: [Data]) throws {
        let session = try open(kind == .maildir ? "INBOX" : "INBOX")
        defer { session.close() }
        for message in messages { try session.append(message, to: kind == .maildir ? "INBOX" : folder, flags: []) }
    }

    func openUnderTest() throws -> any MailboxFlagReading {
        try open(kind == .maildir ? "INBOX" : folder)
    }

    /// Another folder of the same store (where moved mail should land).
    func open(_ name: String) throws -> any MailboxFlagReading {
        switch kind {
        case .imap, .imapCopyFallback:
            let stack = try LoopbackMailStack.require()
            return try IMAPMailbox(settings: stack.imapSettings(account, folder: name,
                                                                moveStrategy: kind == .imap ? .automatic : .copyAndExpunge)).openSession()
        case .maildir:
            if name == "INBOX" { return try MaildirMailbox(path: root!).openSession() }
            let path = root!.appendingPathComponent("." + name.replacingOccurrences(of: "/", with: "."))
            return try MaildirMailbox(path: path).openSession()
        }
    }
}

@Suite struct MailboxBehaviourTests {
    @Test(arguments: MailboxKind.all)
    func appendedMessagesAreListedAndFetchedByteIntact(kind: MailboxKind) throws {
        let fixture = try MailboxFixture(kind)
        let messages = (0..<3).map { TestMessage.make(subject: "Message \($0)", body: "Body \($0)\r\n..leading dots\r\n.\r\n") }
        try fixture.seed(messages)
        let session = try fixture.openUnderTest()
        defer { session.close() }
        let uids = try session.uids(after: 0)
        #expect(uids.count == 3)
        #expect(uids == uids.sorted())
        for (uid, message) in zip(uids, messages) {
            #expect(try session.messageSize(uid: uid) == message.count)
            #expect(try session.fetch(uid: uid) == message)
        }
        #expect(try session.uids(after: uids[0]) == Array(uids.dropFirst()))
        #expect(try session.uids(after: uids[2]) == [])
        let status = try session.status()
        #expect(status.messages == 3)
        #expect(status.uidNext > uids[2])
        #expect(status.uidValidity > 0)
    }

    @Test(arguments: MailboxKind.all)
    func flagsAndKeywordsAreSetAndCleared(kind: MailboxKind) throws {
        let fixture = try MailboxFixture(kind)
        try fixture.seed([TestMessage.make()])
        let session = try fixture.openUnderTest()
        defer { session.close() }
        let uid = try #require(try session.uids(after: 0).first)
        #expect(try !session.flags(uid: uid).contains("\\Seen"))
        try session.addFlags(["\\Flagged", "$CaseConsultantDone"], uid: uid)
        #expect(try session.flags(uid: uid).isSuperset(of: ["\\Flagged", "$CaseConsultantDone"]))
        try session.removeFlags(["$CaseConsultantDone"], uid: uid)
        #expect(try !session.flags(uid: uid).contains("$CaseConsultantDone"))
        #expect(try session.flags(uid: uid).contains("\\Flagged"))
        _ = try session.fetch(uid: uid)
        #expect(try session.flags(uid: uid).contains("\\Seen"))
        #expect(throws: MailTransportError.self) { try session.addFlags(["bad flag) A1 LOGOUT"], uid: uid) }
    }

    @Test(arguments: MailboxKind.all)
    func moveCreatesTheFolderAndKeepsTheMessage(kind: MailboxKind) throws {
        let fixture = try MailboxFixture(kind)
        let messages = [TestMessage.make(subject: "first"), TestMessage.make(subject: "second")]
        try fixture.seed(messages)
        let session = try fixture.openUnderTest()
        defer { session.close() }
        let uids = try session.uids(after: 0)
        let destination = "CaseConsultant/\(TestMessage.uniqueFolder("Processed"))"
        try session.addFlags(["$CaseConsultantDone"], uid: uids[0])
        try session.move(uid: uids[0], to: destination)
        #expect(try session.uids(after: 0) == [uids[1]])
        #expect(try session.status().messages == 1)
        #expect(throws: MailTransportError.self) { try session.fetch(uid: uids[0]) }

        let moved = try fixture.open(destination)
        defer { moved.close() }
        let movedUIDs = try moved.uids(after: 0)
        #expect(movedUIDs.count == 1)
        #expect(try moved.fetch(uid: movedUIDs[0]) == messages[0])
        #expect(try moved.flags(uid: movedUIDs[0]).contains("$CaseConsultantDone"))
        // The folder exists now: a second move into it works as well.
        try session.move(uid: uids[1], to: destination)
        #expect(try moved.uids(after: 0).count == 2)
    }

    @Test(arguments: MailboxKind.all)
    func aMissingMessageIsReportedAsSuch(kind: MailboxKind) throws {
        let fixture = try MailboxFixture(kind)
        try fixture.seed([TestMessage.make()])
        let session = try fixture.openUnderTest()
        defer { session.close() }
        let error = try #require(throws: MailTransportError.self) { try session.messageSize(uid: 9999) }
        #expect(error.kind == .messageNotFound)
        let moveError = try #require(throws: MailTransportError.self) { try session.move(uid: 9999, to: "Elsewhere") }
        #expect(moveError.kind == .messageNotFound)
    }
}

/// fetchHeader: what the desk reads of a message too large to fetch.
@Suite struct HeaderFetchBehaviourTests {
    /// A message well over any size limit: 6 MB of body behind a short header.
    static func oversize(subject: String) -> (message: Data, header: Data) {
        let message = TestMessage.make(subject: subject, body: String(repeating: "Body line that must never be transferred.\r\n", count: 140_000))
        let end = message.firstRange(of: Data("\r\n\r\n".utf8))!.upperBound
        return (message, message.prefix(end))
    }

    @Test(arguments: MailboxKind.all.filter { $0 != .imapCopyFallback })
    func theHeaderComesBackByteExactWithoutTheBodyAndTheFlagsUntouched(kind: MailboxKind) throws {
        let fixture = try MailboxFixture(kind)
        let unread = Self.oversize(subject: "Unread \(UUID().uuidString)")
        let read = Self.oversize(subject: "Read \(UUID().uuidString)")
        try fixture.seed([unread.message])
        do {
            let seeder = try fixture.open("INBOX")
            defer { seeder.close() }
            try seeder.append(read.message, to: kind == .maildir ? "INBOX" : fixture.folder, flags: ["\\Seen"])
        }
        let session = try fixture.openUnderTest()
        defer { session.close() }
        let uids = try session.uids(after: 0)
        try #require(uids.count == 2)

        let header = try session.fetchHeader(uid: uids[0])
        #expect(header == unread.header, "\(String(decoding: header.prefix(2000), as: UTF8.self))")
        // Only the header crossed: a few hundred bytes of a 6 MB message.
        #expect(header.count < 1_000)
        #expect(try session.messageSize(uid: uids[0]) == unread.message.count)
        // A peek: unread mail stays unread, read mail stays read.
        #expect(try !session.flags(uid: uids[0]).contains("\\Seen"))
        #expect(try session.fetchHeader(uid: uids[1]) == read.header)
        #expect(try session.flags(uid: uids[1]).contains("\\Seen"))

        // The session is still in step after a partial fetch: the whole message follows intact.
        #expect(try session.fetch(uid: uids[0]) == unread.message)
        let missing = try #require(throws: MailTransportError.self) { try session.fetchHeader(uid: 9999) }
        #expect(missing.kind == .messageNotFound)
    }

    /// Maildir files come from MTAs as they are: LF line endings, or no body at all.
    @Test func maildirHeaderEndsAtAnyBlankLineAndAHeaderOnlyFileIsAllHeader() throws {
        let fixture = try MailboxFixture(.maildir)
        let lf = Data("From: a@example.test\nSubject: LF\n\nbody\n\nmore\n".utf8)
        let headerOnly = Data("From: a@example.test\r\nSubject: no body\r\n".utf8)
        let noBlankLine = Data(("From: a@example.test\r\nX-Long: " + String(repeating: "y", count: 2 * MailboxHeaderLimit.maxBytes)).utf8)
        try fixture.seed([lf, headerOnly, noBlankLine])
        let session = try fixture.openUnderTest()
        defer { session.close() }
        let uids = try session.uids(after: 0)
        try #require(uids.count == 3)
        #expect(try session.fetchHeader(uid: uids[0]) == Data("From: a@example.test\nSubject: LF\n\n".utf8))
        #expect(try session.fetchHeader(uid: uids[1]) == headerOnly)
        // Reading stops at the cap, whatever the file holds.
        #expect(try session.fetchHeader(uid: uids[2]) == noBlankLine.prefix(MailboxHeaderLimit.maxBytes))
    }
}
