import Foundation
import MailTransport
import MailStackSupport
import Testing

/// What every MailSender must do, for SMTP (real submission server) and the directory outbox.
enum SenderKind: String, Sendable, CustomTestStringConvertible {
    case smtp, directory
    var testDescription: String { rawValue }
    static var all: [SenderKind] { LoopbackMailStack.shouldRun ? [.smtp, .directory] : [.directory] }

    func make() throws -> (sender: any MailSender, directory: URL?) {
        switch self {
        case .smtp:
            return (try MailTransportFactory.sender(try LoopbackMailStack.require().smtpSettings("cases")), nil)
        case .directory:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
            return (try MailTransportFactory.sender(SenderSettings(url: "dir:" + directory.path, maxMessageBytes: 2_000_000)), directory)
        }
    }
}

@Suite struct SenderBehaviourTests {
    @Test(arguments: SenderKind.all)
    func acceptsEveryValidRecipient(kind: SenderKind) throws {
        let (sender, directory) = try kind.make()
        defer { directory.map { try? FileManager.default.removeItem(at: $0) } }
        let report = try sender.send(OutgoingMail(envelopeFrom: "cases@example.test",
                                                  recipients: ["ana@example.test", "bo@example.test"], data: TestMessage.make()))
        #expect(report.accepted == ["ana@example.test", "bo@example.test"])
        #expect(report.refused.isEmpty)
    }

    @Test(arguments: SenderKind.all, [
        "bo@example.test\r\nRCPT TO:<evil@example.test>", "Bo <bo@example.test>", "bo example.test", "", "bo@", "@example.test",
    ])
    func refusesAddressesThatCouldInjectCommands(kind: SenderKind, address: String) throws {
        let (sender, directory) = try kind.make()
        defer { directory.map { try? FileManager.default.removeItem(at: $0) } }
        let error = try #require(throws: MailTransportError.self) {
            try sender.send(OutgoingMail(envelopeFrom: "cases@example.test", recipients: ["ana@example.test", address],
                                         data: TestMessage.make()))
        }
        #expect(error.kind == .invalidAddress)
        if let directory {
            #expect((try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.isEmpty ?? true)
        }
    }

    @Test(arguments: SenderKind.all)
    func refusesAnInjectedEnvelopeSender(kind: SenderKind) throws {
        let (sender, directory) = try kind.make()
        defer { directory.map { try? FileManager.default.removeItem(at: $0) } }
        #expect(throws: MailTransportError.self) {
            try sender.send(OutgoingMail(envelopeFrom: "cases@example.test>\r\nDATA", recipients: ["ana@example.test"],
                                         data: TestMessage.make()))
        }
    }
}

@Suite struct DirectoryOutboxTests {
    @Test func writesOneCRLFMessageWithItsEnvelopeAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let outbox = DirectoryOutbox(directory: directory)
        _ = try outbox.send(OutgoingMail(envelopeFrom: "cases@example.test", recipients: ["ana@example.test"],
                                         data: Data("Subject: bare LF\n\nline one\nline two\r\n".utf8)))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 2)
        let eml = try #require(files.first { $0.hasSuffix(".eml") })
        #expect(files.contains(eml.replacingOccurrences(of: ".eml", with: ".envelope.json")))
        let written = try Data(contentsOf: directory.appendingPathComponent(eml))
        #expect(written == Data("Subject: bare LF\r\n\r\nline one\r\nline two\r\n".utf8))
        let envelope = try DirectoryOutbox.envelope(ofMessageAt: directory.appendingPathComponent(eml))
        #expect(envelope.from == "cases@example.test")
        #expect(envelope.recipients == ["ana@example.test"])
    }

    @Test func refusesMessagesOverTheLimit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: MailTransportError.self) {
            try DirectoryOutbox(directory: directory, maxMessageBytes: 10)
                .send(OutgoingMail(envelopeFrom: "", recipients: ["ana@example.test"], data: TestMessage.make()))
        }
        #expect(error.kind == .messageTooLarge)
    }
}
