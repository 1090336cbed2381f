import Foundation
import MailTransport
import MailStackSupport
import Testing

/// IMAPMailbox against the real Dovecot of scripts/mailstack. Tests run in parallel: each
/// works in its own folder, and the login-counting test owns the account test1.
@Suite(.needsMailStack)
struct IMAPIntegrationTests {
    @Test(arguments: [false, true])
    func connectsWithTheTestCA(implicitTLS: Bool) throws {
        let stack = try LoopbackMailStack.require()
        let folder = TestMessage.uniqueFolder("TLS")
        let session = try IMAPMailbox(settings: stack.imapSettings("test2", implicitTLS: implicitTLS)).openSession()
        defer { session.close() }
        try session.append(TestMessage.make(), to: folder, flags: [])
        let status = try IMAPMailbox(settings: stack.imapSettings("test2", folder: folder, implicitTLS: implicitTLS))
            .open().status()
        #expect(status.messages == 1)
        #expect(status.uidNext == 2)
        #expect(status.uidValidity > 0)
        #expect(session.identity == "\(implicitTLS ? "imaps" : "imap")://test2%40example.test@\(stack.host):\(stack.port(implicitTLS ? "IMAPS" : "IMAP"))/INBOX")
    }

    @Test func wrongPasswordIsAnAuthenticationErrorThatNeverShowsThePassword() throws {
        let stack = try LoopbackMailStack.require()
        let secret = "definitely-wrong-\(UUID().uuidString)"
        let error = try #require(throws: MailTransportError.self) {
            try IMAPMailbox(settings: stack.imapSettings("test2", password: secret)).open()
        }
        #expect(error.kind == .authenticationFailed)
        #expect(error.message.contains("test2@example.test"))
        #expect(error.message.contains("\(stack.host):\(stack.port("IMAP"))"))
        #expect(!error.message.contains(secret))
        #expect(!"\(error)".contains(secret))
        #expect(!String(reflecting: error).contains(secret))
    }

    @Test(arguments: [false, true])
    func untrustedCertificateIsRefused(implicitTLS: Bool) throws {
        let stack = try LoopbackMailStack.require()
        let error = try #require(throws: MailTransportError.self) {
            try IMAPMailbox(settings: stack.imapSettings("test2", implicitTLS: implicitTLS, caFile: .some(nil))).open()
        }
        #expect(error.kind == .tlsVerificationFailed)
        #expect(error.message.contains("tls.caFile"))
        #expect(!error.message.contains(stack.password("test2")))
    }

    @Test func missingFolderIsReportedAsSuch() throws {
        let stack = try LoopbackMailStack.require()
        let error = try #require(throws: MailTransportError.self) {
            try IMAPMailbox(settings: stack.imapSettings("test2", folder: "No-Such-\(UUID().uuidString.prefix(6))")).open()
        }
        #expect(error.kind == .mailboxNotFound)
    }

    @Test func connectionRefusedNamesHostAndPort() throws {
        let stack = try LoopbackMailStack.require()
        let error = try #require(throws: MailTransportError.self) {
            try IMAPMailbox(settings: stack.imapSettings("test2", port: 9)).open()
        }
        #expect(error.kind == .connectionFailed)
        #expect(error.message.contains("127.0.0.1:9"))
        #expect(error.isTemporary)
    }

    /// 500 messages listed and fetched by UID over one connection and one login.
    @Test func listsAndFetches500MessagesWithOneLogin() throws {
        let stack = try LoopbackMailStack.require()
        let folder = TestMessage.uniqueFolder("Bulk")
        var sent: [Data] = []
        do {
            let loader = try IMAPMailbox(settings: stack.imapSettings("test1")).openSession()
            defer { loader.close() }
            for index in 0..<500 {
                let message = TestMessage.make(subject: "Bulk \(index)", body: "Narrative \(index)\r\n" + String(repeating: "x", count: index) + "\r\n")
                try loader.append(message, to: folder, flags: [])
                sent.append(message)
            }
        }
        let loginsBefore = stack.loginCount("test1")
        let session = try IMAPMailbox(settings: stack.imapSettings("test1", folder: folder)).openSession()
        let uids = try session.uids(after: 0)
        #expect(uids == Array(1...500))
        for (index, uid) in uids.enumerated() {
            #expect(try session.messageSize(uid: uid) == sent[index].count)
            #expect(try session.fetch(uid: uid) == sent[index])
        }
        #expect(try session.uids(after: 250) == Array(251...500))
        // "UID SEARCH UID 501:*" answers 500: the highest UID is always in "n:*".
        #expect(try session.uids(after: 500) == [])
        #expect(session.connectionsOpened == 1)
        session.close()
        // Dovecot writes its log asynchronously.
        var logins = 0
        for _ in 0..<20 {
            logins = stack.loginCount("test1") - loginsBefore
            if logins >= 1 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(logins == 1)
    }

    @Test func uidValidityChangesWhenTheFolderIsRecreated() throws {
        let stack = try LoopbackMailStack.require()
        let folder = TestMessage.uniqueFolder("Recreated")
        let session = try IMAPMailbox(settings: stack.imapSettings("test3")).openSession()
        defer { session.close() }
        try session.append(TestMessage.make(), to: folder, flags: [])
        let first = try IMAPMailbox(settings: stack.imapSettings("test3", folder: folder)).open().status()

        // Deleted by another client, as a person or an admin would.
        _ = try stack.imap("test3", command: "DELETE \"\(folder)\"")
        // A fresh session: Dovecot cannot append to a folder it still has selected after
        // another connection deleted it.
        let again = try IMAPMailbox(settings: stack.imapSettings("test3")).openSession()
        defer { again.close() }
        try again.append(TestMessage.make(), to: folder, flags: [])
        let second = try IMAPMailbox(settings: stack.imapSettings("test3", folder: folder)).open().status()
        #expect(second.uidValidity != first.uidValidity)
        #expect(second.messages == 1)
    }

    @Test func readsCapabilitiesAfterLogin() throws {
        let stack = try LoopbackMailStack.require()
        let session = try IMAPMailbox(settings: stack.imapSettings("test2")).openSession()
        defer { session.close() }
        #expect(session.serverCapabilities.contains("MOVE"))
        #expect(session.serverCapabilities.contains("UIDPLUS"))
    }
}
