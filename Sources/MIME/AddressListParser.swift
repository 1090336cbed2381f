/// RFC 5322 address lists (From, To, Cc, Reply-To, Sender): display names, quoted strings,
/// comments, groups (`team: a@x, b@y;` is flattened), and the broken forms clients produce
/// (`Doe, Jane <j@x>` unquoted, `Jane jane@x` without angle brackets, `j@x (Jane)`).
/// Works on the raw bytes so encoded words are decoded only inside display names (RFC 2047 §5).
enum AddressListParser {
    private enum Token {
        case word([UInt8])        // atom or dot-atom, may contain "@"
        case quoted([UInt8])
        case comment([UInt8])
        case angle([UInt8])
        case comma, colon, semicolon
    }

    static func parse(_ bytes: [UInt8]) -> [EmailAddress] {
        let tokens = tokenize(bytes)
        var items: [[Token]] = []
        var current: [Token] = []
        for token in tokens {
            switch token {
            case .comma, .semicolon:
                items.append(current)
                current = []
            case .colon:
                // A group name ("Undisclosed recipients:") is not an address; drop it. A colon
                // after an angle address or inside an item with "@" is junk, drop it too.
                current = []
            default:
                current.append(token)
            }
        }
        items.append(current)

        var result: [EmailAddress] = []
        var carriedName: String?
        for (position, item) in items.enumerated() where !item.isEmpty {
            let hasAngle = item.contains { if case .angle = $0 { return true } else { return false } }
            let hasAt = item.contains {
                if case .word(let w) = $0 { return w.contains(UInt8(ascii: "@")) } else { return false }
            }
            if !hasAngle && !hasAt {
                let nextHasAngle = items[(position + 1)...].first { !$0.isEmpty }?.contains {
                    if case .angle = $0 { return true } else { return false }
                } ?? false
                let words = phrase(item)
                if nextHasAngle {
                    carriedName = words
                    continue
                }
                if item.count == 1, case .word(let word) = item[0], !word.isEmpty {
                    result.append(EmailAddress(name: nil, address: String(decoding: word, as: UTF8.self)))
                }
                continue
            }
            if var address = mailbox(item) {
                if let carried = carriedName {
                    address.name = [carried, address.name].compactMap { $0 }.joined(separator: ", ")
                }
                result.append(address)
            }
            carriedName = nil
        }
        return result
    }

    private static func mailbox(_ item: [Token]) -> EmailAddress? {
        var phraseTokens: [Token] = []
        var comments: [String] = []
        var address: String?
        let hasAngle = item.contains { if case .angle = $0 { return true } else { return false } }
        for token in item {
            switch token {
            case .angle(let bytes):
                if address == nil { address = cleanAngle(bytes) }
            case .comment(let bytes):
                comments.append(EncodedWordDecoder.decode(bytes).trimmingASCIIWhitespace())
            case .word(let bytes) where bytes.contains(UInt8(ascii: "@")) && !hasAngle:
                if address == nil { address = String(decoding: bytes, as: UTF8.self) } else { phraseTokens.append(token) }
            default:
                phraseTokens.append(token)
            }
        }
        guard var address, !address.isEmpty else { return nil }
        address = address.trimmingASCIIWhitespace()
        var name = phrase(phraseTokens)
        if name == nil, let comment = comments.first(where: { !$0.isEmpty }) { name = comment }
        if let found = name, found == address || found.isEmpty { name = nil }
        return EmailAddress(name: name, address: address)
    }

    private static func cleanAngle(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes.filter { !$0.isASCIIWhitespace }, as: UTF8.self)
        if text.lowercased().hasPrefix("mailto:") { text.removeFirst(7) }
        // Obsolete source route "<@a.example,@b.example:jane@c.example>".
        if text.hasPrefix("@"), let colon = text.firstIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
        return text
    }

    /// Display-name words joined by single spaces, encoded words decoded.
    private static func phrase(_ tokens: [Token]) -> String? {
        var raw: [UInt8] = []
        for token in tokens {
            switch token {
            case .word(let bytes), .quoted(let bytes):
                if !raw.isEmpty { raw.append(0x20) }
                raw += bytes
            default: break
            }
        }
        guard !raw.isEmpty else { return nil }
        let decoded = EncodedWordDecoder.decode(raw).trimmingASCIIWhitespace()
        return decoded.isEmpty ? nil : decoded
    }

    private static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                index += 1
            case UInt8(ascii: ","): tokens.append(.comma); index += 1
            case UInt8(ascii: ":"): tokens.append(.colon); index += 1
            case UInt8(ascii: ";"): tokens.append(.semicolon); index += 1
            case UInt8(ascii: "\""):
                var value: [UInt8] = []
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
                index += 1
                // `"jane"@example.com`: a quoted local part glued to a domain is one word.
                if index < bytes.count, bytes[index] == UInt8(ascii: "@") {
                    let start = index
                    while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
                    tokens.append(.word(Array("\"".utf8) + value + Array("\"".utf8) + bytes[start..<index]))
                } else {
                    tokens.append(.quoted(value))
                }
            case UInt8(ascii: "("):
                var depth = 0
                var value: [UInt8] = []
                while index < bytes.count {
                    let current = bytes[index]
                    index += 1
                    if current == UInt8(ascii: "\\"), index < bytes.count { value.append(bytes[index]); index += 1; continue }
                    if current == UInt8(ascii: "(") { depth += 1; if depth == 1 { continue } }
                    if current == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                    value.append(current)
                }
                tokens.append(.comment(value))
            case UInt8(ascii: "<"):
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                tokens.append(.angle(Array(bytes[start..<min(index, bytes.count)])))
                index += 1
            case UInt8(ascii: ">"):
                index += 1
            default:
                let start = index
                while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
                tokens.append(.word(Array(bytes[start..<index])))
            }
        }
        return tokens
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"),
             UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }
}
