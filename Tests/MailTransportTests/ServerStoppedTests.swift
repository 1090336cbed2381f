import Foundation
import MailTransport
import Testing

/// A TCP proxy between the client and Dovecot that the test can freeze (SIGSTOP: the server goes
/// silent, sockets stay open) or kill (connections reset, nothing listens any more) in the middle
/// of a session, without touching the shared stack.
final class StoppableProxy {
    let port: Int
    private let process: Process

    private static let script = """
    import socket, sys, threading
    target = ("127.0.0.1", int(sys.argv[1]))
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    print(server.getsockname()[1], flush=True)
    def pipe(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
    while True:
        client, _ = server.accept()
        upstream = socket.create_connection(target)
        threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
    """

    init(targetPort: Int) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(targetPort)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw MailStackUnavailable(reason: "the test proxy did not start")
        }
        self.port = port
    }

    func freeze() { Foundation.kill(process.processIdentifier, SIGSTOP) }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        Foundation.kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill() }
    }
}

@Suite(.needsMailStack)
struct ServerStoppedTests {
    @Test func aServerThatGoesSilentTimesOutWithinTheIdleTimeout() throws {
        let stack = try MailStack.require()
        let proxy = try StoppableProxy(targetPort: stack.port("IMAPS"))
        let session = try IMAPMailbox(settings: stack.imapSettings("test2", implicitTLS: true, idle: 2, port: proxy.port)).openSession()
        defer { session.close() }
        _ = try session.status()
        proxy.freeze()
        defer { proxy.kill() }
        let started = Date()
        let error = try #require(throws: MailTransportError.self) { try session.uids(after: 0) }
        let elapsed = Date().timeIntervalSince(started)
        #expect(error.kind == .timedOut)
        #expect(error.isTemporary)
        #expect(error.message.contains("127.0.0.1:\(proxy.port)"))
        #expect(elapsed < 6, "gave up after \(elapsed) s, idle timeout 2 s")
    }

    @Test func aServerThatDisappearsIsAClearConnectionError() throws {
        let stack = try MailStack.require()
        let proxy = try StoppableProxy(targetPort: stack.port("IMAP"))
        let session = try IMAPMailbox(settings: stack.imapSettings("test2", idle: 2, port: proxy.port)).openSession()
        defer { session.close() }
        _ = try session.status()
        proxy.kill()
        let started = Date()
        let error = try #require(throws: MailTransportError.self) { try session.status() }
        #expect([.connectionFailed, .connectionLost].contains(error.kind))
        #expect(error.isTemporary)
        #expect(error.message.contains("127.0.0.1:\(proxy.port)"))
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
