import Foundation
import MIMEMutation
import Testing
@testable import MIME

/// The narrative recognisers answer from UTF-8 bytes where that is provably what the original
/// String code answers (TextScan.swift). These tests hold them to it: the original code is kept
/// here verbatim as the reference, and random lines built from the pieces that matter (sign-off
/// words, header labels, separators) and from the characters that could break a byte shortcut
/// (combining marks after ">" or "-", the Kelvin sign and dotted I that lowercase to ASCII,
/// no-break spaces, dashes, CR) must get the same answer from both.
@Suite struct ByteShortcutTests {
    static let pieces: [String] = [
        "a", "Z", "x", " ", " ", "\t", ",", ".", "!", "-", "–", "—", "_", "*", "=", ":", ">", "?", "@", "|", "/", "\r",
        "\u{A0}", "\u{301}", "\u{338}", "\u{200D}", "\u{212A}", "\u{130}", "\u{212B}", "é", "e\u{301}", "Å", "å", "ß", "’", "“", "²", "5",
        "555-123-4567 ", "(555) 123-4567", "Thanks", "thanks", "Thank you", "Best regards", "Regards", "Cheers", "v/r", "Maria Lopez",
        "Dr. Smith", "CPC", "md", "From:", "Von:", "från:", "Från:", "PÅ ", "på ", "Sent:", "To:", "Subject:", "On ", "Am ", " wrote:",
        " schrieb ", " a écrit :", " a e\u{301}crit :", " escribió:", " skrev:", " WROTE:", "PROCEDURE:", "-----Original Message-----", "----- Forwarded message -----", "Begin forwarded message:", "Forwarded message",
        "message transféré", "Sent from my iPhone", "Get Outlook for iOS", "confidentiality notice", "intended recipient", "[EXTERNAL]",
        "phone", "Fax", "www.", "https://", "suite ", "operative", "PROCEDURE", "diagnosis", "msonormal", "MsoNormal", "-- ", "--",
    ]

    static func randomLines(count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    @Test func signatureRulesAgreeWithTheStringCode() {
        for line in Self.randomLines(count: 20_000, seed: 11) {
            let fast = SignatureRules.signOff(line), reference = Reference.signOff(line)
            #expect(fast.isSignOff == reference.isSignOff && fast.hasName == reference.hasName, "\(line.debugDescription)")
            #expect(SignatureRules.isMobileFooter(line) == Reference.isMobileFooter(line), "\(line.debugDescription)")
            #expect(SignatureRules.isSignatureSeparator(line) == Reference.isSignatureSeparator(line), "\(line.debugDescription)")
            #expect(SignatureRules.isPhoneLine(line) == Reference.isPhoneLine(line), "\(line.debugDescription)")
            #expect(SignatureRules.hasContactDetail(line) == Reference.hasContactDetail(line), "\(line.debugDescription)")
            #expect(SignatureRules.containsOpNoteHeading(line) == Reference.containsOpNoteHeading(line), "\(line.debugDescription)")
            #expect(SignatureRules.isDisclaimer([line, line]) == Reference.isDisclaimer([line, line]), "\(line.debugDescription)")
            #expect(TextScan.startsWithQuote(line) == line.trimmingASCIIWhitespace().hasPrefix(">"), "\(line.debugDescription)")
            #expect(TextScan.isBlank(line) == line.trimmingASCIIWhitespace().isEmpty, "\(line.debugDescription)")
        }
    }

    @Test(arguments: ["İstanbul,", "İİ,", "Thanks\u{212A}\u{212A}\u{212A}, Maria", "Best regards, İlker", "İİİ - x"])
    func signOffSurvivesLinesThatLowercasingLengthens(_ line: String) throws {
        _ = SignatureRules.signOff(line)
        let message = try MessageParser.parse(Data("Subject: s\r\n\r\nPlease code this.\r\n\r\n\(line)\r\n".utf8))
        #expect(message.narrative.hasPrefix("Please code this."))
    }

    @Test func quoteMarkerPrefilterNeverRejectsAMarker() {
        let lines = Self.randomLines(count: 30_000, seed: 12)
        var markers = 0
        for index in lines.indices where QuoteMarkers.recognise(at: index, in: lines) != nil {
            markers += 1
            #expect(QuoteMarkers.mayStartMarker(lines[index]), "\(lines[index].debugDescription)")
        }
        #expect(markers > 100, "the random lines should contain markers to test with")
    }

    @Test func lineSplittingAndEndingsAgreeWithTheStringCode() {
        let lines = Self.randomLines(count: 5_000, seed: 13)
        for start in stride(from: 0, to: lines.count, by: 7) {
            let text = lines[start..<min(lines.count, start + 7)].joined(separator: ["\n", "\r\n", "\r"][start % 3])
            let normalized = LineEndings.normalize(text)
            #expect(normalized == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"),
                    "\(text.debugDescription)")
            #expect(NarrativeExtractor.splitLines(normalized) == Reference.splitLines(normalized), "\(text.debugDescription)")
        }
    }
}

/// The recognisers as they were before the byte shortcuts (commit d868941).
private enum Reference {
    /// With one fix: the name is cut from the line at the line's own separator (the original
    /// applied an index into the lowercased copy to the line, which trapped on "İstanbul,").
    static func signOff(_ line: String) -> (isSignOff: Bool, hasName: Bool) {
        let trimmed = line.trimmingASCIIWhitespace()
        let lower = trimmed.lowercased()
        let bare = lower.trimmingCharacters(in: ",.!-– ")
        if SignatureRules.signOffs.contains(bare) { return (true, false) }
        for separator in [",", " -", " –"] {
            if let range = lower.range(of: separator) {
                let head = lower[..<range.lowerBound].trimmingCharacters(in: ",.!-– ")
                guard let lineRange = trimmed.range(of: separator) else { continue }
                let tail = String(trimmed[lineRange.upperBound...]).trimmingCharacters(in: ",.!-– ")
                if SignatureRules.signOffs.contains(head), SignatureRules.isNameLike(tail) { return (true, true) }
            }
        }
        return (false, false)
    }

    static func isMobileFooter(_ line: String) -> Bool {
        let lower = line.trimmingASCIIWhitespace().lowercased()
        return lower.count < 120 && SignatureRules.mobileFooters.contains { lower.hasPrefix($0) }
    }

    static func isSignatureSeparator(_ line: String) -> Bool {
        line == "-- " || line == "--" || line == "—" || line == "-- \u{A0}" || line.trimmingASCIIWhitespace() == "--"
    }

    static let phoneLabels: Set<String> = ["phone", "ph", "tel", "telephone", "fax", "f", "p", "t", "m", "c", "o", "cell",
                                           "mobile", "office", "direct", "main", "work", "pager", "ext", "x", "e", "w", "fx",
                                           "dir", "mob", "toll", "free", "toll-free"]

    static func isPhoneLine(_ line: String) -> Bool {
        guard line.count <= 100 else { return false }
        let digits = line.filter(\.isNumber).count
        guard digits >= 7 else { return false }
        let words = line.lowercased().split(whereSeparator: { !($0.isLetter || $0 == "-") })
        return words.allSatisfy { phoneLabels.contains(String($0)) }
    }

    static func hasContactDetail(_ line: String) -> Bool {
        let lower = line.lowercased()
        if isPhoneLine(line) { return true }
        if lower.contains("@") && lower.contains(".") && lower.split(separator: " ").count <= 3 { return true }
        if lower.contains("www.") || lower.contains("http://") || lower.contains("https://") { return true }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "|" })
        return words.contains { SignatureRules.credentials.contains(String($0)) && $0 != "md" && $0 != "do" }
            || ["phone", "fax", "cell", "tel:", "ext.", "suite ", "department", "dept", "coding", "billing", "revenue cycle",
                "health information", "him ", "orthopaedic", "orthopedic associates", "llc", "inc.", "medical group",
                "clinic", "hospital", "specialist", "coordinator", "manager", "director", "auditor", "analyst"]
                .contains { lower.contains($0) } && line.count <= 60 && !line.contains("?")
    }

    static let opNoteHeadings = ["operative", "procedure", "diagnosis", "indication", "anesthesia", "findings", "surgeon",
                                 "assistant", "implant", "complication", "blood loss", "specimen", "drain", "history",
                                 "date of surgery", "date of service", "description", "technique", "postoperative",
                                 "preoperative", "patient", "disposition", "tourniquet", "fracture", "arthroplasty",
                                 "fasciotomy", "orif", "incision", "cpt", "icd", "modifier", "op note", "dx", "laterality"]

    static func containsOpNoteHeading(_ text: String) -> Bool {
        let lower = text.lowercased()
        return opNoteHeadings.contains { lower.contains($0) }
    }

    static let disclaimerPhrases = [
        "confidentiality notice", "intended recipient", "intended only for", "intended solely for", "in error, please",
        "received this e-mail in error", "received this email in error", "received this message in error",
        "received this communication in error", "privileged and confidential", "confidential and privileged",
        "may contain confidential", "may contain privileged", "notify the sender immediately", "notify the sender by reply",
        "originated from outside of the organization", "originated from outside the organization", "originated outside",
        "do not click links or open attachments", "please consider the environment before printing", "disclaimer:",
        "is strictly prohibited", "unauthorized review, use, disclosure", "this message may contain protected health information",
        "external email: use caution", "[external]", "caution: external",
    ]

    static func isDisclaimer(_ paragraph: [String]) -> Bool {
        let lower = paragraph.joined(separator: " ").lowercased()
        return disclaimerPhrases.contains { lower.contains($0) }
    }

    static func splitLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var trimmed = String(line)
            while let last = trimmed.last, last == " " || last == "\t" || last == "\u{A0}" { trimmed.removeLast() }
            return trimmed
        }
    }
}
