/// Writing header fields: RFC 2047 encoded words for non-ASCII, folding at whitespace so no
/// line exceeds 78 characters where possible (998 octets always), and sanitising anything that
/// came from incoming mail so CR/LF can never start a new header.
enum HeaderEncoding {
    /// Control characters (CR, LF, NUL, …) become spaces: an injected "\r\nBcc: x" turns into
    /// harmless text in the same field.
    static func sanitize(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in value.unicodeScalars {
            let isControl = scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
            let replacement: Unicode.Scalar = isControl ? " " : scalar
            if replacement == " " && lastWasSpace && isControl { continue }
            lastWasSpace = replacement == " "
            scalars.append(replacement)
        }
        return String(scalars).trimmingASCIIWhitespace()
    }

    static func needsEncoding(_ value: String) -> Bool {
        value.utf8.contains { $0 >= 0x80 } || value.contains("=?")
    }

    /// An unstructured field (Subject, or an extra header) as one folded "Name: value" line set.
    static func unstructured(name: String, value: String) -> String {
        let clean = sanitize(value)
        // A word too long to fold (a pasted URL, a token) would break the 998-octet line limit:
        // encoded words can be split anywhere.
        let hasUnfoldableWord = clean.split(separator: " ").contains { $0.utf8.count > 900 }
        if needsEncoding(clean) || hasUnfoldableWord {
            return fold(name: name, words: encodedWords(clean, firstLineBudget: 75 - name.count - 2))
        }
        return fold(name: name, words: clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init))
    }

    /// Joins words with spaces, breaking lines (CRLF + space) before 78 columns.
    static func fold(name: String, words: [String]) -> String {
        var output = name + ":"
        var lineLength = output.utf8.count
        for word in words {
            if lineLength + 1 + word.utf8.count > 78 && lineLength > name.utf8.count + 1 {
                output += "\r\n"
                lineLength = 0
            }
            output += " " + word
            lineLength += 1 + word.utf8.count
        }
        return output
    }

    /// Base64 encoded words of at most 75 characters, never splitting a UTF-8 sequence.
    static func encodedWords(_ text: String, firstLineBudget: Int = 75) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        let maxEncoded = 75 - prefix.count - suffix.count        // 63 base64 chars
        let maxBytes = maxEncoded / 4 * 3                        // 45 bytes
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes && !chunk.isEmpty {
                words.append(prefix + Base64.encode(chunk) + suffix)
                chunk = []
            }
            chunk += bytes.prefix(maxBytes)
        }
        if !chunk.isEmpty { words.append(prefix + Base64.encode(chunk) + suffix) }
        return words
    }

    /// A display name as an RFC 5322 phrase: atoms as-is, else a quoted string, else encoded words.
    static func phrase(_ name: String) -> String {
        let clean = sanitize(name)
        // A word too long to fold (a pasted URL, a token) would break the 998-octet line limit:
        // encoded words can be split anywhere.
        let hasUnfoldableWord = clean.split(separator: " ").contains { $0.utf8.count > 900 }
        if needsEncoding(clean) || hasUnfoldableWord { return encodedWords(clean).joined(separator: " ") }
        let atomOK = clean.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x20
                || Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
        if atomOK { return clean }
        return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Base64 for encoded words and MIME parts.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], alphabet[Int(value & 63)]]
            index += 3
        }
        let remaining = bytes.count - index
        if remaining == 1 {
            let value = UInt32(bytes[index]) << 16
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if remaining == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: output, as: UTF8.self)
    }
}
