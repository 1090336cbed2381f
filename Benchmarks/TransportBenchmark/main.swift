// Lists and fetches N messages (default 2,000) from the loopback Dovecot of scripts/mailstack with
// IMAPSession, then does the same work with other real clients on the same folder in the same run:
// Python's imaplib (one connection), one curl process with every URL (one connection), and one
// curl process per message (what a shell script does; timed on a sample and extrapolated).
//
//   swift build -c release --product TransportBenchmark && .build/release/TransportBenchmark [N]
//
// Run from the package root; starts the stack when it is not running.
import Foundation
import MailTransport

func shell(_ arguments: [String], input: Data? = nil) -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    do { try process.run() } catch { return (127, Data()) }
    if let input {
        inputPipe.fileHandleForWriting.write(input)
        try? inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

func loadStack() -> [String: String] {
    let path = ProcessInfo.processInfo.environment["MAILSTACK_ENV"] ?? "/tmp/caseconsultant-mailstack/env"
    var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    if shell(["scripts/mailstack", "status"]).status != 0 || text.isEmpty {
        text = String(decoding: shell(["scripts/mailstack", "up"]).output, as: UTF8.self)
    }
    var values: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("export ") {
        let parts = line.dropFirst(7).split(separator: "=", maxSplits: 1)
        if parts.count == 2 { values[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
    }
    return values
}

func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 2000
let stack = loadStack()
guard let caFile = stack["MAILSTACK_CA_FILE"], let host = stack["MAILSTACK_HOST"], let port = stack["MAILSTACK_IMAP_PORT"],
      let user = stack["MAILSTACK_CODER1_USER"], let password = stack["MAILSTACK_CODER1_PASSWORD"] else {
    FileHandle.standardError.write(Data("the mail stack is not available: run scripts/mailstack up\n".utf8))
    exit(69)
}
let folder = "Benchmark-\(UUID().uuidString.prefix(8))"
func settings(_ folder: String) -> MailboxSettings {
    MailboxSettings(url: "imap://\(host):\(port)/\(folder)", username: user, secret: .password(password),
                    tls: TLSSettings(caFile: caFile))
}

do {
    // A realistic case message: headers plus a few KB of narrative.
    let narrative = String(repeating: "Patient placed supine; the left hip was prepped and draped. ", count: 40)
    let (_, seedSeconds) = try time {
        let session = try IMAPMailbox(settings: settings("INBOX")).openSession()
        defer { session.close() }
        for index in 0..<count {
            let message = "From: coder1@example.test\r\nTo: cases@example.test\r\nSubject: Case \(index)\r\n" +
                "Message-ID: <bench-\(index)-\(folder)@example.test>\r\n\r\n\(narrative)\r\n"
            try session.append(Data(message.utf8), to: folder, flags: [])
        }
    }
    print("seeded \(count) messages into \(user)/\(folder) by APPEND in \(String(format: "%.2f", seedSeconds)) s")

    // The first pass also makes Dovecot record \Seen on every message (a BODY[] fetch sets it);
    // the second pass does the same reads with nothing left to write, like the other clients.
    for pass in ["first pass, sets \\Seen", "second pass         "] {
        let ((ours, connections), oursSeconds) = try time { () -> (Int, Int) in
            let session = try IMAPMailbox(settings: settings(folder)).openSession()
            defer { session.close() }
            var bytes = 0
            for uid in try session.uids(after: 0) { bytes += try session.fetch(uid: uid).count }
            return (bytes, session.connectionsOpened)
        }
        print(String(format: "IMAPSession, %@: %7.2f s  %8.0f msg/s  %d bytes, %d connection(s)",
                     pass, oursSeconds, Double(count) / oursSeconds, ours, connections))
    }

    let python = """
    import imaplib, ssl, sys
    host, port, user, password, ca, folder = sys.argv[1:7]
    context = ssl.create_default_context(cafile=ca)
    imap = imaplib.IMAP4(host, int(port)); imap.starttls(context); imap.login(user, password)
    imap.select('"' + folder + '"', readonly=True)
    total = 0
    for uid in imap.uid("SEARCH", None, "UID 1:*")[1][0].split():
        typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
        total += len(data[0][1])
    imap.logout()
    print(total)
    """
    let (pythonResult, pythonSeconds) = time { shell(["python3", "-c", python, host, port, user, password, caFile, folder]) }
    print(String(format: "Python imaplib, one connection, PEEK:     %7.2f s  %8.0f msg/s  %@ bytes",
                 pythonSeconds, Double(count) / pythonSeconds,
                 String(decoding: pythonResult.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))

    // curl reads the URLs from a config file on stdin, so the password stays off the command line.
    let base = "imap://\(host):\(port)/\(folder)"
    // Options apply to every URL until "next", so the search gets its own block.
    let common = "ssl-reqd\ncacert = \"\(caFile)\"\nuser = \"\(user):\(password)\"\nsilent\n"
    var config = common + "url = \"\(base)\"\nrequest = \"UID SEARCH UID 1:*\"\noutput = \"/dev/null\"\nnext\n" + common
    for uid in 1...count { config += "url = \"\(base)/;UID=\(uid)\"\n" }
    let (curlResult, curlSeconds) = time { shell(["curl", "-K", "-"], input: Data(config.utf8)) }
    print(String(format: "curl, one process for all URLs:           %7.2f s  %8.0f msg/s  %d bytes (exit %d)",
                 curlSeconds, Double(count) / curlSeconds, curlResult.output.count, curlResult.status))

    let sample = min(count, 200)
    let (_, perProcessSeconds) = time {
        for uid in 1...sample {
            let one = "ssl-reqd\ncacert = \"\(caFile)\"\nuser = \"\(user):\(password)\"\nsilent\nurl = \"\(base)/;UID=\(uid)\"\n"
            _ = shell(["curl", "-K", "-"], input: Data(one.utf8))
        }
    }
    let perMessage = perProcessSeconds / Double(sample)
    print(String(format: "curl, one process per message:            %7.2f s  %8.0f msg/s  (%d-message sample: %.1f ms each, extrapolated)",
                 perMessage * Double(count), 1 / perMessage, sample, perMessage * 1000))
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
