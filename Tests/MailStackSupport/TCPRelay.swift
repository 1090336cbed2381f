import Foundation

/// A TCP relay in a child process (python3) between a client and one of the stack's servers.
/// A test freezes it (SIGSTOP: the server goes silent, sockets stay open) or stops it
/// (connections reset, nothing listens) mid-session, then may start a new one on the same
/// port: an outage and a recovery without touching the shared stack.
public final class TCPRelay: @unchecked Sendable {
    public let port: Int
    private let process: Process

    private static let script = """
    import socket, sys, threading
    target = ("127.0.0.1", int(sys.argv[1]))
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", int(sys.argv[2])))
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

    /// `port` 0 lets the system choose; pass an earlier relay's port to come back where it was.
    public init(targetPort: Int, port: Int = 0) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(targetPort), String(port)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let bound = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw StackUnavailable(reason: "the test relay did not start on port \(port)")
        }
        self.port = bound
    }

    public func freeze() { kill(process.processIdentifier, SIGSTOP) }

    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
    }

    deinit { stop() }
}
