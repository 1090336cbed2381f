import Foundation
import Testing
@testable import CaseDesk

extension DeskHarness {
    var configPath: String { root.appendingPathComponent("config.json").path }
    var processedFolder: URL { maildir.appendingPathComponent(".CaseConsultant.Processed") }

    /// Messages the desk moved to the processed folder so far.
    func processedCount() -> Int {
        ["new", "cur"].reduce(0) { total, sub in
            total + ((try? FileManager.default.contentsOfDirectory(atPath: processedFolder.appendingPathComponent(sub).path).count) ?? 0)
        }
    }

    func outboxFiles() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "eml" }
    }

    func tool(_ arguments: [String], stdin: Data? = nil, unset: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolResult {
        try Tool.run(arguments + ["--config", configPath], stdin: stdin, unset: unset, sourceLocation: sourceLocation)
    }

    func start(_ arguments: [String]) throws -> ToolProcess {
        try ToolProcess(arguments + ["--config", configPath])
    }

    /// `count` distinct cases, alternating hip and ankle narratives, each with the marker word.
    func deliverCases(_ count: Int, prefix: String = "case") throws {
        for index in 0..<count {
            let body = index.isMultiple(of: 2)
                ? "Open reduction and internal fixation of a displaced left femoral neck fracture. Zebrafinch \(index)."
                : "Open treatment of a right trimalleolar ankle fracture with plate fixation of the lateral malleolus. Zebrafinch \(index)."
            try deliver(Self.caseMail(id: "\(prefix)-\(index)@clinic.example.org", subject: "Case \(prefix) \(index)", body: body))
        }
    }

    /// What the store says after the processes are gone: every case exactly once, one draft each,
    /// one sent draft each, and the outbox directory agreeing.
    func expectEveryCaseOnce(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = try CaseStore(path: configuration.storePath)
        let cases = try store.cases()
        #expect(cases.count == count, "cases in the store", sourceLocation: sourceLocation)
        #expect(Set(cases.map(\.subject)).count == count, "one case per message", sourceLocation: sourceLocation)
        for record in cases {
            #expect(try store.drafts(caseID: record.id).count == 1, "\(record.id) drafted once", sourceLocation: sourceLocation)
        }
        #expect(try store.messageCount() == count, "one messages row per message", sourceLocation: sourceLocation)
        #expect(try store.auditTrail().filter { $0.action == "case.received" }.count == count, sourceLocation: sourceLocation)
        #expect(try store.outbox(status: .sent).count == count, sourceLocation: sourceLocation)
        let drafts = try sent()
        #expect(drafts.count == count, "draft files in the outbox", sourceLocation: sourceLocation)
        #expect(Set(drafts.compactMap(\.headers.messageID)).count == count, "distinct draft Message-IDs", sourceLocation: sourceLocation)
        #expect(try inboxCount() == 0, "nothing left in the inbox", sourceLocation: sourceLocation)
        #expect(processedCount() == count, "everything in the processed folder", sourceLocation: sourceLocation)
    }
}

/// The tool as cron, systemd and an MTA run it: separate processes, signals, the lock, stdin.
@Suite("caseconsultant as a process")
struct ProcessTests {
    @Test func pollKilledMidBatchAndRestartedLosesAndDuplicatesNothing() throws {
        let harness = try DeskHarness()
        let total = 40
        try harness.deliverCases(total)
        let poll = try harness.start(["poll"])
        // Kill as soon as a few messages are committed and moved: in the middle of the mailbox
        // round, before the outbox round has sent anything.
        var movedAtKill = -1
        let deadline = Date().addingTimeInterval(120)
        while poll.isRunning && Date() < deadline {
            let moved = harness.processedCount()
            if moved >= 3 {
                poll.signal(SIGKILL)
                movedAtKill = moved
                break
            }
            usleep(1_000)
        }
        let killed = try poll.wait(timeout: 30)
        try #require(killed.signaled && killed.status == SIGKILL, "the poll ended before it could be killed: \(killed.stderr)")
        #expect(movedAtKill < total)
        #expect(harness.outboxFiles().isEmpty, "killed before the outbox round")
        let committed = try CaseStore(path: harness.configuration.storePath).caseCount()
        #expect(committed >= movedAtKill && committed < total, "committed \(committed), moved \(movedAtKill)")

        let restart = try harness.tool(["poll"])
        #expect(restart.exited == 0, "\(restart.stderr)")
        try harness.expectEveryCaseOnce(total)
        #expect(LogPrivacy.leaks(in: killed.stderr + restart.stderr).isEmpty)
    }

    @Test(arguments: [0, 30])
    func twoPollsStartedAtOnceNeverProcessTwice(lockWaitSeconds: Int) throws {
        let harness = try DeskHarness(lockWaitSeconds: lockWaitSeconds)
        let total = 20
        try harness.deliverCases(total)
        let first = try harness.start(["poll"]), second = try harness.start(["poll"])
        let results = [try first.wait(timeout: 120), try second.wait(timeout: 120)]
        for result in results {
            #expect(result.exited == 0 || result.exited == 75, "exit \(result.status): \(result.stderr)")
            if result.exited == 75 { #expect(result.stderr.contains("another poll is running")) }
        }
        #expect(results.contains { $0.exited == 0 })
        if lockWaitSeconds > 0 {
            #expect(results.allSatisfy { $0.exited == 0 }, "the second poll waits for the first")
        }
        try harness.expectEveryCaseOnce(total)
        #expect(LogPrivacy.leaks(in: results.map(\.stderr).joined()).isEmpty)
    }

    @Test func daemonStoppedWithSIGTERMFinishesTheMessageInHandAndExitsZero() throws {
        let harness = try DeskHarness()
        let total = 30
        try harness.deliverCases(total)
        let daemon = try harness.start(["run", "--interval", "1"])
        let deadline = Date().addingTimeInterval(120)
        while daemon.isRunning && harness.processedCount() < 2 && Date() < deadline { usleep(1_000) }
        daemon.signal(SIGTERM)
        let result = try daemon.wait(timeout: 30)
        #expect(result.exited == 0, "exit \(result.status) signaled=\(result.signaled): \(result.stderr)")
        #expect(result.stderr.contains("event=daemon.signal"))
        #expect(result.stderr.contains("event=daemon.stopped"))
        // Every message that left the inbox is a committed case; none is half done.
        let moved = harness.processedCount(), left = try harness.inboxCount()
        #expect(moved + left == total)
        #expect(try CaseStore(path: harness.configuration.storePath).caseCount() == moved)

        let poll = try harness.tool(["poll"])
        #expect(poll.exited == 0, "\(poll.stderr)")
        try harness.expectEveryCaseOnce(total)
        #expect(LogPrivacy.leaks(in: result.stderr + poll.stderr).isEmpty)
    }

    @Test func idleDaemonStopsAtOnceOnSIGTERM() throws {
        let harness = try DeskHarness()
        let daemon = try harness.start(["run", "--interval", "600"])
        let deadline = Date().addingTimeInterval(60)
        while daemon.isRunning && !daemon.stderrSoFar.contains("event=poll.done") && Date() < deadline { usleep(10_000) }
        let signalled = Date()
        daemon.signal(SIGTERM)
        let result = try daemon.wait(timeout: 30)
        #expect(result.exited == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(signalled) < 10, "the sleep between cycles is cut short")
    }

    @Test func ingestTakesOneMessageFromStdinAndRefusesWhatItCannotUse() throws {
        let harness = try DeskHarness()
        let good = Data(DeskHarness.caseMail(id: "piped@clinic.example.org", subject: "Piped hip",
                                             body: "Open reduction and internal fixation of the left femoral neck. Zebrafinch.")
            .replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let taken = try harness.tool(["ingest"], stdin: good)
        #expect(taken.exited == 0, "\(taken.stderr)")
        #expect(harness.outboxFiles().count == 1, "the draft went out")

        // No header, no sender: nothing the desk can answer or keep. Exit 65 makes the MTA
        // return the message to its sender, so it is not silently dropped.
        let malformed = Data("this is not an email\njust some words\n".utf8)
        let refused = try harness.tool(["ingest"], stdin: malformed)
        #expect(refused.exited == 65, "exit \(refused.status): \(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1 || refused.stderr.contains("caseconsultant ingest:"))
        let empty = try harness.tool(["ingest"], stdin: Data())
        #expect(empty.exited == 65)

        // The same message piped twice (an MTA retry) is one case.
        let again = try harness.tool(["ingest"], stdin: good)
        #expect(again.exited == 0, "\(again.stderr)")

        let store = try CaseStore(path: harness.configuration.storePath)
        #expect(try store.caseCount() == 1)
        #expect(try store.cases().first?.status == .drafted)
        #expect(try store.auditTrail().contains { $0.action == "message.no-sender" })
        #expect(harness.outboxFiles().count == 1, "no notice, no second draft")
        #expect(LogPrivacy.leaks(in: taken.stderr + refused.stderr + again.stderr).isEmpty)
    }

    /// Over-limit mail is refused on its size: only its header is read (a full fetch would set
    /// \\Seen, a header peek does not), its sender is noticed, it is moved to the failed folder and
    /// audited; the rest of the batch goes on.
    /// The daemon codes with the deployment's data, not only the bundled knowledge base: a CMS
    /// fee schedule named in `coding.feeScheduleFile` that says modifier 50 does not apply to
    /// 27792 turns "27792-50" into two lines, RT and LT, in the consultant's draft.
    @Test func deskCodesWithTheDeploymentsFeeSchedule() throws {
        let mail = Data(DeskHarness.caseMail(id: "bilateral@clinic.example.org", subject: "Both ankles",
                                             body: "Bilateral ORIF of lateral malleolus fractures, right and left ankles, plate and screws.")
            .replacingOccurrences(of: "\n", with: "\r\n").utf8)
        func draft(extra: String) throws -> String {
            let harness = try DeskHarness(extra: extra)
            let result = try harness.tool(["ingest"], stdin: mail)
            #expect(result.exited == 0, "\(result.stderr)")
            return try harness.outboxFiles().map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        }
        let bundled = try draft(extra: "")
        #expect(bundled.contains("27792") && bundled.contains("modifiers 50"), "\(bundled)")
        let schedule = Tool.packageRoot.appendingPathComponent("Tests/CodingTests/Fixtures/fee-schedule/PPRRVU-SAMPLE.csv").path
        let deployed = try draft(extra: #", "coding": { "feeScheduleFile": "\#(schedule)" }"#)
        #expect(deployed.contains("27792") && !deployed.contains("modifiers 50"), "\(deployed)")
        #expect(deployed.contains("CMS fee schedule PPRRVU-SAMPLE.csv"), "\(deployed)")

        let harness = try DeskHarness(extra: #", "coding": { "feeScheduleFile": "missing/PPRRVU.csv" }"#)
        let broken = try harness.tool(["ingest"], stdin: mail)
        #expect(broken.exited == 78, "a named file that cannot be read is a configuration error: \(broken.stderr)")
        #expect(broken.stderr.contains("PPRRVU.csv"))
    }

    @Test func overLimitMailIsNotFetchedAndGoesToTheFailedFolder() throws {
        let harness = try DeskHarness(extra: #", "limits": { "maxMessageBytes": 4096 }"#)
        let filler = String(repeating: "Zebrafinch filler line of an enormous attachment.\n", count: 200)
        try harness.deliver(DeskHarness.caseMail(id: "big@clinic.example.org", subject: "Big", body: filler))
        try harness.deliverCases(1)
        let poll = try harness.tool(["poll"])
        #expect(poll.exited == 0, "\(poll.stderr)")
        #expect(poll.stderr.contains("event=message.tooLarge"))
        let failed = harness.maildir.appendingPathComponent(".CaseConsultant.Failed/cur")
        let names = try FileManager.default.contentsOfDirectory(atPath: failed.path)
        try #require(names.count == 1)
        let flags = names[0].components(separatedBy: ":2,").last ?? ""
        #expect(!flags.contains("S"), "the message was fetched (\\Seen set): \(names[0])")
        let store = try CaseStore(path: harness.configuration.storePath)
        #expect(try store.messageCount(outcome: .tooLarge) == 1)
        #expect(try store.auditTrail().contains { $0.action == "message.too-large" && $0.detail.contains("fetched=header-only") })
        #expect(try store.caseCount() == 1)
        #expect(harness.outboxFiles().count == 2, "the other case's draft and the too-large notice")
        // A second poll does not see it again.
        let again = try harness.tool(["poll"])
        #expect(again.stdout.hasPrefix("poll: 0 message(s)"), "\(again.stdout)")
    }

    /// cron and systemd often run without $USER or $LOGNAME: the audit names the uid's account.
    @Test func shellApprovalWithoutUSERNamesTheAccount() throws {
        let harness = try DeskHarness()
        try harness.deliverCases(1)
        #expect(try harness.tool(["poll"]).exited == 0)
        let caseID = try #require(try CaseStore(path: harness.configuration.storePath).cases().first?.id)
        let approve = try harness.tool(["cases", "approve", caseID], unset: ["USER", "LOGNAME"])
        #expect(approve.exited == 0, "\(approve.stderr)")
        let account = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid\(getuid())"
        let show = try harness.tool(["cases", "show", caseID])
        #expect(show.stdout.contains("review.approved  cli:\(account)"), "\(show.stdout)")
        #expect(!show.stdout.contains("cli:unknown"))
    }
}
