import Foundation
import MIMEMutation
import Testing
@testable import MIME

@Suite struct ComposerTests {
    private func outgoing(subject: String, body: String, html: String? = nil) -> OutgoingMessage {
        OutgoingMessage(
            from: EmailAddress(name: "Case Desk", address: "cases@caseconsultant.example"),
            to: [EmailAddress(name: "López, María", address: "mlopez@lakesideortho.example.com")],
            cc: [EmailAddress(address: "audit@caseconsultant.example")],
            replyTo: [EmailAddress(address: "cases@caseconsultant.example")],
            subject: subject, date: Date(timeIntervalSince1970: 1_741_011_262),
            messageID: "cc.1.abc@caseconsultant.example", inReplyTo: "CAF1x7Qm@mail.gmail.com",
            references: ["a@x.example", "CAF1x7Qm@mail.gmail.com"], textBody: body, htmlBody: html,
            extraHeaders: OutgoingMessage.automaticHeaders(loopValue: "caseconsultant.example"))
    }

    private func checkWireFormat(_ data: Data) {
        let bytes = [UInt8](data)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)")
        }
        for (index, byte) in bytes.enumerated() where byte == 0x0D {
            #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)")
        }
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 998)
        }
        #expect(bytes.allSatisfy { $0 < 0x80 }, "7-bit clean")
    }

    @Test func composesHeadersAndRoundTrips() throws {
        let data = try MessageComposer.compose(outgoing(subject: "Re: Coding question – prothèse totale de hanche [CC-1042]", body: "Use 27245.\nThanks"))
        checkWireFormat(data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(text.contains("X-Auto-Response-Suppress: All\r\n"))
        #expect(text.contains("X-CaseConsultant-Loop: caseconsultant.example\r\n"))
        #expect(text.contains("In-Reply-To: <CAF1x7Qm@mail.gmail.com>\r\n"))
        let parsed = try MessageParser.parse(data)
        #expect(parsed.subject == "Re: Coding question – prothèse totale de hanche [CC-1042]")
        #expect(parsed.to == [EmailAddress(name: "López, María", address: "mlopez@lakesideortho.example.com")])
        #expect(parsed.cc.map(\.address) == ["audit@caseconsultant.example"])
        #expect(parsed.messageID == "cc.1.abc@caseconsultant.example")
        #expect(parsed.references == ["a@x.example", "CAF1x7Qm@mail.gmail.com"])
        #expect(parsed.date == Date(timeIntervalSince1970: 1_741_011_262))
        #expect(parsed.text == "Use 27245.\nThanks")
    }

    @Test func htmlAlternativeRoundTrips() throws {
        let data = try MessageComposer.compose(outgoing(subject: "Review", body: "plain body", html: "<p>html body</p>"))
        checkWireFormat(data)
        let parsed = try MessageParser.parse(data)
        #expect(parsed.mimeType == "multipart/alternative")
        #expect(parsed.text == "plain body")
    }

    @Test func crlfFromIncomingMailCannotCreateHeaders() throws {
        var message = outgoing(subject: "Re: hi\r\nBcc: victim@evil.example\r\n\r\nInjected body", body: "ok")
        message.extraHeaders.append((name: "X-Original-Subject", value: "x\nX-Evil: 1"))
        message.to = [EmailAddress(name: "Jane\r\nBcc: v@evil.example", address: "jane@x.example")]
        let data = try MessageComposer.compose(message)
        let text = String(decoding: data, as: UTF8.self)
        let headerSection = text.components(separatedBy: "\r\n\r\n")[0]
        let fieldNames = headerSection.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }
            .compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(!fieldNames.contains("Bcc"))
        #expect(!fieldNames.contains("X-Evil"))
        let parsed = try MessageParser.parse(data)
        #expect(parsed.subject == "Re: hi Bcc: victim@evil.example Injected body")
        #expect(parsed.header("Bcc") == nil)
    }

    @Test(arguments: ["jane@x.example\r\nRCPT TO:<v@evil.example>", "jane@x.example>", "no-at-sign", "a b@x.example", "@x.example", "jane@", "jane@-x.example", "ja..ne@x.example"])
    func invalidAddressesRejected(_ address: String) {
        var message = outgoing(subject: "s", body: "b")
        message.to = [EmailAddress(address: address)]
        #expect(throws: MIMEError.self) { try MessageComposer.compose(message) }
    }

    @Test func invalidMessageIDsAndHeaderNamesRejected() {
        var message = outgoing(subject: "s", body: "b")
        message.inReplyTo = "abc@x.example>\r\nBcc: v@evil.example"
        #expect(throws: MIMEError.self) { try MessageComposer.compose(message) }
        message = outgoing(subject: "s", body: "b")
        message.extraHeaders = [(name: "Bad Name", value: "v")]
        #expect(throws: MIMEError.self) { try MessageComposer.compose(message) }
    }

    @Test func messageIDsAreUniqueAndValid() throws {
        let ids = (0..<100).map { _ in MessageIDGenerator.make(domain: "caseconsultant.example") }
        #expect(Set(ids).count == 100)
        for id in ids { _ = try MessageComposer.angle(id) }
    }

    /// Property: random subjects and bodies (non-ASCII, long lines, "From ", ".", trailing
    /// spaces, "=") always compose to a valid wire format and parse back unchanged.
    @Test func randomMessagesRoundTrip() throws {
        var random = SeededRandom(seed: 0xC0FFEE)
        let alphabet: [String] = ["a", "b", "Z", " ", " ", "=", ".", "-", "é", "ü", "–", "“", "中", "😀", "\t", "?", "_", ">", "From ", "=?", "~"]
        func randomText(_ maxLength: Int, newlines: Bool) -> String {
            var text = ""
            let length = Int.random(in: 0...maxLength, using: &random)
            for _ in 0..<length {
                if newlines && Int.random(in: 0..<30, using: &random) == 0 {
                    text += ["\n", "\n.\n", "\nFrom me\n", "\n.leading dot\n", "\n-- \n"].randomElement(using: &random)!
                } else {
                    text += alphabet.randomElement(using: &random)!
                }
            }
            return text
        }
        for iteration in 0..<300 {
            var subject = randomText(iteration % 7 == 0 ? 400 : 60, newlines: false)
            if subject.trimmingCharacters(in: .whitespaces).isEmpty { subject = "s" }
            var body = randomText(iteration % 5 == 0 ? 3_000 : 300, newlines: true)
            if iteration % 11 == 0 { body += String(repeating: "x", count: 2_000) }   // one very long line
            let data = try MessageComposer.compose(outgoing(subject: subject, body: body, html: iteration % 3 == 0 ? "<p>h</p>" : nil))
            checkWireFormat(data)
            let parsed = try MessageParser.parse(data)
            let expectedSubject = subject.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            let parsedSubject = (parsed.subject ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            #expect(parsedSubject == expectedSubject, "iteration \(iteration)")
            var expectedBody = body
            while expectedBody.hasSuffix("\n") || expectedBody.hasSuffix(" ") || expectedBody.hasSuffix("\t") { expectedBody.removeLast() }
            var parsedBody = parsed.text
            while parsedBody.hasSuffix("\n") || parsedBody.hasSuffix(" ") || parsedBody.hasSuffix("\t") { parsedBody.removeLast() }
            let trimmedExpected = expectedBody.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
            #expect(parsedBody == String(trimmedExpected), "iteration \(iteration)")
        }
    }
}
