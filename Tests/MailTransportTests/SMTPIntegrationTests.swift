import Foundation
import MailTransport
import MailStackSupport
import Testing

/// SMTPSender against Dovecot submission (STARTTLS or implicit TLS, AUTH) relaying through
/// OpenSMTPD, which refuses unknown recipients at RCPT time, into Dovecot LMTP.
@Suite(.needsMailStack)
struct SMTPIntegrationTests {
    /// Waits for a message with this Message-ID to arrive in an account's INBOX (delivery is
    /// asynchronous through OpenSMTPD and LMTP).
    static func waitForDelivery(stack: LoopbackMailStack, account: String, messageID: String, after uidNext: UInt32) throws -> Data? {
        let session = try IMAPMailbox(settings: stack.imapSettings(account)).openSession()
        defer { session.close() }
        for _ in 0..<100 {
            for uid in try session.uids(after: uidNext - 1) {
                let data = try session.fetch(uid: uid)
                if String(decoding: data, as: UTF8.self).contains(messageID) { return data }
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    @Test func sendsWithSTARTTLSToTwoRecipientsOneRefusedAndTheOtherGetsTheExactBytes() throws {
        let stack = try LoopbackMailStack.require()
        let before = try IMAPMailbox(settings: stack.imapSettings("coder2")).open().status()
        let messageID = "<\(UUID().uuidString)@smtp.test>"
        let message = TestMessage.make(from: stack.user("cases"), to: stack.user("coder2"),
                                       body: "Line one\r\n.A line starting with a dot\r\nUnicode: Hüfte\r\n", messageID: messageID)
        let unknown = "nobody-\(UUID().uuidString.prefix(6).lowercased())@\(stack.domain)"
        let sender = try SMTPSender(settings: stack.smtpSettings("cases"))
        let report = try sender.send(OutgoingMail(envelopeFrom: stack.user("cases"), recipients: [unknown, stack.user("coder2")], data: message))
        #expect(report.accepted == [stack.user("coder2")])
        #expect(report.refused.keys.sorted() == [unknown])
        #expect(report.refused[unknown]?.hasPrefix("550") == true)

        let delivered = try #require(try Self.waitForDelivery(stack: stack, account: "coder2", messageID: messageID, after: before.uidNext))
        // Dovecot adds Return-Path, Delivered-To and Received on top; the rest is what was sent.
        #expect(delivered.count > message.count)
        #expect(delivered.suffix(message.count) == message)
    }

    @Test func sendsOverImplicitTLS() throws {
        let stack = try LoopbackMailStack.require()
        let sender = try SMTPSender(settings: stack.smtpSettings("cases", implicitTLS: true))
        let report = try sender.send(OutgoingMail(envelopeFrom: stack.user("cases"), recipients: [stack.user("ana")],
                                                  data: TestMessage.make(to: stack.user("ana"))))
        #expect(report.accepted == [stack.user("ana")])
        #expect(report.refused.isEmpty)
    }

    @Test func everyRecipientRefusedIsAnError() throws {
        let stack = try LoopbackMailStack.require()
        let sender = try SMTPSender(settings: stack.smtpSettings("cases"))
        let error = try #require(throws: MailTransportError.self) {
            try sender.send(OutgoingMail(envelopeFrom: stack.user("cases"),
                                         recipients: ["ghost1@\(stack.domain)", "ghost2@\(stack.domain)"], data: TestMessage.make()))
        }
        #expect(error.kind == .allRecipientsRefused)
        #expect(error.message.contains("ghost1@"))
        #expect(error.message.contains("550"))
    }

    @Test func aMessageOverTheServerSizeLimitIsRefusedAsTooLarge() throws {
        let stack = try LoopbackMailStack.require()
        let sender = try SMTPSender(settings: stack.smtpSettings("cases"))
        let line = String(repeating: "x", count: 998) + "\r\n"
        let big = TestMessage.make(body: String(repeating: line, count: 3 * 1024))   // ~3 MB > 2M limit
        let error = try #require(throws: MailTransportError.self) {
            try sender.send(OutgoingMail(envelopeFrom: stack.user("cases"), recipients: [stack.user("ana")], data: big))
        }
        #expect(error.kind == .messageTooLarge)
    }

    @Test func wrongPasswordIsRefusedWithoutShowingIt() throws {
        let stack = try LoopbackMailStack.require()
        let secret = "wrong-\(UUID().uuidString)"
        let sender = try SMTPSender(settings: stack.smtpSettings("cases", password: secret))
        let error = try #require(throws: MailTransportError.self) {
            try sender.send(OutgoingMail(envelopeFrom: stack.user("cases"), recipients: [stack.user("ana")], data: TestMessage.make()))
        }
        #expect(error.kind == .authenticationFailed)
        #expect(!error.message.contains(secret))
        #expect(!"\(sender.settings)".contains(secret))
    }

    @Test func untrustedCertificateIsRefused() throws {
        let stack = try LoopbackMailStack.require()
        var settings = stack.smtpSettings("cases")
        settings.tls.caFile = nil
        let error = try #require(throws: MailTransportError.self) {
            try SMTPSender(settings: settings).send(OutgoingMail(envelopeFrom: stack.user("cases"), recipients: [stack.user("ana")],
                                                                 data: TestMessage.make()))
        }
        #expect(error.kind == .tlsVerificationFailed)
        #expect(error.message.contains("tls.caFile"))
    }
}
