/// The case a submitter wrote: the chosen text without quoted replies, forwarded-mail header
/// blocks, signatures and disclaimers. A forwarded op note is the case, so forwarded content is
/// kept (only its header block goes); quoted reply history is dropped.
public enum NarrativeExtractor {
    public static func narrative(from text: String) -> String {
        narrative(from: text, subject: nil)
    }

    /// `subject` tells forwards from replies when the client writes both alike (Outlook's
    /// "From: / Sent:" block): under "FW:" the first such block is the forwarded mail.
    public static func narrative(from text: String, subject: String?) -> String {
        let lines = splitLines(LineEndings.normalize(text))
        let isForward = subject.map(isForwardSubject) ?? false
        var sections: [[String]] = []
        var start = 0
        var sectionIsForwarded = false
        var usedForwardHint = false
        while true {
            guard let marker = QuoteMarkers.nextMarker(in: lines, from: start) else {
                sections.append(section(Array(lines[start...]), forwarded: sectionIsForwarded))
                break
            }
            sections.append(section(Array(lines[start..<marker.line]), forwarded: sectionIsForwarded))
            let topIsEmpty = sections.allSatisfy { $0.isEmpty }
            let keep: Bool
            switch marker.kind {
            case .forwarded: keep = true
            case .outlookBlock:
                keep = (isForward && !usedForwardHint) || topIsEmpty
                usedForwardHint = true
            case .attribution:
                keep = topIsEmpty && !sectionIsForwarded
            }
            guard keep else { break }
            start = max(marker.contentStart, marker.line + 1)
            sectionIsForwarded = true
        }
        return sections.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// The lines of `text` (LF only) without trailing blanks (" ", tab, no-break space). "\n"
    /// is always a Character of its own, so splitting its bytes is splitting Characters.
    static func splitLines(_ text: String) -> [String] {
        TextScan.withBytes(text) { bytes in
            var lines: [String] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if TextScan.isASCII(line) {
                    var last = line.count
                    while last > 0, line[last - 1] == 0x20 || line[last - 1] == 0x09 { last -= 1 }
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: line[..<last]), as: UTF8.self))
                } else {
                    // Characters decide here: a trailing blank may carry a combining mark.
                    var trimmed = String(decoding: line, as: UTF8.self)
                    while let last = trimmed.last, last == " " || last == "\t" || last == "\u{A0}" { trimmed.removeLast() }
                    lines.append(trimmed)
                }
                start = end + 1
            }
            return lines
        }
    }

    static func isForwardSubject(_ subject: String) -> Bool {
        var lower = subject.trimmingASCIIWhitespace().lowercased()
        // "[EXTERNAL] FW: …", "RE: FW: …" (a reply to a forward is still a reply).
        while lower.hasPrefix("[") , let close = lower.firstIndex(of: "]") {
            lower = String(lower[lower.index(after: close)...]).trimmingASCIIWhitespace()
        }
        return ["fw:", "fwd:", "fw :", "fwd :", "wg:", "tr:", "rv:", "i:", "doorst:", "vs:"].contains { lower.hasPrefix($0) }
    }

    /// Cleans one section: quotes, signature, sign-off blocks, phone lines, disclaimers.
    static func section(_ input: [String], forwarded: Bool) -> [String] {
        var lines = input
        // Apple Mail and HTML forwards put the forwarded mail in a blockquote: unquote one level.
        if forwarded {
            let nonBlank = lines.filter { !$0.trimmingASCIIWhitespace().isEmpty }
            if !nonBlank.isEmpty, nonBlank.filter({ $0.trimmingASCIIWhitespace().hasPrefix(">") }).count * 2 > nonBlank.count {
                lines = lines.map(QuoteMarkers.unquoted)
            }
        }
        lines = lines.filter { !TextScan.startsWithQuote($0) }
        lines = cutSignature(lines)
        lines = lines.filter { !SignatureRules.isMobileFooter($0) && !SignatureRules.isPhoneLine($0) }
        var paragraphs = split(lines)
        paragraphs.removeAll { SignatureRules.isDisclaimer($0) }
        // Trailing signature furniture without a sign-off (name, title, phone block).
        while let last = paragraphs.last, SignatureRules.isSignatureParagraph(last),
              last.contains(where: SignatureRules.hasContactDetail) || (last.count == 1 && SignatureRules.isNameLike(last[0]) && last[0].split(separator: " ").count <= 3),
              paragraphs.count > 1 {
            paragraphs.removeLast()
        }
        // Separator lines Outlook leaves before its header block.
        paragraphs = paragraphs.map { paragraph in paragraph.filter { !isSeparatorLine($0) } }.filter { !$0.isEmpty }
        // Paragraphs with one empty line between them (their lines hold no "\n").
        var output: [String] = []
        for paragraph in paragraphs {
            if !output.isEmpty { output.append("") }
            output += paragraph
        }
        return output
    }

    /// Five or more of "_", "-", "=" and nothing else. Those Characters are single ASCII
    /// scalars, so a line with any other byte (a combining mark included) is not one.
    private static func isSeparatorLine(_ line: String) -> Bool {
        TextScan.withBytes(line) { bytes in
            bytes.count >= 5 && bytes.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "=") }
        }
    }

    /// Cuts at "-- " (to the end of the section) and at a sign-off followed by a name, dropping
    /// the signature paragraphs after it but keeping op-note text pasted below.
    private static func cutSignature(_ input: [String]) -> [String] {
        var lines = input
        if let separator = lines.firstIndex(where: SignatureRules.isSignatureSeparator) {
            lines = Array(lines[..<separator])
        }
        var index = 0
        while index < lines.count {
            let (isSignOff, hasName) = SignatureRules.signOff(lines[index])
            guard isSignOff else { index += 1; continue }
            var next = index + 1
            if !hasName {
                while next < lines.count, TextScan.isBlank(lines[next]), next <= index + 2 { next += 1 }
                let atEnd = next >= lines.count
                guard atEnd || SignatureRules.isNameLike(lines[next]) else { index += 1; continue }
            }
            // Drop the name's paragraph (title, company, phone lines directly under it).
            while next < lines.count, !TextScan.isBlank(lines[next]), lines[next].count <= 80 { next += 1 }
            // Then whole signature-like paragraphs, until real text (e.g. a pasted op note).
            while next < lines.count {
                if TextScan.isBlank(lines[next]) { next += 1; continue }
                var end = next
                while end < lines.count, !TextScan.isBlank(lines[end]) { end += 1 }
                let paragraph = Array(lines[next..<end])
                guard SignatureRules.isSignatureParagraph(paragraph) || SignatureRules.isDisclaimer(paragraph)
                        || paragraph.allSatisfy(SignatureRules.isMobileFooter) else { break }
                next = end
            }
            lines.removeSubrange(index..<next)
        }
        return lines
    }

    static func split(_ lines: [String]) -> [[String]] {
        var paragraphs: [[String]] = []
        var current: [String] = []
        for line in lines {
            if TextScan.isBlank(line) {
                if !current.isEmpty { paragraphs.append(current); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }
}
