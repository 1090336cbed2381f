import Foundation
import MailStackSupport
import Testing
@testable import MIME

/// Issue 3, "a real server accepts it": messages composed by `MessageComposer` go through the
/// loopback stack's submission port (STARTTLS + AUTH, curl as the client), OpenSMTPD and LMTP
/// into a Maildir, come back over IMAPS (curl, fetch by UID) and are parsed by `MessageParser`.
/// What the desk relies on must survive: subject, addresses, threading, automatic headers, text.
@Suite(.needsMailStack, .serialized)
struct ServerRoundTripTests {
    enum Variant: String, CaseIterable, Sendable { case plain, htmlAlternative }

    /// A fresh token per run: re-runs against the same long-lived mailbox never find an older copy.
    static func compose(_ variant: Variant, stack: LoopbackMailStack) throws -> (OutgoingMessage, Data) {
        let token = String(UUID().uuidString.prefix(8)).lowercased()
        let recipient = stack.user("coder1")
        // Lines that trip transports: a leading "." (SMTP dot-stuffing), a leading "From " (mbox
        // quoting), "." and "From " landing at the start of a physical line after a QP soft break
        // (75 ASCII bytes, then the break), a 2,500-byte line, trailing blanks, "=" and "=?".
        let body = [
            "Dear María José,",
            "",
            "For the displaced femoral neck fracture treated with a total hip arthroplasty, 27130 is the",
            "procedure code; 27236 covers fixation or hemiarthroplasty only.",
            ".A line that starts with a dot",
            ".",
            "..two dots",
            "From the operative note: \"Hüfte rechts, Schenkelhals disloziert\" — 股骨颈骨折 😀",
            String(repeating: "x", count: 75) + ".dot right after a soft line break",
            String(repeating: "y", count: 75) + "From right after a soft line break",
            (0..<250).map { "wörd\($0 % 10)" }.joined(separator: " "),
            "trailing blanks stay   ",
            "=?utf-8?B?bm90IGFuIGVuY29kZWQgd29yZA==?= and 50% = half, a=b",
            "",
            "-- ",
            "CaseConsultant [\(token)]",
        ].joined(separator: "\n")
        let html: String? = variant == .htmlAlternative
            ? "<p>Dear Mar&iacute;a Jos&eacute;,</p><p>27130 &mdash; total hip arthroplasty.</p>\n<p>.leading dot</p>\nFrom here\n<blockquote>Hüfte</blockquote>"
            : nil
        let message = OutgoingMessage(
            from: EmailAddress(name: "CaseConsultant — Unfallchirurgie Zürich", address: stack.user("cases")),
            to: [EmailAddress(name: "López, María José", address: recipient)],
            cc: [EmailAddress(name: "Øyvind \"Ø\" Næss (audit)", address: "audit-\(token)@\(stack.domain)")],
            replyTo: [EmailAddress(name: "Case desk", address: stack.user("cases"))],
            subject: "Re: Kodierfrage – Hüft-TEP nach Schenkelhalsfraktur, rechts (股骨颈骨折) 😀 "
                + "a subject long enough to fold over several encoded words [CC-\(token)] \(variant.rawValue)",
            date: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            messageID: MessageIDGenerator.make(domain: "mime-roundtrip.\(stack.domain)"),
            inReplyTo: "CAF1x7Qm.\(token)@mail.gmail.com",
            references: ["first.\(token)@clinic.example.org", "CAF1x7Qm.\(token)@mail.gmail.com"],
            textBody: body, htmlBody: html,
            extraHeaders: OutgoingMessage.automaticHeaders(loopValue: "caseconsultant.\(stack.domain)"))
        return (message, try MessageComposer.compose(message))
    }

    @Test(arguments: Variant.allCases)
    func composedMessageSurvivesSubmissionDeliveryAndIMAP(_ variant: Variant) throws {
        let stack = try LoopbackMailStack.require()
        let (message, data) = try Self.compose(variant, stack: stack)

        let submitted = stack.submitWithCurl(data, from: "cases", to: [message.to[0].address])
        try #require(submitted.status == 0, "submission refused (curl exit \(submitted.status)): \(submitted.stderr)")

        let delivered = try #require(stack.waitForMessage(account: "coder1", messageID: message.messageID),
                                     "\(message.messageID) never arrived in coder1's INBOX")
        // The servers prepend trace fields (Return-Path, Delivered-To, Received); below them
        // every byte is what we composed (curl adds the final CRLF when a message lacks one).
        let deliveredText = String(decoding: delivered, as: UTF8.self)
        #expect(deliveredText.hasPrefix("Return-Path: <\(stack.user("cases"))>\r\n"))
        #expect(deliveredText.contains("Received: "))
        let composed = Self.trimmingFinalCRLF(data)
        #expect(Self.trimmingFinalCRLF(delivered).suffix(composed.count) == composed, "the servers changed the composed bytes")

        let parsed = try MessageParser.parse(delivered)
        #expect(parsed.subject == message.subject)
        #expect(parsed.from == [message.from])
        #expect(parsed.to == message.to)
        #expect(parsed.cc == message.cc)
        #expect(parsed.replyTo == message.replyTo)
        #expect(parsed.date == message.date)
        #expect(parsed.messageID == message.messageID)
        #expect(parsed.inReplyTo == [message.inReplyTo!])
        #expect(parsed.references == message.references)
        #expect(parsed.header("Auto-Submitted") == "auto-generated")
        #expect(parsed.header("X-Auto-Response-Suppress") == "All")
        #expect(parsed.header(OutgoingMessage.loopHeaderName) == "caseconsultant.\(stack.domain)")
        #expect(parsed.header("Return-Path") == "<\(stack.user("cases"))>")
        #expect(parsed.mimeType == (variant == .plain ? "text/plain" : "multipart/alternative"))
        #expect(parsed.text == message.textBody, "body text changed in transit or parsing")
        #expect(parsed.attachments.isEmpty)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        // The "-- " signature goes; the dot and From lines are the submitter's text and stay.
        #expect(parsed.narrative.contains(".A line that starts with a dot\n.\n..two dots\nFrom the operative note:"))
        #expect(!parsed.narrative.contains("CaseConsultant ["))
    }

    @Test func unsanitisedIncomingTextCannotInjectHeadersOrRecipients() throws {
        // A subject and display name taken from incoming mail carrying CR/LF: the server must
        // see one Subject and no Bcc, and only the envelope recipient gets the message.
        let stack = try LoopbackMailStack.require()
        var (message, _) = try Self.compose(.plain, stack: stack)
        message.subject = "Re: hip\r\nBcc: \(stack.user("ana"))\r\n\r\nInjected body"
        message.to = [EmailAddress(name: "Jane\r\nBcc: \(stack.user("ana"))", address: stack.user("coder1"))]
        let data = try MessageComposer.compose(message)
        let submitted = stack.submitWithCurl(data, from: "cases", to: [stack.user("coder1")])
        try #require(submitted.status == 0, "submission refused: \(submitted.stderr)")
        let delivered = try #require(stack.waitForMessage(account: "coder1", messageID: message.messageID))
        let parsed = try MessageParser.parse(delivered)
        #expect(parsed.subject == "Re: hip Bcc: \(stack.user("ana")) Injected body")
        #expect(parsed.header("Bcc") == nil)
        #expect(parsed.headerValues("Subject").count == 1)
        #expect(parsed.to.map(\.address) == [stack.user("coder1")])
        #expect(parsed.text == message.textBody)
    }

    static func trimmingFinalCRLF(_ data: Data) -> Data {
        var bytes = data
        while bytes.last == 0x0A || bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }
}
