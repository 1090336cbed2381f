import Foundation
import MailTransport
import MailStackSupport
import Testing

@Suite(.needsMailStack)
struct ServerStoppedTests {
    @Test func aServerThatGoesSilentTimesOutWithinTheIdleTimeout() throws {
        let stack = try LoopbackMailStack.require()
        let proxy = try TCPRelay(targetPort: stack.port("IMAPS"))
        let session = try IMAPMailbox(settings: stack.imapSettings("test2", implicitTLS: true, idle: 2, port: proxy.port)).openSession()
        defer { session.close() }
        _ = try session.status()
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
        let session = try IMAPMailbox(settings: stack.imapSettings("test2", idle: 2, port: proxy.port)).openSession()
        defer { session.close() }
        _ = try session.status()
        proxy.stop()
        let started = Date()
        let error = try #require(throws: MailTransportError.self) { try session.status() }
        #expect([.connectionFailed, .connectionLost].contains(error.kind))
        #expect(error.isTemporary)
        #expect(error.message.contains("127.0.0.1:\(proxy.port)"))
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
