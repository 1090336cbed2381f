import Foundation
import MailTransport
@testable import CaseDesk

/// A stand-in engine: deterministic and narrative-sensitive enough for the desk's tests.
struct StubSuggester: CaseSuggester {
    func analyse(_ narrative: String) -> CaseAnalysis {
        let lowered = narrative.lowercased()
        guard lowered.contains("femoral neck") || lowered.contains("ankle") else {
            return CaseAnalysis(warnings: [.init(kind: "coverage", message: "outside coverage", codes: [])])
        }
        let code = lowered.contains("ankle") ? "27822" : "27236"
        return CaseAnalysis(procedures: [.init(code: code, descriptor: "descriptor \(code)", summary: "summary \(code)", confidence: 0.9,
                                               modifiers: ["LT"], evidence: ["left"])],
                            queries: [.init(topic: "displacement", question: "Was it displaced?")])
    }
}

/// A sender whose server is down.
struct DownSender: MailSender {
    func send(_ mail: OutgoingMail) throws -> DeliveryReport {
        throw MailTransportError(.connectionFailed, "connection to 127.0.0.1:1 refused")
    }
}

final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined() }
}

/// A desk on real files: a Maildir in, a directory outbox out, a store in a temp directory.
struct DeskHarness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let root: URL
    let configuration: DeskConfiguration
    let logs = LogCollector()

    var maildir: URL { root.appendingPathComponent("Maildir") }
    var outbox: URL { root.appendingPathComponent("outbox") }

    static let directoryOutbox = #"{ "url": "dir:outbox", "from": "CaseConsultant <cases@desk.example>" }"#

    init(extra: String = "", lockWaitSeconds: Int = 0, smtp: String = DeskHarness.directoryOutbox,
         unknownSenders: String = "notice") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("desk-\(UUID().uuidString)")
        for sub in ["Maildir/new", "Maildir/cur", "Maildir/tmp", "outbox"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let json = """
        { "mailbox": { "url": "maildir:Maildir" },
          "smtp": \(smtp),
          "review": { "draftTo": ["consultants@desk.example"], "approvers": ["ana@coders.example"] },
          "submitters": { "allow": ["*@clinic.example.org"], "unknownSenders": "\(unknownSenders)" },
          "store": { "path": "cases.sqlite" },
          "templates": "\(Self.packageRoot.appendingPathComponent("Templates").path)",
          "outbox": { "retryInitialSeconds": 0 },
          "daemon": { "lockWaitSeconds": \(lockWaitSeconds) },
          "replies": { "timeZone": "UTC" } \(extra) }
        """
        let file = root.appendingPathComponent("config.json")
        try Data(json.utf8).write(to: file)
        configuration = try ConfigurationLoader.load(path: file.path)
    }

    func desk(sender: (any MailSender)? = nil) throws -> DeskService {
        let logs = self.logs
        let outbox: any MailSender = try DirectoryOutbox(url: configuration.smtp.url)
        return DeskService(DeskDependencies(
            configuration: configuration, store: try CaseStore(path: configuration.storePath),
            templates: try DeskTemplates(directory: configuration.templatesDirectory), suggester: StubSuggester(),
            parser: MIMEMailCodec(), composer: MIMEMailCodec(), mailbox: try MaildirMailbox(url: configuration.mailbox.url),
            sender: sender ?? outbox, clock: .system,
            log: EventLog(sink: { logs.append($0) })))
    }

    /// Delivers a raw message into the Maildir as an MTA would.
    func deliver(_ text: String) throws {
        let name = "\(Date().timeIntervalSince1970).\(UUID().uuidString).test"
        let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try Data(crlf.utf8).write(to: maildir.appendingPathComponent("tmp/\(name)"))
        try FileManager.default.moveItem(at: maildir.appendingPathComponent("tmp/\(name)"), to: maildir.appendingPathComponent("new/\(name)"))
    }

    /// Messages written to the outbox, parsed, oldest first.
    func sent() throws -> [ParsedMail] {
        let files = try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: [.creationDateKey])
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try MIMEMailCodec().parse(try Data(contentsOf: $0), maxBytes: 10_000_000) }
    }

    func inboxCount() throws -> Int {
        var total = 0
        for sub in ["new", "cur"] {
            total += try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent(sub).path).count
        }
        return total
    }

    static func caseMail(id: String, from: String = "coder@clinic.example.org", subject: String = "Hip case", body: String,
                         extraHeaders: String = "", inReplyTo: String? = nil) -> String {
        """
        From: Coder <\(from)>
        To: cases@desk.example
        Subject: \(subject)
        Date: Sat, 21 Nov 2026 10:00:00 +0000
        Message-ID: <\(id)>
        \(inReplyTo.map { "In-Reply-To: <\($0)>\nReferences: <\($0)>\n" } ?? "")\(extraHeaders)MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        \(body)

        """
    }

    static func answer(to draft: ParsedMail, from: String = "ana@coders.example", body: String, id: String = UUID().uuidString + "@coders.example") -> String {
        let draftID = draft.headers.messageID ?? ""
        return """
        From: Ana <\(from)>
        To: cases@desk.example
        Subject: Re: \(draft.headers.subject)
        Date: Sat, 21 Nov 2026 11:00:00 +0000
        Message-ID: <\(id)>
        In-Reply-To: <\(draftID)>
        References: <\(draftID)>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        \(body)

        """
    }
}
