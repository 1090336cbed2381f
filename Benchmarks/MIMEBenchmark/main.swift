import Foundation
import MIME
import MIMEMutation

// Parse throughput in a release build:
//   swift build -c release --scratch-path .build-mime2 --product MIMEBenchmark
//   .build-mime2/release/MIMEBenchmark [FIXTURE_DIR]
// Prints MB/s over the fixture corpus (full parse: headers, MIME tree, text choice, narrative)
// and over two large synthetic messages (10 MB attachment + text; 1.6 MB Outlook-style HTML).
//
//   MIMEBenchmark --dump [FIXTURE_DIR] > out.txt
// Prints what the parser makes of the corpus, 3,000 seeded mutations of it and the synthetic
// HTML body (text, narrative, ReplyText, attachments, warnings): diff two dumps to show that a
// speed-up changed no behaviour beyond the fixture expectations.

var arguments = Array(CommandLine.arguments.dropFirst())
let dumpMode = arguments.first == "--dump"
if dumpMode { arguments.removeFirst() }
let directory = arguments.first ?? "Tests/MIMETests/Fixtures"
let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
let corpus = files.compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
guard !corpus.isEmpty else {
    FileHandle.standardError.write(Data("no .eml files in \(directory)\n".utf8))
    exit(66)
}

func htmlHeavyMessage() -> Data {
    var html = Data("From: a@x.example\r\nSubject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8)
    for index in 0..<20_000 { html.append(Data("<p class=MsoNormal>Line \(index) of the operative note &amp; findings<o:p></o:p></p>\r\n".utf8)) }
    return html
}

if dumpMode {
    var inputs: [(String, [UInt8])] = zip(files, corpus).map { ($0, [UInt8]($1)) }
    var random = SeededRandom(seed: 20_250_303)
    // The test's fragments plus the reply, signature and HTML shapes narrative extraction reads.
    let fragments: [[UInt8]] = MessageMutator.boundaryAndHeaderFragments + ["-- \r\n",
                                "\r\nOn Mon, Mar 3, 2025 at 9:14 AM Jane <j@x.example> wrote:\r\n", "\r\nThanks,\r\nMaria\r\n",
                                "\r\nFrom: X\r\nSent: Monday\r\nTo: Y\r\n", "<br>", "<p>", "</td><td>", "&nbsp;", "<blockquote>",
                                "\r\n> quoted\r\n", "\u{A0}", "\r\n-----Original Message-----\r\n"].map { Array($0.utf8) }
    for iteration in 0..<3_000 {
        let bytes = MessageMutator.mutate([UInt8](corpus[iteration % corpus.count]), fragments: fragments, using: &random)
        inputs.append(("mutation \(iteration) of \(files[iteration % files.count])", bytes))
    }
    inputs.append(("synthetic HTML", [UInt8](htmlHeavyMessage())))
    var output = ""
    for (name, bytes) in inputs {
        output += "=== \(name)\n"
        do {
            let message = try MessageParser.parse(bytes)
            output += "--- text\n\(message.text)\n--- narrative\n\(message.narrative)\n--- reply\n\(ReplyText.newContent(of: message.text))\n"
            output += "--- attachments \(message.attachments)\n--- warnings \(message.warnings)\n"
        } catch {
            output += "--- error \(error)\n"
        }
        if output.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(output.utf8)); output = "" }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
    exit(0)
}

func measure(_ label: String, messages: [Data], minimumSeconds: Double) {
    let bytesPerRound = messages.reduce(0) { $0 + $1.count }
    let clock = ContinuousClock()
    let start = clock.now
    var rounds = 0
    var sink = 0
    while true {
        for message in messages {
            if let parsed = try? MessageParser.parse(message) { sink &+= parsed.narrative.utf8.count }
        }
        rounds += 1
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if seconds >= minimumSeconds {
            let megabytes = Double(bytesPerRound * rounds) / 1_048_576
            let perMessage = seconds / Double(rounds * messages.count) * 1e6
            print("\(label): \(messages.count) messages, \(bytesPerRound) bytes/round, \(rounds) rounds, "
                  + String(format: "%.1f MB/s, %.1f µs/message", megabytes / seconds, perMessage) + " (checksum \(sink % 1000))")
            return
        }
    }
}

measure("corpus", messages: corpus, minimumSeconds: 3)

var large = Data("From: a@x.example\r\nSubject: scan\r\nContent-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n".utf8)
large.append(corpus.first!)
large.append(Data("\r\n--big\r\nContent-Type: application/pdf; name=scan.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8))
let line = Data((String(repeating: "QUJD", count: 19) + "\r\n").utf8)
for _ in 0..<(10 * 1_048_576 / line.count) { large.append(line) }
large.append(Data("--big--\r\n".utf8))
measure("synthetic 10 MB attachment", messages: [large], minimumSeconds: 3)

let htmlHeavy = htmlHeavyMessage()
measure("synthetic HTML body (\(htmlHeavy.count / 1024) KB)", messages: [htmlHeavy], minimumSeconds: 3)
