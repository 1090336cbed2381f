import Foundation
import Testing
@testable import MIME

@Suite struct HeaderParsingTests {
    @Test func encodedWordsQAndBJoinedAcrossWhitespace() {
        #expect(EncodedWordDecoder.decode("=?UTF-8?Q?Question_de_codage_=E2=80=93?=\r\n =?UTF-8?Q?_hanche?=") == "Question de codage – hanche")
        #expect(EncodedWordDecoder.decode("=?utf-8?B?Q29kaW5nIHF1ZXN0aW9uIOKAkyA=?= =?utf-8?B?dGliaWFsIHBsYXRlYXU=?=") == "Coding question – tibial plateau")
        #expect(EncodedWordDecoder.decode("Re: =?iso-8859-1?q?h=E9l=E8ne?= and more") == "Re: hélène and more")
        // A multibyte character split across two words survives.
        #expect(EncodedWordDecoder.decode("=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?=") == "éé")
        #expect(EncodedWordDecoder.decode("=?UTF-8?B?4oC=?= =?UTF-8?B?kw==?=") == "–")
    }

    @Test func malformedEncodedWordsStayLiteral() {
        #expect(EncodedWordDecoder.decode("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=")
        #expect(EncodedWordDecoder.decode("=?UTF-8?Q?unterminated") == "=?UTF-8?Q?unterminated")
        #expect(EncodedWordDecoder.decode("price =? 5") == "price =? 5")
    }

    @Test func rfc2231ParametersWithContinuationsAndCharset() {
        let header = ParameterizedHeader(Array("attachment; filename*0*=UTF-8''op%20note%20%E2%80%93%20; filename*1*=left%20knee.txt; size=42".utf8))
        #expect(header.value == "attachment")
        #expect(header.parameters["filename"] == "op note – left knee.txt")
        #expect(header.parameters["size"] == "42")
        let quoted = ParameterizedHeader(Array("text/plain; charset=\"iso-8859-1\" (comment); name=\"=?UTF-8?Q?r=C3=A9sum=C3=A9.txt?=\"".utf8))
        #expect(quoted.parameters["charset"] == "iso-8859-1")
        #expect(quoted.parameters["name"] == "résumé.txt")
        let plainContinuation = ParameterizedHeader(Array("message/external-body; URL*0=\"ftp://\"; URL*1=\"example.org/x\"".utf8))
        #expect(plainContinuation.parameters["url"] == "ftp://example.org/x")
    }

    @Test func addressLists() {
        let list = AddressListParser.parse(Array("\"Lopez, Maria (Coding)\" <mlopez@x.example>, jreyes@y.example (Jordan Reyes), Team: a@z.example, <b@z.example>;, Undisclosed recipients:;".utf8))
        #expect(list.map(\.address) == ["mlopez@x.example", "jreyes@y.example", "a@z.example", "b@z.example"])
        #expect(list[0].name == "Lopez, Maria (Coding)")
        #expect(list[1].name == "Jordan Reyes")
        let unquoted = AddressListParser.parse(Array("Whitfield, Dana <dana@x.example>".utf8))
        #expect(unquoted == [EmailAddress(name: "Whitfield, Dana", address: "dana@x.example")])
        let encoded = AddressListParser.parse(Array("=?utf-8?B?TWFyw61hIEzDs3Bleg==?= <m@x.example>".utf8))
        #expect(encoded.first?.name == "María López")
        #expect(AddressListParser.parse(Array("Jane Doe jane@x.example".utf8)).first?.address == "jane@x.example")
        #expect(AddressListParser.parse(Array("MAILER-DAEMON".utf8)).first?.address == "MAILER-DAEMON")
    }

    @Test(arguments: [
        ("Mon, 3 Mar 2025 09:14:22 -0500", 1_741_011_262.0),
        ("3 Mar 2025 09:14:22 -0500", 1_741_011_262.0),
        ("Mon, 03 Mar 2025 14:14:22 +0000 (UTC)", 1_741_011_262.0),
        ("Mon, 3 Mar 2025 09:14:22 EST", 1_741_011_262.0),
        ("Mon, 3 Mar 25 14:14:22 GMT", 1_741_011_262.0),
        ("Mon Mar  3 14:14:22 2025", 1_741_011_262.0),
        ("2025-03-03T09:14:22-05:00", 1_741_011_262.0),
        ("Mon, 3 Mar 2025 15:14:22 GMT+0100", 1_741_011_262.0),
        ("Monday, March 3, 2025 2:14:22 PM", 1_741_011_262.0),
        ("Mon, 3 Mar 2025 14:14 +0000", 1_741_011_240.0),
    ])
    func dates(_ text: String, _ expected: Double) {
        #expect(DateParser.parse(text)?.timeIntervalSince1970 == expected, "\(text)")
    }

    @Test func unreadableDateIsNilNotACrash() {
        #expect(DateParser.parse("yesterday") == nil)
        #expect(DateParser.parse("") == nil)
        #expect(DateParser.parse("99/99/9999") == nil)
    }

    @Test func dateFormattingRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_741_011_262)
        #expect(DateParser.format(date) == "Mon, 03 Mar 2025 14:14:22 +0000")
        #expect(DateParser.parse(DateParser.format(date)) == date)
    }

    @Test func foldedHeadersAndIDs() throws {
        let raw = "From: A <a@x.example>\r\nSubject: a long\r\n\tfolded subject\r\nMessage-ID: <id1@x.example>\r\nIn-Reply-To: <p@x.example> (comment)\r\nReferences: <r1@x.example>\r\n <r2@x.example>\r\n\r\nbody\r\n"
        let message = try MessageParser.parse(Data(raw.utf8))
        #expect(message.subject == "a long\tfolded subject")
        #expect(message.messageID == "id1@x.example")
        #expect(message.inReplyTo == ["p@x.example"])
        #expect(message.references == ["r1@x.example", "r2@x.example"])
        #expect(message.header("subject") == "a long\tfolded subject")
    }

    @Test func fixtureHeadersDecoded() throws {
        let message = try MessageParser.parse(try Fixtures.message("encoded_word_subject_q"))
        #expect(message.subject == "Question de codage – prothèse totale de hanche")
        #expect(message.from.first?.name == "René Côté")
        let raw = try MessageParser.parse(try Fixtures.message("raw_8bit_utf8_headers"))
        #expect(raw.subject == "Pregunta – cadera")
        #expect(raw.from.first?.name == "José Pérez")
        let groups = try MessageParser.parse(try Fixtures.message("address_groups_comments"))
        #expect(groups.to.map(\.address) == ["cases@caseconsultant.example", "backup@caseconsultant.example"])
        #expect(groups.cc.first?.name == "Jordan Reyes")
    }
}
