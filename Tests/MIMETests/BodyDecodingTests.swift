import Foundation
import Testing
@testable import MIME

@Suite struct BodyDecodingTests {
    @Test func tolerantBase64() {
        #expect(TransferDecoding.base64(Array("SGVsbG8gd29ybGQ=".utf8)).bytes == Array("Hello world".utf8))
        #expect(TransferDecoding.base64(Array("SGVsbG8gd29ybGQ".utf8)).bytes == Array("Hello world".utf8))   // no padding
        let stray = TransferDecoding.base64(Array("SGVs*bG8g\r\nd29y!bGQ=".utf8))
        #expect(stray.bytes == Array("Hello world".utf8))
        #expect(stray.warning != nil)
    }

    @Test func tolerantQuotedPrintable() {
        #expect(TransferDecoding.quotedPrintable(Array("caf=C3=A9 =\r\nsoft=3D  =\nbreak".utf8)).bytes == Array("café soft=  break".utf8))
        let bare = TransferDecoding.quotedPrintable(Array("x = 5 and =ZZ".utf8))
        #expect(bare.bytes == Array("x = 5 and =ZZ".utf8))
        #expect(bare.warning != nil)
    }

    @Test(arguments: [
        ("iso-8859-1", [0xE9, 0x96] as [UInt8], "é–"),
        ("ISO-8859-2", [0xB3, 0xF3], "łó"),
        ("iso-8859-5", [0xB7, 0xD4], "Зд"),
        ("iso-8859-7", [0xE1, 0xE2], "αβ"),
        ("iso-8859-15", [0xA4, 0xBC], "€Œ"),
        ("windows-1250", [0x8A, 0xB9], "Šą"),
        ("cp1251", [0xC7, 0xE4], "Зд"),
        ("windows-1252", [0x93, 0x94, 0x80], "“”€"),
        ("windows-1253", [0xE1], "α"),
        ("windows-1254", [0xF0], "ğ"),
        ("windows-1255", [0xE0], "א"),
        ("windows-1256", [0xC7], "ا"),
        ("windows-1257", [0xE0], "ą"),
        ("windows-1258", [0xE0], "à"),
        ("koi8-r", [0xE1, 0xC2], "Аб"),
        ("latin1", [0xFC], "ü"),
        ("utf8", [0xC3, 0xBC], "ü"),
        ("UTF-16", [0xFE, 0xFF, 0x00, 0x41, 0x00, 0xE9], "Aé"),
        ("utf-16", [0xFF, 0xFE, 0x41, 0x00, 0xE9, 0x00], "Aé"),
    ])
    func charsets(_ label: String, _ bytes: [UInt8], _ expected: String) {
        let result = CharsetDecoder.decode(bytes, charset: label)
        #expect(result.text == expected, "\(label)")
        #expect(result.warning == nil)
    }

    @Test func unknownCharsetWarnsButDecodes() {
        let result = CharsetDecoder.decode(Array("plain text".utf8), charset: "x-made-up")
        #expect(result.text == "plain text")
        #expect(result.warning != nil)
    }

    @Test func htmlToText() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><h1>Op note</h1><p>Line&nbsp;one<br>Line two</p><ol><li>first</li><li>second</li></ol><script>alert(1)</script><blockquote><div>quoted</div></blockquote><p>&#8220;x&#8221; &amp; &lt;y&gt; &#150; &eacute;</p></body></html>"
        #expect(HTMLText.text(fromHTML: html) == "Op note\n\nLine one\nLine two\n\n1. first\n2. second\n> quoted\n\n“x” & <y> – é")
    }

    @Test func attachmentsListedWithSizes() throws {
        let message = try MessageParser.parse(try Fixtures.message("attachment_pdf_and_image"))
        #expect(message.attachments.map(\.filename) == ["Operative Report.pdf", "xray.jpg"])
        #expect(message.attachments.map(\.size) == [5009, 2048])
        #expect(message.attachments.allSatisfy { !$0.wasRead })
        let txt = try MessageParser.parse(try Fixtures.message("attachment_rfc2231_filename"))
        #expect(txt.attachments.first?.filename == "op note – left knee.txt")
        #expect(txt.attachments.first?.wasRead == true)
        #expect(txt.text.contains("medial parapatellar arthrotomy"))
    }

    @Test func textPrefersPlainAlternative() throws {
        let message = try MessageParser.parse(try Fixtures.message("gmail_hip_nail_pasted"))
        #expect(message.mimeType == "multipart/alternative")
        #expect(message.text.contains("Maria Lopez, CPC"))       // text keeps the signature
        #expect(!message.narrative.contains("Maria Lopez, CPC"))  // the narrative does not
    }

    @Test func bounceIsMultipartReport() throws {
        let message = try MessageParser.parse(try Fixtures.message("bounce_multipart_report"))
        #expect(message.mimeType == "multipart/report")
        #expect(message.attachments.map(\.mimeType) == ["message/delivery-status", "message/rfc822"])
    }

    @Test func replyTextKeepsEditedBlock() {
        let reply = "APPROVE\n\n----- BEGIN REPLY -----\nUse 27245.\n\nThanks,\n-- \nThe desk\n----- END REPLY -----\n\n-- \nAna\n\nOn Mon, Mar 3, 2025 at 10:02 AM Case Desk <cases@x.example> wrote:\n> old draft"
        #expect(ReplyText.newContent(of: reply) == "APPROVE\n\n----- BEGIN REPLY -----\nUse 27245.\n\nThanks,\n-- \nThe desk\n----- END REPLY -----")
        #expect(ReplyText.newContent(of: "REJECT: duplicate\n\nSent from my iPhone\n\n> quoted") == "REJECT: duplicate")
    }
}
