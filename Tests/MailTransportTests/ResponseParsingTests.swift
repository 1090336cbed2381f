import Foundation
@testable import MailTransport
import Testing

/// The pure parts: what curl hands over as lines, and what goes out on the wire.
struct ResponseParsingTests {
    @Test func searchResultsFromPlainAndExtendedSearch() {
        #expect(IMAPResponse.searchResults(in: ["* SEARCH 1 2 7", "A003 OK Search completed"]) == [1, 2, 7])
        #expect(IMAPResponse.searchResults(in: ["* ESEARCH (TAG \"A5\") UID ALL 1:3,7,10:9"]) == [1, 2, 3, 7, 9, 10])
        #expect(IMAPResponse.searchResults(in: ["* ESEARCH (TAG \"A5\") UID"]) == [])
    }

    @Test func statusAndFetchLines() {
        let status = IMAPResponse.status(in: ["* STATUS \"Case Box\" (MESSAGES 2 UIDNEXT 31 UIDVALIDITY 1700000000)"])
        #expect(status == MailboxStatus(uidValidity: 1_700_000_000, uidNext: 31, messages: 2))
        let lines = ["* 4 FETCH (FLAGS (\\Seen))", "* 5 FETCH (UID 12 RFC822.SIZE 2048 FLAGS (\\Seen $Done))"]
        let line = IMAPResponse.fetchLine(uid: 12, in: lines)
        #expect(line.flatMap(IMAPResponse.size) == 2048)
        #expect(line.flatMap(IMAPResponse.flags) == ["\\Seen", "$Done"])
        #expect(IMAPResponse.fetchLine(uid: 4, in: lines) == nil)
    }

    @Test func capabilitiesPreferThePostLoginList() {
        let lines = ["* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN", "A002 OK [CAPABILITY IMAP4rev1 MOVE UIDPLUS ESEARCH] Logged in",
                     "A003 OK Capability completed (0.001 + 0.000 secs)."]
        #expect(IMAPResponse.capabilities(in: lines) == ["IMAP4REV1", "MOVE", "UIDPLUS", "ESEARCH"])
    }

    @Test func refusalQuotesTheTaggedNoRatherThanTheLogout() {
        let lines = ["A004 NO [TRYCREATE] Mailbox doesn't exist: Done", "* BYE Logging out", "A005 OK Logout completed."]
        #expect(IMAPResponse.refusal(in: lines) == "NO [TRYCREATE] Mailbox doesn't exist: Done")
    }

    @Test func folderNamesAreQuotedAndEncoded() {
        #expect(IMAPFolderName.modifiedUTF7("Entwürfe") == "Entw&APw-rfe")
        #expect(IMAPFolderName.modifiedUTF7("R&D") == "R&-D")
        #expect(IMAPFolderName.quoted("a \"b\"\\c") == "\"a \\\"b\\\"\\\\c\"")
        #expect(IMAPFolderName.urlPath("CaseConsultant/Done;UID=1") == "CaseConsultant/Done%3BUID%3D1")
    }

    @Test func smtpRepliesArePairedWithTheirRecipients() {
        let exchange: [ProtocolEvent] = [
            .reply("220 localhost ESMTP"), .command("EHLO host"), .reply("250-localhost"), .reply("250 SIZE 100"),
            .command("AUTH"), .reply("235 2.7.0 Logged in."), .command("MAIL FROM:<cases@example.test> SIZE=10"),
            .reply("250 2.1.0 Ok"), .command("RCPT TO:<Ana@example.test>"), .reply("250 2.1.5 Ok"),
            .command("RCPT TO:<ghost@example.test>"), .reply("550-5.1.1 first line"), .reply("550 5.1.1 Invalid recipient"),
            .command("DATA"), .reply("354 OK"),
        ]
        let replies = SMTPSender.recipientReplies(in: exchange)
        #expect(replies == ["ana@example.test": "250 2.1.5 Ok", "ghost@example.test": "550 5.1.1 Invalid recipient"])
        #expect(SMTPReply.sizeLimit(in: ["250-localhost", "250-SIZE 2097152", "250 PIPELINING"]) == 2_097_152)
    }

    @Test func bareLineEndingsBecomeCRLF() {
        #expect(LineEndings.crlf(Data("a\nb\r\nc\rd\n\n".utf8)) == Data("a\r\nb\r\nc\r\nd\r\n\r\n".utf8))
    }

    @Test func secretsNeverPrint() {
        let settings = MailboxSettings(url: "imaps://imap.example.com/INBOX", username: "cases", secret: .password("hunter2"))
        #expect(!"\(settings)".contains("hunter2"))
        #expect(!String(reflecting: settings).contains("hunter2"))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        let token = SenderSettings(url: "smtps://smtp.example.com", secret: .oauth2Token("ya29.token"))
        #expect(!"\(token)".contains("ya29"))
    }

    @Test func urlsWithPasswordsOrUnknownSchemesAreRefused() {
        #expect(throws: MailTransportError.self) {
            try MailTransportFactory.mailbox(MailboxSettings(url: "imaps://cases:hunter2@imap.example.com/INBOX"))
        }
        do {
            _ = try MailTransportFactory.mailbox(MailboxSettings(url: "imaps://cases:hunter2@imap.example.com/INBOX"))
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
        #expect(throws: MailTransportError.self) { try MailTransportFactory.mailbox(MailboxSettings(url: "pop3://x")) }
        #expect(throws: MailTransportError.self) {
            try MailTransportFactory.mailbox(MailboxSettings(url: "imap://imap.example.com/INBOX",
                                                            tls: TLSSettings(allowPlaintextLoopback: true)))
        }
    }
}

struct HeaderBlockTests {
    @Test func theFirstEmptyLineEndsTheHeader() {
        #expect(HeaderBlock.end(in: Data("A: 1\r\nB: 2\r\n\r\nbody\r\n\r\n".utf8)) == 14)
        #expect(HeaderBlock.end(in: Data("A: 1\nB: 2\n\nbody".utf8)) == 11)
        #expect(HeaderBlock.end(in: Data("\r\nbody".utf8)) == 2)
        #expect(HeaderBlock.end(in: Data("A: 1\r\nB: 2\r\n".utf8)) == nil)
        // A CR alone at the end may be the first half of a blank line: not yet.
        #expect(HeaderBlock.end(in: Data("A: 1\r\n\r".utf8)) == nil)
        // Resuming at the last byte read finds a blank line split across two reads.
        #expect(HeaderBlock.end(in: Data("A: 1\r\n\r\nX".utf8), from: 6) == 8)
    }
}
