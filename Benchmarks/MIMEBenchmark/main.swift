import Foundation
import MIME

// Parse throughput in a release build:
//   swift run -c release --scratch-path .build-mime MIMEBenchmark [FIXTURE_DIR]
// Prints MB/s over the fixture corpus (full parse: headers, MIME tree, text choice, narrative)
// and over a large synthetic message (10 MB attachment + text).

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Tests/MIMETests/Fixtures"
let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
let corpus = files.compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
guard !corpus.isEmpty else {
    FileHandle.standardError.write(Data("no .eml files in \(directory)\n".utf8))
    exit(66)
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

var htmlHeavy = Data("From: a@x.example\r\nSubject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8)
for index in 0..<20_000 { htmlHeavy.append(Data("<p class=MsoNormal>Line \(index) of the operative note &amp; findings<o:p></o:p></p>\r\n".utf8)) }
measure("synthetic HTML body (\(htmlHeavy.count / 1024) KB)", messages: [htmlHeavy], minimumSeconds: 3)
