/// HTML mail to readable plain text: block elements become line breaks, list items "- ",
/// table rows one line with cells joined by " | ", blockquotes "> " (so quoted history is
/// recognisable to narrative extraction), entities decoded, script/style/head dropped.
/// A small tolerant scanner, not a DOM: mail HTML is often invalid and we only need its text.
enum HTMLText {
    static func text(fromHTML html: String) -> String {
        var converter = Converter(bytes: Array(html.utf8))
        converter.run()
        return converter.finish()
    }

    private struct Converter {
        let bytes: [UInt8]
        var index = 0
        var lines: [String] = []
        var line = ""
        var lineQuoteDepth = 0
        var quoteDepth = 0
        var pendingSpace = false
        var preDepth = 0
        var lists: [(ordered: Bool, counter: Int)] = []
        var cellsInRow = 0
        var openParagraphIsMso = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() {
            var textStart = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") {
                    appendText(textStart..<index)
                    handleMarkup()
                    textStart = index
                } else {
                    index += 1
                }
            }
            appendText(textStart..<bytes.count)
        }

        mutating func finish() -> String {
            endLine(force: false)
            var result: [String] = []
            var blank = 0
            for raw in lines {
                var current = raw
                while current.last == " " { current.removeLast() }
                let isBlank = current.allSatisfy { $0 == ">" || $0 == " " }
                if isBlank {
                    blank += 1
                    if blank > 1 || result.isEmpty { continue }
                } else {
                    blank = 0
                }
                result.append(isBlank ? current.trimmingASCIIWhitespace() : current)
            }
            while let last = result.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { result.removeLast() }
            return result.joined(separator: "\n")
        }

        // MARK: Output

        mutating func appendText(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            // Entities replaced on bytes: `bytes` is the UTF-8 of a String and runs are cut only
            // at ASCII "&" and after ";", so the result is valid UTF-8 with no repair needed.
            var decodedBytes: [UInt8] = []
            decodedBytes.reserveCapacity(range.count)
            var position = range.lowerBound
            var runStart = position
            while position < range.upperBound {
                if bytes[position] == UInt8(ascii: "&"), let (value, after) = HTMLEntities.decode(bytes, at: position + 1), after <= range.upperBound {
                    decodedBytes += bytes[runStart..<position]
                    decodedBytes += value.utf8
                    position = after
                    runStart = after
                } else {
                    position += 1
                }
            }
            decodedBytes += bytes[runStart..<range.upperBound]
            if preDepth > 0 {
                let decoded = String(decoding: decodedBytes, as: UTF8.self)
                let pieces = decoded.split(separator: "\n", omittingEmptySubsequences: false)
                for (number, piece) in pieces.enumerated() {
                    if number > 0 { endLine(force: true) }
                    emit(String(piece).replacingOccurrences(of: "\u{A0}", with: " "))
                }
                return
            }
            // Collapse whitespace on bytes (all ASCII whitespace), one String append per run.
            var run: [UInt8] = []
            run.reserveCapacity(decodedBytes.count)
            var needSpace = pendingSpace && !line.isEmpty
            var lastWasSpace = pendingSpace
            var iterator = decodedBytes.makeIterator()
            var previousWasC2 = false
            while let byte = iterator.next() {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    lastWasSpace = true
                    previousWasC2 = false
                    continue
                }
                if lastWasSpace && (!run.isEmpty || needSpace) { run.append(0x20) }
                needSpace = false
                lastWasSpace = false
                // U+00A0 (C2 A0) reads as an ordinary space.
                if previousWasC2 && byte == 0xA0 { run[run.count - 1] = 0x20; previousWasC2 = false; continue }
                previousWasC2 = byte == 0xC2
                run.append(byte)
            }
            pendingSpace = lastWasSpace
            if !run.isEmpty { emit(String(decoding: run, as: UTF8.self)) }
        }

        mutating func emit(_ text: String) {
            if line.isEmpty { lineQuoteDepth = quoteDepth }
            line += text
        }

        /// Ends the current line; `force` also emits an empty line (for <br>).
        mutating func endLine(force: Bool) {
            if !line.isEmpty || force {
                let depth = line.isEmpty ? quoteDepth : lineQuoteDepth
                let prefix = depth > 0 ? String(repeating: ">", count: depth) + " " : ""
                lines.append(prefix + line)
            }
            line = ""
            pendingSpace = false
        }

        mutating func paragraphBreak() {
            endLine(force: false)
            if let last = lines.last, !last.trimmingASCIIWhitespace().allSatisfy({ $0 == ">" }) {
                let prefix = quoteDepth > 0 ? String(repeating: ">", count: quoteDepth) : ""
                lines.append(prefix)
            }
        }

        // MARK: Markup

        mutating func handleMarkup() {
            // Comments and conditional comments (Outlook's <!--[if mso]>).
            if index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"),
               bytes[index + 3] == UInt8(ascii: "-") {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                return
            }
            guard index + 1 < bytes.count else { index = bytes.count; return }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                index = find(">", from: index).map { $0 + 1 } ?? bytes.count
                return
            }
            let isLetter = (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A
            guard isLetter || next == UInt8(ascii: "/") else {
                // A stray "<" in text ("a < b"): literal.
                emit("<")
                index += 1
                return
            }
            let closing = next == UInt8(ascii: "/")
            var position = index + (closing ? 2 : 1)
            let nameStart = position
            while position < bytes.count, !(bytes[position].isASCIIWhitespace || bytes[position] == UInt8(ascii: ">") || bytes[position] == UInt8(ascii: "/")) {
                position += 1
            }
            let name = Self.tagName(bytes[nameStart..<position])
            let attributesStart = position
            // Skip to the end of the tag, respecting quoted attribute values.
            var quote: UInt8 = 0
            while position < bytes.count {
                let byte = bytes[position]
                if quote != 0 { if byte == quote { quote = 0 } }
                else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte }
                else if byte == UInt8(ascii: ">") { break }
                position += 1
            }
            let attributes = attributesStart..<min(position, bytes.count)
            index = min(position + 1, bytes.count)
            handleTag(name, closing: closing, attributes: attributes)
        }

        /// The lowercased tag name; ASCII names (all real ones) without a Unicode-aware pass.
        static func tagName(_ raw: ArraySlice<UInt8>) -> String {
            if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw.map(\.asciiLowercased), as: UTF8.self) }
            return String(decoding: raw, as: UTF8.self).lowercased()
        }

        private static let msoNormal = PhraseMatcher(["msonormal"])

        /// Whether the attributes (lowercased) contain "msonormal": only <p> asks.
        func attributesMentionMsoNormal(_ range: Range<Int>) -> Bool {
            Self.msoNormal.occurs(inLowercased: String(decoding: bytes[range], as: UTF8.self))
        }

        mutating func handleTag(_ name: String, closing: Bool, attributes: Range<Int>) {
            switch name {
            case "script", "style", "head", "title", "noscript", "template", "xml":
                if !closing {
                    let end = find("</\(name)", from: index, caseInsensitive: true)
                    index = end.flatMap { find(">", from: $0) }.map { $0 + 1 } ?? bytes.count
                }
            case "br":
                endLine(force: true)
            case "p":
                // Outlook writes one <p class=MsoNormal> per line with empty ones between
                // paragraphs; treating each as a paragraph would double-space everything.
                if !closing { openParagraphIsMso = attributesMentionMsoNormal(attributes) }
                if openParagraphIsMso { endLine(force: false) } else { paragraphBreak() }
            case "h1", "h2", "h3", "h4", "h5", "h6":
                paragraphBreak()
            case "blockquote":
                endLine(force: false)
                quoteDepth = closing ? max(0, quoteDepth - 1) : quoteDepth + 1
            case "pre":
                endLine(force: false)
                preDepth = closing ? max(0, preDepth - 1) : preDepth + 1
            case "ul", "ol":
                endLine(force: false)
                if closing { if !lists.isEmpty { lists.removeLast() } }
                else { lists.append((name == "ol", 0)) }
            case "li":
                endLine(force: false)
                if !closing {
                    if lists.isEmpty { emit("- ") }
                    else {
                        lists[lists.count - 1].counter += 1
                        let list = lists[lists.count - 1]
                        emit(String(repeating: "  ", count: lists.count - 1) + (list.ordered ? "\(list.counter). " : "- "))
                    }
                }
            case "tr":
                endLine(force: false)
                cellsInRow = 0
            case "td", "th":
                if !closing {
                    if cellsInRow > 0 && !line.isEmpty { line += " | " }
                    cellsInRow += 1
                }
            case "hr":
                endLine(force: false)
                emit("________________________________")
                endLine(force: false)
            case "div", "table", "tbody", "thead", "tfoot", "section", "article", "header", "footer", "address",
                 "center", "form", "dl", "dt", "dd", "main", "nav", "aside", "figure", "figcaption", "caption", "fieldset":
                endLine(force: false)
            default:
                break
            }
        }

        func find(_ literal: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
            let needle = Array(literal.utf8).map { caseInsensitive ? $0.asciiLowercased : $0 }
            guard !needle.isEmpty, start + needle.count <= bytes.count else { return nil }
            var position = start
            while position + needle.count <= bytes.count {
                if (caseInsensitive ? bytes[position].asciiLowercased : bytes[position]) == needle[0] {
                    var matched = true
                    for offset in 1..<needle.count where (caseInsensitive ? bytes[position + offset].asciiLowercased : bytes[position + offset]) != needle[offset] {
                        matched = false
                        break
                    }
                    if matched { return position }
                }
                position += 1
            }
            return nil
        }
    }
}
