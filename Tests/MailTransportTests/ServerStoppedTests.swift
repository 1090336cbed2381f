import Foundation
import MailTransport
import MailStackSupport
import Testing

@Suite(.needsMailStack)
struct ServerStoppedTests {
    /// What is under test is a server failing mid-session, with a short idle timeout. Opening
    /// the session (TLS, login, select through the relay) can itself exceed that timeout while
    /// the whole suite loads two cores, so the opening alone is retried.
    static func openThroughRelay(_ settings: MailboxSettings) throws -> any MailboxSession {
        var lastError: (any Error)?
        for _ in 0..<4 {
            do {
                let session = try IMAPMailbox(settings: settings).openSession()
                _ = try session.status()
                return session
            } catch let error as MailTransportError where error.kind == .timedOut {
                lastError = error
            }
        }
        throw lastError!
    }

    @Test func aServerThatGoesSilentTimesOutWithinTheIdleTimeout() throws {
        let stack = try LoopbackMailStack.require()
        let proxy = try TCPRelay(targetPort: stack.port("IMAPS"))
        let session = try Self.openThroughRelay(stack.imapSettings("test2", implicitTLS: true, idle: 2, port: proxy.port))
        defer { session.close() }
        proxy.freeze()
        defer { proxy.stop() }
        let started = Date()
        let error = try #require(throws: MailTransportError.self) { try session.uids(after: 0) }
        let elapsed = Date().timeIntervalSince(started)
        #expect(error.kind == .timedOut)
        #expect(error.isTemporary)
        #expect(error.message.contains("127.0.0.1:\(proxy.port)"))
        #expect(elapsed < 6, "gave up after \(elapsed) s, idle timeout 2 s")
    }

    @Test func aServerThatDisappearsIsAClearConnectionError() throws {
        let stack = try LoopbackMailStack.require()
        let proxy = try TCPRelay(targetPort: stack.port("IMAP"))
        let session = try Self.openThroughRelay(stack.imapSettings("test2", idle: 2, port: proxy.port))
        defer { session.close() }
        proxy.stop()
        let started = Date()
        let error = try #require(throws: MailTransportError.self) { try session.status() }
        #expect([.connectionFailed, .connectionLost].contains(error.kind))
        #expect(error.isTemporary)
        #expect(error.message.contains("127.0.0.1:\(proxy.port)"))
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
