import Foundation
import MailTransport
import MailStackSupport
import Testing

/// XOAUTH2 bearer tokens against Dovecot, which validates HS256 JWTs with the stack's test key.
@Suite(.needsMailStack)
struct OAuth2IntegrationTests {
    /// A JWT for `subject`, signed with the stack's key (HMAC-SHA256 computed by Python: the
    /// project has no crypto library and the tests need none beyond this).
    static func token(for subject: String, stack: LoopbackMailStack, key: String? = nil) throws -> String {
        let script = """
        import base64, hmac, hashlib, json, sys, time
        b = lambda d: base64.urlsafe_b64encode(d).rstrip(b'=').decode()
        now = int(time.time())
        head = b(json.dumps({'alg': 'HS256', 'typ': 'JWT', 'kid': 'default'}).encode())
        body = b(json.dumps({'sub': sys.argv[1], 'iat': now, 'nbf': now - 5, 'exp': now + 600}).encode())
        sig = b(hmac.new(sys.argv[2].encode(), (head + '.' + body).encode(), hashlib.sha256).digest())
        print(head + '.' + body + '.' + sig)
        """
        let result = ProcessRunner.run(["python3", "-c", script, subject, key ?? stack.values["MAILSTACK_OAUTH2_HS256_KEY"] ?? ""])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func imapLogsInWithABearerToken() throws {
        let stack = try LoopbackMailStack.require()
        var settings = stack.imapSettings("test2", implicitTLS: true)
        settings.secret = .oauth2Token(try Self.token(for: stack.user("test2"), stack: stack))
        let session = try IMAPMailbox(settings: settings).openSession()
        defer { session.close() }
        #expect(try session.status().uidValidity > 0)
    }

    @Test func aBadTokenIsAnAuthenticationErrorThatNeverShowsTheToken() throws {
        let stack = try LoopbackMailStack.require()
        let token = try Self.token(for: stack.user("test2"), stack: stack, key: "not-the-key")
        var settings = stack.imapSettings("test2")
        settings.secret = .oauth2Token(token)
        let error = try #require(throws: MailTransportError.self) { try IMAPMailbox(settings: settings).open() }
        #expect(error.kind == .authenticationFailed)
        #expect(!error.message.contains(token))
        #expect(!"\(settings)".contains(token))
    }

    @Test func smtpSendsWithABearerToken() throws {
        let stack = try LoopbackMailStack.require()
        var settings = stack.smtpSettings("cases")
        settings.secret = .oauth2Token(try Self.token(for: stack.user("cases"), stack: stack))
        let report = try SMTPSender(settings: settings).send(
            OutgoingMail(envelopeFrom: stack.user("cases"), recipients: [stack.user("bo")], data: TestMessage.make(to: stack.user("bo"))))
        #expect(report.accepted == [stack.user("bo")])
    }
}
