import Foundation
import MailStackSupport
import Testing
@testable import CaseDesk

/// A desk deployed against the loopback stack as a customer would deploy it: the built binary,
/// a config file, IMAP with STARTTLS and the test CA, submission with STARTTLS + AUTH, secrets
/// from a file (IMAP) and an environment variable (SMTP).
///
/// Isolation: the stack's accounts are shared with other tests running at the same time, so the
/// desk polls a folder of its own (`E2E-<run>` in the `cases` account) instead of INBOX, and
/// `sortIncoming` plays the part of a server-side filter rule: mail carrying this run's
/// `X-E2E-Run` header is moved from INBOX into that folder. Every subject carries the run id, so
/// what the consultant and the submitter receive is found by subject.
struct StackDesk {
    let stack: LoopbackMailStack
    let run = "e2e" + UUID().uuidString.prefix(8).lowercased()
    let root: URL
    var caseFolder: String { "E2E-\(run)" }
    var processedFolder: String { "E2E-\(run)-Processed" }
    var failedFolder: String { "E2E-\(run)-Failed" }
    var configPath: String { root.appendingPathComponent("config.json").path }
    var smtpEnvironment: [String: String] { ["E2E_SMTP_PASSWORD": stack.password("cases")] }
    /// Everything the tool wrote to stderr over the whole run.
    private let logs = LogCollector()
    var log: String { logs.text }

    init(stack: LoopbackMailStack, smtpPort: Int? = nil, mailbox: String? = nil, maxMessageBytes: Int? = nil) throws {
        self.stack = stack
        root = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let passwordFile = root.appendingPathComponent("imap-password")
        try Data((stack.password("cases") + "\n").utf8).write(to: passwordFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        let imapURL = mailbox ?? "imap://\(stack.host):\(stack.port("IMAP"))/\(caseFolder)"
        let json = """
        { "mailbox": { "url": "\(imapURL)", "username": "\(stack.user("cases"))", "passwordFile": "imap-password",
                       "processedFolder": "\(processedFolder)", "failedFolder": "\(failedFolder)" },
          "smtp": { "url": "smtp://\(stack.host):\(smtpPort ?? stack.port("SUBMISSION"))", "username": "\(stack.user("cases"))",
                    "passwordEnv": "E2E_SMTP_PASSWORD", "from": "CaseConsultant <\(stack.user("cases"))>" },
          "review": { "draftTo": ["\(stack.user("ana"))"], "approvers": ["\(stack.user("ana"))"] },
          "submitters": { "allow": ["\(stack.user("coder1"))"], "unknownSenders": "ignore" },
          "store": { "path": "cases.sqlite" },
          "templates": "\(Tool.packageRoot.appendingPathComponent("Templates").path)",
          "tls": { "caFile": "\(stack.caFile)" },
          "replies": { "messageIdDomain": "desk-\(run).example.test", "timeZone": "UTC" },
          "outbox": { "retryInitialSeconds": 0 },
          "timeouts": { "connectSeconds": 5, "idleSeconds": 20 },
          "daemon": { "lockWaitSeconds": 10 }\(maxMessageBytes.map { #", "limits": { "maxMessageBytes": \#($0) }"# } ?? "") }
        """
        try Data(json.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// The server-side filter: this run's mail from INBOX into the desk's folder.
    func sortIncoming(expect count: Int) throws {
        let uids = try stack.waitFor("cases", "HEADER X-E2E-Run \(run)", count: count)
        #expect(uids.count == count, "expected \(count) message(s) for the case mailbox, found \(uids.count)")
        stack.createFolder("cases", caseFolder)
        try stack.move("cases", uids: uids, from: "INBOX", to: caseFolder)
    }

    @discardableResult
    func tool(_ arguments: [String], stdin: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolResult {
        let result = try Tool.run(arguments + ["--config", configPath], stdin: stdin, environment: smtpEnvironment, sourceLocation: sourceLocation)
        logs.append(result.stderr)
        return result
    }

    /// Messages of this run in an account's INBOX, parsed, by UID.
    func messages(_ account: String, subjectContaining text: String? = nil) throws -> [ParsedMail] {
        try stack.search(account, "SUBJECT \"\(text ?? run)\"").map {
            try MIMEMailCodec().parse(try stack.fetch(account, uid: $0), maxBytes: 10_000_000)
        }
    }

    /// Waits for `count` messages of this run in an account's INBOX, then a moment more to see
    /// that no extra one follows.
    func waitForMessages(_ account: String, count: Int) throws -> [ParsedMail] {
        _ = try stack.waitFor(account, "SUBJECT \"\(run)\"", count: count)
        usleep(1_500_000)
        return try messages(account)
    }

    func cleanUp() {
        for folder in [caseFolder, processedFolder, failedFolder] { stack.deleteFolder("cases", folder) }
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: Mail the people write

    func caseMail(id: String, subject: String, contentType: String = "text/plain; charset=utf-8", body: String,
                  inReplyTo: [String] = [], extraHeaders: String = "") -> String {
        """
        From: Coder One <\(stack.user("coder1"))>
        To: Case Desk <\(stack.user("cases"))>
        Subject: \(subject)
        Date: \(Self.dateText())
        Message-ID: <\(id)>
        \(inReplyTo.isEmpty ? "" : "In-Reply-To: <\(inReplyTo.last!)>\nReferences: \(inReplyTo.map { "<\($0)>" }.joined(separator: " "))\n")X-E2E-Run: \(run)
        \(extraHeaders)MIME-Version: 1.0
        Content-Type: \(contentType)

        \(body)

        """
    }

    /// The consultant's answer, as a mail client writes a reply: threaded under the draft and,
    /// with `quoting`, the whole draft quoted below the answer (markers included).
    func answer(to draft: ParsedMail, body: String, quoting: Bool = false) -> String {
        let draftID = draft.headers.messageID ?? ""
        var body = body
        if quoting {
            let quoted = draft.text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
            body += "\n\nOn \(Self.dateText()), CaseConsultant <\(stack.user("cases"))> wrote:\n" + quoted
        }
        return """
        From: Ana Consultant <\(stack.user("ana"))>
        To: \(stack.user("cases"))
        Subject: Re: \(draft.headers.subject)
        Date: \(Self.dateText())
        Message-ID: <answer-\(UUID().uuidString.lowercased())@consultants.example.test>
        In-Reply-To: <\(draftID)>
        References: <\(draftID)>
        X-E2E-Run: \(run)
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        \(body)

        """
    }

    static func dateText() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }
}

@Suite("End to end on the loopback mail stack", .needsMailStack)
struct EndToEndTests {
    @Test func threeCasesAreDraftedAnsweredByEmailAndRepliedToInThread() throws {
        let stack = try LoopbackMailStack.require()
        _ = try Tool.executable()
        let desk = try StackDesk(stack: stack)
        let run = desk.run
        let cases = stack.user("cases")
        let check = try desk.tool(["config", "check"])
        #expect(check.exited == 0, "config check: \(check.stdout) \(check.stderr)")
        #expect(!check.stdout.contains(stack.password("cases")))

        // 1. One case all the way to a reply, so that a later message can answer that reply.
        let hipID = "hip-\(run)@clinic.example.test"
        try stack.sendWithSwaks(from: "coder1", to: [cases], message: desk.caseMail(
            id: hipID, subject: "Hip fracture \(run)",
            body: "How would you code this?\n\nOpen reduction and internal fixation of a displaced left femoral neck fracture with three cannulated screws. Zebrafinch."))
        try desk.sortIncoming(expect: 1)
        var poll = try desk.tool(["poll"])
        #expect(poll.exited == 0, "poll: \(poll.stderr)")
        let firstDrafts = try desk.waitForMessages("ana", count: 1)
        try #require(firstDrafts.count == 1)
        #expect(firstDrafts[0].text.contains("27236"))
        try stack.sendWithSwaks(from: "ana", to: [cases], message: desk.answer(to: firstDrafts[0], body: "APPROVE\n\nLooks right."))
        try desk.sortIncoming(expect: 1)
        poll = try desk.tool(["poll"])
        #expect(poll.exited == 0, "poll: \(poll.stderr)")
        let firstReplies = try desk.waitForMessages("coder1", count: 1)
        try #require(firstReplies.count == 1)
        let firstReply = firstReplies[0]
        let hipCase = try #require(CaseTag.caseID(inSubject: firstReply.headers.subject))
        #expect(firstReply.headers.inReplyTo == [hipID])

        // 2. Three more messages: an HTML-only case, a case whose op note is a .txt attachment, and
        //    the submitter's reply to the reply above (a follow-up that reopens the hip case).
        let htmlID = "tibia-\(run)@clinic.example.test"
        try stack.sendWithSwaks(from: "coder1", to: [cases], message: desk.caseMail(
            id: htmlID, subject: "Tibia nail \(run)", contentType: "text/html; charset=utf-8",
            body: "<html><body><p>How would you code this?</p><p><b>Procedure:</b> Open treatment of a left tibial shaft fracture "
                + "with an intramedullary nail.</p><p>Zebrafinch</p></body></html>"))
        let attachmentID = "ankle-\(run)@clinic.example.test"
        let boundary = "b-\(run)"
        try stack.sendWithSwaks(from: "coder1", to: [cases], message: desk.caseMail(
            id: attachmentID, subject: "Ankle op note \(run)", contentType: "multipart/mixed; boundary=\"\(boundary)\"",
            body: """
            --\(boundary)
            Content-Type: text/plain; charset=utf-8

            Op note attached.

            --\(boundary)
            Content-Type: text/plain; charset=utf-8; name="opnote.txt"
            Content-Disposition: attachment; filename="opnote.txt"

            PROCEDURE: Open treatment of a right trimalleolar ankle fracture with plate and screw fixation of the lateral malleolus. Zebrafinch.
            --\(boundary)--
            """))
        let followUpID = "hip-more-\(run)@clinic.example.test"
        let replyID = try #require(firstReply.headers.messageID)
        try stack.sendWithSwaks(from: "coder1", to: [cases], message: desk.caseMail(
            id: followUpID, subject: "Re: \(firstReply.headers.subject)", body: """
            One more detail: the fracture was displaced and reduced open. Zebrafinch.

            On a recent day, CaseConsultant wrote:
            > Thank you for your case
            """, inReplyTo: [hipID, replyID]))
        try desk.sortIncoming(expect: 3)
        poll = try desk.tool(["poll"])
        #expect(poll.exited == 0, "poll: \(poll.stderr)")
        #expect(poll.stdout.contains("3 message(s), 2 new case(s), 1 follow-up(s)"), "\(poll.stdout)")

        let allDrafts = try desk.waitForMessages("ana", count: 4)
        #expect(allDrafts.count == 4, "the consultant should hold exactly four drafts: \(allDrafts.map(\.headers.subject))")
        func draft(_ subject: String) throws -> ParsedMail {
            try #require(allDrafts.last { $0.headers.subject.contains(subject) }, "no draft for \(subject)")
        }
        let tibiaDraft = try draft("Tibia nail"), ankleDraft = try draft("Ankle op note"), hipDraft = try draft("(follow-up) Hip fracture")
        for mail in [tibiaDraft, ankleDraft, hipDraft] {
            #expect(mail.headers.subject.hasPrefix("[CC-"))
            #expect(mail.headers.subject.contains("] Review: "))
            #expect(mail.text.contains(ReviewAnswerParser.beginMarker))
            #expect(mail.headers.header("Auto-Submitted") == "auto-generated")
        }
        #expect(tibiaDraft.text.contains("27759"), "the HTML-only case was read")
        #expect(ankleDraft.text.contains("27822"), "the attached op note was read")
        #expect(hipDraft.text.contains("FOLLOW-UP"))
        #expect(CaseTag.caseID(inSubject: hipDraft.headers.subject) == hipCase)

        // 3. The consultant answers by email: approve, approve with an edit, reject.
        let editedText = "Hello,\n\nCode 27822-RT for this trimalleolar fracture; the medial side was not fixed. (edited \(run))\n\nKind regards"
        //    Both approvals quote the whole draft below, markers and all, as mail clients do.
        try stack.sendWithSwaks(from: "ana", to: [cases], message: desk.answer(to: hipDraft, body: "APPROVE", quoting: true))
        try stack.sendWithSwaks(from: "ana", to: [cases], message: desk.answer(to: ankleDraft, body: """
            APPROVE

            \(ReviewAnswerParser.beginMarker)
            \(editedText)
            \(ReviewAnswerParser.endMarker)
            """, quoting: true))
        try stack.sendWithSwaks(from: "ana", to: [cases], message: desk.answer(to: tibiaDraft, body: "REJECT: the submitter must send the full op note"))
        try desk.sortIncoming(expect: 3)
        poll = try desk.tool(["poll"])
        #expect(poll.exited == 0, "poll: \(poll.stderr)")
        #expect(poll.stdout.contains("3 review answer(s), 2 sent"), "\(poll.stdout)")

        // 4. Exactly two new final replies, threaded under the submitter's messages.
        let replies = try desk.waitForMessages("coder1", count: 3)
        #expect(replies.count == 3, "the submitter should hold the first reply and exactly two new ones: \(replies.map(\.headers.subject))")
        let ankleReply = try #require(replies.first { $0.headers.subject.contains("Ankle op note") })
        let hipReplies = replies.filter { $0.headers.subject.contains("Hip fracture") }
        #expect(hipReplies.count == 2)
        #expect(!replies.contains { $0.headers.subject.contains("Tibia nail") }, "a rejected case gets no reply")
        let secondHipReply = try #require(hipReplies.last)
        for (reply, original) in [(ankleReply, attachmentID), (secondHipReply, followUpID)] {
            let caseID = try #require(CaseTag.caseID(inSubject: reply.headers.subject))
            #expect(reply.headers.subject.hasPrefix("Re: "))
            #expect(reply.headers.subject.hasSuffix("[\(caseID)]"))
            #expect(reply.headers.inReplyTo == [original])
            #expect(reply.headers.references.contains(original))
            #expect(reply.headers.from == cases)
            #expect(reply.headers.header("Auto-Submitted") == nil, "a reply a person approved is not automatic")
        }
        // The reply to the follow-up answers it, and References hold the whole conversation.
        #expect(secondHipReply.headers.references == [hipID, replyID, followUpID])
        #expect(secondHipReply.text.contains("27236"))
        #expect(secondHipReply.text.contains("Our suggested coding"), "a quoted, unchanged draft is a plain approval")
        #expect(secondHipReply.text.contains("certified coder"))
        #expect(ankleReply.text.trimmingCharacters(in: .whitespacesAndNewlines) == editedText)
        #expect(!ankleReply.text.contains("Our suggested coding"), "the edited text replaces the draft")

        // 5. The case mailbox: nothing left, everything in the processed folder, nothing failed.
        #expect(try stack.search("cases", folder: desk.caseFolder, "ALL").isEmpty)
        #expect(try stack.search("cases", folder: desk.processedFolder, "ALL").count == 8)
        #expect(try stack.search("cases", folder: desk.failedFolder, "ALL").isEmpty)
        #expect(try stack.search("cases", folder: desk.processedFolder, "KEYWORD $CaseConsultantDone").count == 8)

        // 6. The audit trail shows every step.
        let list = try desk.tool(["cases", "list"])
        #expect(list.exited == 0)
        #expect(list.stdout.split(separator: "\n").count == 3, "\(list.stdout)")
        let ankleCase = try #require(CaseTag.caseID(inSubject: ankleReply.headers.subject))
        let tibiaCase = try #require(CaseTag.caseID(inSubject: tibiaDraft.headers.subject))
        let expectedTrails: [(String, String, [String])] = [
            (hipCase, "replied", ["case.received", "draft.queued", "draft.sent", "review.approved", "reply.sent",
                                  "case.follow-up", "draft.queued", "draft.sent", "review.approved", "reply.sent"]),
            (ankleCase, "replied", ["case.received", "draft.queued", "draft.sent", "review.approved-edited", "reply.sent"]),
            (tibiaCase, "rejected", ["case.received", "draft.queued", "draft.sent", "review.rejected"]),
        ]
        for (caseID, status, actions) in expectedTrails {
            let show = try desk.tool(["cases", "show", caseID])
            #expect(show.exited == 0)
            #expect(show.stdout.contains("status:    \(status)"), "\(caseID): \(show.stdout)")
            let trail = show.stdout.split(separator: "\n").filter { $0.hasPrefix("    ") }
                .compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init) }
            #expect(trail == actions, "\(caseID) audit trail")
            #expect(show.stdout.contains("review.") && show.stdout.contains(stack.user("ana")), "the consultant is named as actor")
        }

        // 7. Logs of the whole run: events only, never the narratives or a password.
        #expect(desk.log.contains("event=poll.done"))
        #expect(LogPrivacy.leaks(in: desk.log, secrets: [stack.password("cases")]).isEmpty, "\(desk.log)")
        desk.cleanUp()
    }

    /// Mail over the size limit, through the real servers: the desk reads only its header over
    /// IMAP, the submitter gets the too-large notice in the thread, and the message waits in the
    /// failed folder, still unread.
    @Test func oversizeMailGetsANoticeAndWaitsUnreadInTheFailedFolder() throws {
        let stack = try LoopbackMailStack.require()
        _ = try Tool.executable()
        let desk = try StackDesk(stack: stack, maxMessageBytes: 65_536)
        let bigID = "scan-\(desk.run)@clinic.example.test"
        let filler = String(repeating: "Quetzalbody scanned page, far too much of it for a case mailbox.\n", count: 4_000)
        try stack.sendWithSwaks(from: "coder1", to: [stack.user("cases")], message: desk.caseMail(
            id: bigID, subject: "Scanned op note \(desk.run)", body: filler))
        try desk.sortIncoming(expect: 1)
        let poll = try desk.tool(["poll"])
        #expect(poll.exited == 0, "poll: \(poll.stderr)")
        #expect(poll.stdout.contains("1 message(s)") && poll.stdout.contains("1 sent"), "\(poll.stdout)")

        let notices = try desk.waitForMessages("coder1", count: 1)
        try #require(notices.count == 1)
        #expect(notices[0].headers.subject == "Re: Scanned op note \(desk.run)")
        #expect(notices[0].headers.inReplyTo == [bigID])
        #expect(notices[0].text.contains("larger than 64 KB"))
        #expect(notices[0].headers.header("Auto-Submitted") == "auto-generated")

        #expect(try stack.search("cases", folder: desk.caseFolder, "ALL").isEmpty)
        #expect(try stack.search("cases", folder: desk.processedFolder, "ALL").isEmpty)
        #expect(try stack.search("cases", folder: desk.failedFolder, "UNSEEN KEYWORD $CaseConsultantDone").count == 1)
        #expect(desk.log.contains("event=message.tooLarge") && !desk.log.contains("Quetzalbody"))
        desk.cleanUp()
    }

    /// The submission server goes away (only this test's private proxy is stopped, never the
    /// shared stack): drafts wait in the outbox, poll exits 75, the next poll sends them.
    @Test func smtpDownDuringAPollKeepsDraftsInTheOutboxUntilTheNextPoll() throws {
        let stack = try LoopbackMailStack.require()
        var proxy = try TCPRelay(targetPort: stack.port("SUBMISSION"))
        let port = proxy.port
        proxy.stop()
        let desk = try StackDesk(stack: stack, smtpPort: port, mailbox: "maildir:Maildir")
        let maildir = desk.root.appendingPathComponent("Maildir")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for index in 0..<2 {
            try MaildirDelivery.deliver(desk.caseMail(id: "down-\(index)-\(desk.run)@clinic.example.test", subject: "Down \(index) \(desk.run)",
                                                      body: "Open reduction and internal fixation of the left femoral neck. Zebrafinch."), to: maildir)
        }

        let down = try desk.tool(["poll"])
        #expect(down.exited == 75, "exit \(down.status): \(down.stderr)")
        #expect(down.stderr.contains("wait in the outbox"))
        #expect(down.stdout.contains("2 new case(s)"))
        let list = try desk.tool(["cases", "list"])
        let ids = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(ids.count == 2)
        // The round stops at the first temporary failure (the next would fail the same way), so
        // one draft records the attempt and its error, the other has not been tried.
        let shows = try ids.map { try desk.tool(["cases", "show", $0]).stdout }
        #expect(shows.allSatisfy { $0.contains("outbox draft: queued") }, "\(shows)")
        #expect(shows.contains { $0.contains("outbox draft: queued, 1 attempt(s), last error: ") }, "\(shows)")
        #expect(try stack.search("ana", "SUBJECT \"\(desk.run)\"").isEmpty)

        proxy = try TCPRelay(targetPort: stack.port("SUBMISSION"), port: port)
        defer { proxy.stop() }
        let up = try desk.tool(["poll"])
        #expect(up.exited == 0, "exit \(up.status): \(up.stderr)")
        #expect(up.stdout.contains("0 message(s)") && up.stdout.contains("2 sent"), "\(up.stdout)")
        let drafts = try desk.waitForMessages("ana", count: 2)
        #expect(drafts.count == 2)
        #expect(Set(drafts.compactMap(\.headers.messageID)).count == 2)
        let again = try desk.tool(["poll"])
        #expect(again.exited == 0 && again.stdout.contains("0 sent"), "\(again.stdout)")
        #expect(LogPrivacy.leaks(in: desk.log, secrets: [stack.password("cases")]).isEmpty, "\(desk.log)")
        desk.cleanUp()
    }
}

enum MaildirDelivery {
    /// As an MTA delivers: write to tmp/, rename into new/, CRLF line ends.
    static func deliver(_ text: String, to maildir: URL) throws {
        let name = "\(Date().timeIntervalSince1970).\(UUID().uuidString).e2e"
        let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try Data(crlf.utf8).write(to: maildir.appendingPathComponent("tmp/\(name)"))
        try FileManager.default.moveItem(at: maildir.appendingPathComponent("tmp/\(name)"), to: maildir.appendingPathComponent("new/\(name)"))
    }
}
