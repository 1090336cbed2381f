/// What signatures, sign-offs, contact blocks, mobile footers and disclaimers look like, and
/// what op-note text looks like (so it is never mistaken for a signature).
enum SignatureRules {
    static let signOffs: Set<String> = [
        "thanks", "thank you", "thanks so much", "thank you so much", "many thanks", "thanks again", "thanks in advance",
        "thank you in advance", "thanks for your help", "thank you for your help", "thx", "ty", "tia", "best", "best regards",
        "kind regards", "warm regards", "warmest regards", "regards", "with regards", "sincerely", "sincerely yours",
        "yours truly", "respectfully", "cheers", "cordially", "all the best", "take care", "best wishes", "v/r",
        "mit freundlichen grüßen", "viele grüße", "cordialement", "saludos", "atentamente", "thanks much", "much appreciated",
        "appreciate it", "appreciate your help", "thank you!", "many thanks in advance", "have a great day", "have a good day",
    ]

    /// "Thanks," / "Best regards" / "Thanks, Maria" → the sign-off (with a name when on the same line).
    static func signOff(_ line: String) -> (isSignOff: Bool, hasName: Bool) {
        // Every sign-off starts with one of these letters once leading ",.!- " are skipped: most
        // lines are rejected on one byte. A non-ASCII first byte goes the String way.
        let first = TextScan.withBytes(line) { bytes in
            TextScan.firstByte(bytes) { $0.isASCIIWhitespace || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "-") }
        }
        guard let first else { return (false, false) }
        if first < 0x80 && !signOffInitials.contains(first) { return (false, false) }
        if let answer = asciiSignOff(line) { return answer }
        let trimmed = line.trimmingASCIIWhitespace()
        let lower = trimmed.lowercased()
        let bare = lower.trimmingCharacters(in: ",.!-– ")
        if signOffs.contains(bare) { return (true, false) }
        for separator in [",", " -", " –"] {
            if let range = lower.range(of: separator) {
                let head = lower[..<range.lowerBound].trimmingCharacters(in: ",.!-– ")
                // The name comes from the line itself: an index into `lower` is not one into the
                // line when lowercasing changes lengths ("İ" -> "i̇", Kelvin sign -> "k"), and used
                // there it cut the name wrongly or trapped ("İstanbul," crashed the parser).
                guard let lineRange = trimmed.range(of: separator) else { continue }
                let tail = String(trimmed[lineRange.upperBound...]).trimmingCharacters(in: ",.!-– ")
                if signOffs.contains(head), isNameLike(tail) { return (true, true) }
            }
        }
        return (false, false)
    }

    private static let signOffInitials: Set<UInt8> = Set(signOffs.compactMap { $0.utf8.first })
    private static let signOffBytes: Set<[UInt8]> = Set(signOffs.map { Array($0.utf8) })

    /// `signOff` for an ASCII line without CR, where lowercasing, Character trimming and
    /// Foundation's `range(of:)` are byte operations (" –" cannot occur). nil for other lines.
    private static func asciiSignOff(_ line: String) -> (isSignOff: Bool, hasName: Bool)? {
        TextScan.withBytes(line) { bytes -> (Bool, Bool)? in
            guard TextScan.isASCII(bytes), !TextScan.contains(0x0D, in: bytes) else { return nil }
            var start = 0, end = bytes.count
            while start < end, bytes[start].isASCIIWhitespace { start += 1 }
            while end > start, bytes[end - 1].isASCIIWhitespace { end -= 1 }
            let lower = bytes[start..<end].map(\.asciiLowercased)
            func stripped(_ slice: ArraySlice<UInt8>) -> [UInt8] {
                let trim: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "!")
                    || $0 == UInt8(ascii: "-") || $0 == 0x20 }
                guard let first = slice.firstIndex(where: { !trim($0) }) else { return [] }
                let last = slice.lastIndex(where: { !trim($0) })!
                return Array(slice[first...last])
            }
            if signOffBytes.contains(stripped(lower[...])) { return (true, false) }
            for separator in [[UInt8(ascii: ",")], [0x20, UInt8(ascii: "-")]] {
                guard let position = firstOccurrence(of: separator, in: lower) else { continue }
                if signOffBytes.contains(stripped(lower[..<position])) {
                    let tail = String(decoding: bytes[(start + position + separator.count)..<end], as: UTF8.self)
                    if isNameLike(tail.trimmingCharacters(in: ",.!-– ")) { return (true, true) }
                }
            }
            return (false, false)
        }
    }

    private static func firstOccurrence(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for position in 0...(haystack.count - needle.count) where haystack[position] == needle[0] {
            if needle.count == 1 || haystack[position + 1..<position + needle.count].elementsEqual(needle[1...]) { return position }
        }
        return nil
    }

    static let credentials: Set<String> = ["cpc", "ccs", "ccs-p", "coc", "cpma", "crc", "rhit", "rhia", "cpc-a", "cic", "cdip",
                                           "ccds", "cpb", "cocn", "md", "do", "pa-c", "rn", "np", "mba", "cpco", "chc", "copc"]

    /// A person's name line: "Maria Lopez", "Maria Lopez, CPC", "-Maria", "Dr. Smith".
    static func isNameLike(_ line: String) -> Bool {
        let trimmed = line.trimmingASCIIWhitespace().trimmingCharacters(in: "-–~ ")
        guard !trimmed.isEmpty, trimmed.count <= 50, !trimmed.hasSuffix("?"), !trimmed.contains(":") else { return false }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count <= 6, let first = trimmed.first, first.isLetter, first.isUppercase else { return false }
        return !containsOpNoteHeading(trimmed) && words.allSatisfy { word in
            word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "(" || $0 == ")" }
        }
    }

    static let mobileFooters = ["sent from my iphone", "sent from my ipad", "sent from my android", "sent from my samsung",
                                "sent from my galaxy", "sent from my mobile", "sent from my phone", "sent from my blackberry",
                                "sent from my verizon", "sent from mail for windows", "sent from yahoo mail", "sent from outlook",
                                "get outlook for ios", "get outlook for android", "sent via the samsung", "sent from aol mobile",
                                "sent from my t-mobile", "sent with proton mail", "sent from my sprint", "von meinem iphone gesendet",
                                "envoyé de mon iphone", "enviado desde mi iphone"]

    private static let mobileFooterInitials: Set<UInt8> = Set(mobileFooters.compactMap { $0.utf8.first })

    static func isMobileFooter(_ line: String) -> Bool {
        let first = TextScan.withBytes(line) { TextScan.firstByte($0, skipping: \.isASCIIWhitespace) }
        guard let first else { return false }
        if first < 0x80 && !mobileFooterInitials.contains(first) { return false }
        let lower = line.trimmingASCIIWhitespace().lowercased()
        return lower.count < 120 && mobileFooters.contains { lower.hasPrefix($0) }
    }

    /// "-- " (RFC 3676 signature separator) and the bare "--" left after trailing spaces are stripped.
    static func isSignatureSeparator(_ line: String) -> Bool {
        // All forms start with "-" or "—" (a non-ASCII byte): anything else is decided on one byte.
        let first = TextScan.withBytes(line) { TextScan.firstByte($0, skipping: \.isASCIIWhitespace) }
        guard let first, first >= 0x80 || first == UInt8(ascii: "-") else { return false }
        return line == "-- " || line == "--" || line == "—" || line == "-- \u{A0}" || line.trimmingASCIIWhitespace() == "--"
    }

    private static let phoneLabels: Set<String> = ["phone", "ph", "tel", "telephone", "fax", "f", "p", "t", "m", "c", "o", "cell",
                                                   "mobile", "office", "direct", "main", "work", "pager", "ext", "x", "e", "w", "fx",
                                                   "dir", "mob", "toll", "free", "toll-free"]

    private static let phoneLabelBytes: Set<[UInt8]> = Set(phoneLabels.map { Array($0.utf8) })

    /// "Phone: (555) 123-4567", "P 555.123.4567 | F 555.123.4568", "Fax 555-123-4567 ext 12".
    static func isPhoneLine(_ line: String) -> Bool {
        // ASCII lines without CR (nearly all): Characters are bytes, letters A-Z/a-z, numbers 0-9.
        let ascii: Bool? = TextScan.withBytes(line) { bytes in
            guard TextScan.isASCII(bytes), !TextScan.contains(0x0D, in: bytes) else { return nil }
            guard bytes.count <= 100 else { return false }
            var digits = 0
            for byte in bytes where byte >= 0x30 && byte <= 0x39 { digits += 1 }
            guard digits >= 7 else { return false }
            var word: [UInt8] = []
            for byte in bytes {
                let lower = byte.asciiLowercased
                if (lower >= 0x61 && lower <= 0x7A) || lower == UInt8(ascii: "-") { word.append(lower); continue }
                if !word.isEmpty && !phoneLabelBytes.contains(word) { return false }
                word.removeAll(keepingCapacity: true)
            }
            return word.isEmpty || phoneLabelBytes.contains(word)
        }
        if let ascii { return ascii }
        guard line.count <= 100 else { return false }
        let digits = line.filter(\.isNumber).count
        guard digits >= 7 else { return false }
        let words = line.lowercased().split(whereSeparator: { !($0.isLetter || $0 == "-") })
        return words.allSatisfy { phoneLabels.contains(String($0)) }
    }

    /// Contact details that only signatures carry.
    static func hasContactDetail(_ line: String) -> Bool {
        if isPhoneLine(line) { return true }
        if let answer = contactDetailFromBytes(line) { return answer }
        let lower = line.lowercased()
        if lower.contains("@") && lower.contains(".") && lower.split(separator: " ").count <= 3 { return true }
        if lower.contains("www.") || lower.contains("http://") || lower.contains("https://") { return true }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "|" })
        return words.contains { credentials.contains(String($0)) && $0 != "md" && $0 != "do" }
            || contactWords.contains { lower.contains($0) } && line.count <= 60 && !line.contains("?")
    }

    private static let contactWords = ["phone", "fax", "cell", "tel:", "ext.", "suite ", "department", "dept", "coding", "billing",
                                       "revenue cycle", "health information", "him ", "orthopaedic", "orthopedic associates", "llc",
                                       "inc.", "medical group", "clinic", "hospital", "specialist", "coordinator", "manager",
                                       "director", "auditor", "analyst"]
    private static let contactWordMatcher = PhraseMatcher(contactWords)
    private static let webMatcher = PhraseMatcher(["www.", "http://", "https://"])
    private static let credentialBytes: Set<[UInt8]> = Set(credentials.subtracting(["md", "do"]).map { Array($0.utf8) })

    /// `hasContactDetail` after the phone check, on the bytes of a search-stable line (where
    /// lowercasing touches only A-Z, Characters are scalars and splitting on " ", "," or "|"
    /// is splitting bytes); nil for other lines.
    private static func contactDetailFromBytes(_ line: String) -> Bool? {
        TextScan.withBytes(line) { bytes -> Bool? in
            // A CR would make "\r\n" one Character; lines never have one, but then it is no shortcut.
            guard TextScan.isSearchStable(bytes), !TextScan.contains(0x0D, in: bytes) else { return nil }
            var lower = [UInt8](bytes)
            for index in lower.indices { lower[index] = lower[index].asciiLowercased }
            return lower.withUnsafeBufferPointer { lower -> Bool in
                if TextScan.contains(UInt8(ascii: "@"), in: lower) && TextScan.contains(UInt8(ascii: "."), in: lower) {
                    var words = 0, inWord = false
                    for byte in lower {
                        if byte == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
                    }
                    if words <= 3 { return true }
                }
                if webMatcher.occurs(in: lower) { return true }
                var word: [UInt8] = []
                for byte in lower {
                    if byte == 0x20 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "|") {
                        if credentialBytes.contains(word) { return true }
                        word.removeAll(keepingCapacity: true)
                    } else {
                        word.append(byte)
                    }
                }
                if credentialBytes.contains(word) { return true }
                guard contactWordMatcher.occurs(in: lower) else { return false }
                // Characters of a search-stable line are its scalars: count the UTF-8 lead bytes.
                var characters = 0
                for byte in lower where byte & 0xC0 != 0x80 { characters += 1 }
                return characters <= 60 && !TextScan.contains(UInt8(ascii: "?"), in: lower)
            }
        }
    }

    private static let opNoteHeadings = ["operative", "procedure", "diagnosis", "indication", "anesthesia", "findings", "surgeon",
                                          "assistant", "implant", "complication", "blood loss", "specimen", "drain", "history",
                                          "date of surgery", "date of service", "description", "technique", "postoperative",
                                          "preoperative", "patient", "disposition", "tourniquet", "fracture", "arthroplasty",
                                          "fasciotomy", "orif", "incision", "cpt", "icd", "modifier", "op note", "dx", "laterality"]

    private static let opNoteHeadingMatcher = PhraseMatcher(opNoteHeadings)

    static func containsOpNoteHeading(_ text: String) -> Bool {
        opNoteHeadingMatcher.occurs(inLowercased: text)
    }

    /// A paragraph that reads as signature furniture: short lines, contact details or a
    /// name/title/company stack; never op-note text.
    static func isSignatureParagraph(_ lines: [String]) -> Bool {
        guard !lines.isEmpty, lines.count <= 10 else { return false }
        let joined = lines.joined(separator: " ")
        if containsOpNoteHeading(joined) && !lines.contains(where: { hasContactDetail($0) }) { return false }
        if lines.contains(where: { $0.count > 80 }) { return false }
        if lines.contains(where: { hasContactDetail($0) }) { return true }
        return lines.count <= 4 && lines.allSatisfy { line in
            let trimmed = line.trimmingASCIIWhitespace()
            return trimmed.count <= 45 && !trimmed.hasSuffix(".") && !trimmed.hasSuffix("?") && !trimmed.hasSuffix(":")
        }
    }

    private static let disclaimerPhrases = [
        "confidentiality notice", "intended recipient", "intended only for", "intended solely for", "in error, please",
        "received this e-mail in error", "received this email in error", "received this message in error",
        "received this communication in error", "privileged and confidential", "confidential and privileged",
        "may contain confidential", "may contain privileged", "notify the sender immediately", "notify the sender by reply",
        "originated from outside of the organization", "originated from outside the organization", "originated outside",
        "do not click links or open attachments", "please consider the environment before printing", "disclaimer:",
        "is strictly prohibited", "unauthorized review, use, disclosure", "this message may contain protected health information",
        "external email: use caution", "[external]", "caution: external",
    ]

    private static let disclaimerMatcher = PhraseMatcher(disclaimerPhrases)

    static func isDisclaimer(_ paragraph: [String]) -> Bool {
        disclaimerMatcher.occurs(inLowercased: paragraph.joined(separator: " "))
    }
}
