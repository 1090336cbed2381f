/// Recognisers for the lines mail clients put around quoted history and forwarded mail
/// (Gmail, Outlook, Apple Mail, Thunderbird, Yahoo, mobile), in the languages they ship.
/// Shared by `NarrativeExtractor` and `ReplyText`.
enum QuoteMarkers {
    enum Kind: Equatable {
        /// "---------- Forwarded message ---------", "Begin forwarded message:": keep what follows.
        case forwarded
        /// "On … wrote:": everything after is history.
        case attribution
        /// "-----Original Message-----" or an Outlook "From: / Sent: / To: / Subject:" block:
        /// history in a reply, the forwarded mail in a forward (Outlook writes both the same way).
        case outlookBlock
    }

    struct Marker {
        var kind: Kind
        /// First line of the marker.
        var line: Int
        /// First line after the marker and its header block (where forwarded content begins).
        var contentStart: Int
    }

    /// The next marker at or after `start`.
    static func nextMarker(in lines: [String], from start: Int) -> Marker? {
        var index = start
        while index < lines.count {
            if let marker = marker(at: index, in: lines) { return marker }
            index += 1
        }
        return nil
    }

    static func marker(at index: Int, in lines: [String]) -> Marker? {
        mayStartMarker(lines[index]) ? recognise(at: index, in: lines) : nil
    }

    /// The recognisers themselves, without the byte prefilter (tests check the prefilter never
    /// rejects a line these accept).
    static func recognise(at index: Int, in lines: [String]) -> Marker? {
        let trimmed = lines[index].trimmingASCIIWhitespace()
        guard !trimmed.isEmpty, !trimmed.hasPrefix(">") else { return nil }
        let lower = trimmed.lowercased()
        if isForwardSeparator(lower) {
            return Marker(kind: .forwarded, line: index, contentStart: skipHeaderBlock(lines, from: index + 1))
        }
        if isOriginalMessageSeparator(lower) {
            return Marker(kind: .outlookBlock, line: index, contentStart: skipHeaderBlock(lines, from: index + 1))
        }
        if let end = attributionEnd(lines, at: index) {
            return Marker(kind: .attribution, line: index, contentStart: end + 1)
        }
        if isOutlookHeaderBlock(lines, at: index) {
            return Marker(kind: .outlookBlock, line: index, contentStart: skipHeaderBlock(lines, from: index))
        }
        return nil
    }

    /// False when none of the recognisers below can match at this line, decided on its first
    /// bytes, its last byte and its label: most lines of a message are rejected here without
    /// the lowercased copies and Character walks the recognisers make. Any non-ASCII byte where
    /// a decision is made sends the line to the recognisers.
    static func mayStartMarker(_ line: String) -> Bool {
        TextScan.withBytes(line) { bytes in
            var start = 0
            while start < bytes.count, bytes[start].isASCIIWhitespace { start += 1 }
            guard start < bytes.count else { return false }
            let first = bytes[start]
            // "-----Original Message-----" / "_____" and dashed forward separators.
            if first >= 0x80 || first == UInt8(ascii: "-") || first == UInt8(ascii: "_") { return true }
            // Attribution: "… wrote:" on one line ends like one (headings such as "PROCEDURE:"
            // do not); a wrapped one, and the German "Am … schrieb X:", starts like one.
            if TextScan.lastNonWhitespaceByte(bytes) == UInt8(ascii: ":"), endsLikeAttribution(bytes) { return true }
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            if attributionStartBytes.contains(where: { startsLike(rest, $0) }) { return true }
            // Forward separators: the phrase after any of "-_ *=" (and, to be safe, tabs).
            var phrase = start
            while phrase < bytes.count, bytes[phrase].isASCIIWhitespace || bytes[phrase] == UInt8(ascii: "*")
                    || bytes[phrase] == UInt8(ascii: "=") || bytes[phrase] == UInt8(ascii: "-") || bytes[phrase] == UInt8(ascii: "_") {
                phrase += 1
            }
            if phrase < bytes.count, forwardPhrasePrefixes.contains(where: { startsLike(UnsafeBufferPointer(rebasing: bytes[phrase...]), $0) }) {
                return true
            }
            // An Outlook block starts with a From-label line ("From:" ends with ":" only when
            // its value wrapped; otherwise the label decides).
            return mayBeFromLabel(bytes, from: start)
        }
    }

    /// Whether the line (ending in ":") may end with one of `attributionEnds`: an ASCII ending
    /// compared on bytes; any non-ASCII byte near the end (where "a écrit :", "escribió:" …
    /// could be, in any normalisation) leaves it to the recogniser.
    private static func endsLikeAttribution(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1].isASCIIWhitespace { end -= 1 }
        let tailStart = max(0, end - 24)
        if !TextScan.isASCII(UnsafeBufferPointer(rebasing: bytes[tailStart..<end])) { return true }
        return asciiAttributionEndBytes.contains { ending in
            ending.count <= end && zip(bytes[(end - ending.count)..<end], ending).allSatisfy { $0.asciiLowercased == $1 }
        }
    }

    private static let asciiAttributionEndBytes = attributionEnds.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }

    /// ASCII-case-insensitive prefix test; a non-ASCII byte in `rest` where `prefix` has a
    /// non-ASCII byte counts as a possible match ("på " vs "PÅ ").
    private static func startsLike(_ rest: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard rest.count >= prefix.count else { return false }
        for (offset, expected) in prefix.enumerated() {
            let byte = rest[offset]
            if expected >= 0x80 { return byte >= 0x80 }
            if byte.asciiLowercased != expected { return false }
        }
        return true
    }

    private static let attributionStartBytes = attributionStarts.map { Array($0.utf8) }
    /// Two letters are enough to reject: the forward phrases begin "fo", "be", "we", "me", "do", "or".
    private static let forwardPhrasePrefixes = Set(forwardPhrases.map { Array($0.utf8.prefix(2)) }).sorted { $0.lexicographicallyPrecedes($1) }

    /// `headerLabel(line)` is one of the From labels, or cannot be ruled out from bytes.
    private static func mayBeFromLabel(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var labelStart = start
        while labelStart < bytes.count, bytes[labelStart] == UInt8(ascii: "*") || bytes[labelStart] == 0x20 { labelStart += 1 }
        var colon = labelStart
        while colon < bytes.count, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < bytes.count else { return false }
        var labelEnd = colon
        while labelEnd > labelStart, bytes[labelEnd - 1] == UInt8(ascii: "*") || bytes[labelEnd - 1] == 0x20 { labelEnd -= 1 }
        let label = UnsafeBufferPointer(rebasing: bytes[labelStart..<labelEnd])
        if !TextScan.isASCII(label) { return true }
        return fromLabelBytes.contains(label.map(\.asciiLowercased))
    }

    private static let fromLabelBytes = Set(fromLabels.map { Array($0.utf8) })

    private static let forwardPhrases = ["forwarded message", "begin forwarded message:", "begin forwarded message", "forwarded message:",
                                         "weitergeleitete nachricht", "message transféré", "mensaje reenviado", "mensagem encaminhada",
                                         "messaggio inoltrato", "doorgestuurd bericht", "forwarded email", "original message follows"]

    private static func isForwardSeparator(_ lower: String) -> Bool {
        let stripped = lower.trimmingCharacters(in: "-_ *=")
        if forwardPhrases.contains(stripped) { return true }
        // "-------- Forwarded Message --------" style with any dash count was covered; Outlook's
        // "Forwarded message" prefix inside a longer line ("---- Forwarded message from X ----"):
        return lower.hasPrefix("-") && stripped.hasPrefix("forwarded message")
    }

    private static func isOriginalMessageSeparator(_ lower: String) -> Bool {
        guard lower.hasPrefix("-----") || lower.hasPrefix("_____") else { return false }
        let stripped = lower.trimmingCharacters(in: "-_ *")
        return ["original message", "ursprüngliche nachricht", "message d'origine", "mensaje original",
                "mensagem original", "messaggio originale", "oorspronkelijk bericht", "original meddelelse"].contains(stripped)
    }

    private static let attributionStarts = ["on ", "am ", "le ", "el ", "em ", "il ", "op ", "den ", "på ", "w dniu ", "dne "]
    private static let attributionEnds = ["wrote:", "writes:", "schrieb:", "a écrit :", "a écrit:", "escribió:", "escreveu:",
                                          "ha scritto:", "schreef:", "skrev:", "napisał:", "napsal:", "kirjoitti:"]

    /// The last line of an "On … wrote:" attribution starting at `index` (clients wrap it over
    /// up to three lines), or nil.
    static func attributionEnd(_ lines: [String], at index: Int) -> Int? {
        var joined = ""
        for offset in 0..<3 where index + offset < lines.count {
            let piece = lines[index + offset].trimmingASCIIWhitespace()
            if piece.isEmpty || (offset > 0 && piece.hasPrefix(">")) { return nil }
            joined += (offset > 0 ? " " : "") + piece
            let lower = joined.lowercased()
            guard lower.count <= 300 else { return nil }
            // German and Dutch put the name after the verb: "Am … schrieb Jane <j@x>:".
            let verbFirst = lower.hasSuffix(":") && attributionStarts.contains(where: { lower.hasPrefix($0) })
                && [" schrieb ", " schreef ", " skrev ", " wrote "].contains(where: { lower.contains($0) })
            if verbFirst || attributionEnds.contains(where: { lower.hasSuffix($0) }) {
                // A bare "X wrote:" line counts; a wrapped one must start like an attribution.
                if offset == 0 || attributionStarts.contains(where: { lower.hasPrefix($0) }) { return index + offset }
                return nil
            }
            if offset == 0 && !attributionStarts.contains(where: { lower.hasPrefix($0) }) { return nil }
        }
        return nil
    }

    private static let fromLabels = ["from", "von", "de", "da", "van", "från", "fra", "od"]
    private static let sentLabels = ["sent", "date", "gesendet", "datum", "envoyé", "enviado", "fecha", "inviato", "verzonden", "data", "skickat"]
    private static let toLabels = ["to", "an", "à", "para", "a", "aan", "till", "til", "do"]
    private static let subjectLabels = ["subject", "betreff", "objet", "asunto", "assunto", "oggetto", "onderwerp", "ämne", "emne", "temat"]
    static let headerLabels = Set(fromLabels + sentLabels + toLabels + subjectLabels + ["cc", "bcc", "reply-to", "importance", "kopie", "cc."])

    /// The label of a "Label: value" line from a quoted header block ("*From:* x" too), lowercased.
    static func headerLabel(_ line: String) -> String? {
        var trimmed = line.trimmingASCIIWhitespace()
        while trimmed.hasPrefix("*") { trimmed.removeFirst() }
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let label = trimmed[..<colon].trimmingCharacters(in: "* ").lowercased()
        return headerLabels.contains(label) ? label : nil
    }

    /// Outlook's reply/forward header: From: line, then within a few lines Sent/Date and
    /// To or Subject.
    static func isOutlookHeaderBlock(_ lines: [String], at index: Int) -> Bool {
        guard let label = headerLabel(lines[index]), fromLabels.contains(label) else { return false }
        var sawSent = false, sawOther = false
        for next in (index + 1)..<min(lines.count, index + 8) {
            guard let other = headerLabel(lines[next]) else {
                if lines[next].trimmingASCIIWhitespace().isEmpty { break }
                continue   // a wrapped To: line
            }
            if sentLabels.contains(other) { sawSent = true }
            if toLabels.contains(other) || subjectLabels.contains(other) { sawOther = true }
        }
        return sawSent && sawOther
    }

    /// Skips blank lines, then a block of "Label: value" lines (and their wrapped
    /// continuations), and the blank line after it.
    static func skipHeaderBlock(_ lines: [String], from start: Int) -> Int {
        var index = start
        while index < lines.count, isBlankOrQuoteOnly(lines[index]) { index += 1 }
        var sawHeader = false
        while index < lines.count {
            let line = unquoted(lines[index])
            if headerLabel(line) != nil { sawHeader = true; index += 1; continue }
            if sawHeader, !line.trimmingASCIIWhitespace().isEmpty, index > start,
               line.hasPrefix(" ") || line.hasPrefix("\t") || line.contains("@") && line.count < 200 && !line.contains(". ") {
                index += 1   // continuation of a long To:/Cc: list
                continue
            }
            break
        }
        return sawHeader ? index : start
    }

    static func isBlankOrQuoteOnly(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == ">" }
    }

    /// One level of "> " quoting removed.
    static func unquoted(_ line: String) -> String {
        var trimmed = Substring(line)
        while trimmed.hasPrefix(" ") { trimmed = trimmed.dropFirst() }
        guard trimmed.hasPrefix(">") else { return line }
        trimmed = trimmed.dropFirst()
        if trimmed.hasPrefix(" ") { trimmed = trimmed.dropFirst() }
        return String(trimmed)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }) else { return "" }
        let last = lastIndex(where: { !characters.contains($0) })!
        return String(self[first...last])
    }
}
