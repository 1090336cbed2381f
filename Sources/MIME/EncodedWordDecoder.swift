/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values.
/// Whitespace between adjacent encoded words is dropped (RFC 2047 §6.2); adjacent words in the
/// same charset are joined before decoding so a multibyte character split across two words (as
/// some clients do) survives; a malformed word stays as literal text. Raw 8-bit bytes outside
/// encoded words are read as UTF-8, else Windows-1252.
enum EncodedWordDecoder {
    static func decode(_ string: String) -> String {
        decode(Array(string.utf8))
    }

    static func decode(_ bytes: [UInt8]) -> String {
        // Fast path: nothing to decode.
        if !bytes.contains(UInt8(ascii: "?")) || !containsEncodedWordStart(bytes) {
            return literal(bytes[...])
        }
        var output = ""
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var literalStart = 0
        var index = 0
        var lastWasWord = false

        func flushPending() {
            if let charset = pendingCharset {
                output += CharsetDecoder.decode(pendingBytes, charset: charset).text
            }
            pendingCharset = nil
            pendingBytes.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
               let word = parseWord(bytes, at: index) {
                let between = bytes[literalStart..<index]
                let onlyWhitespace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                if !(lastWasWord && onlyWhitespace) {
                    flushPending()
                    output += literal(between)
                } else if pendingCharset != nil, pendingCharset != word.charset {
                    flushPending()
                }
                if pendingCharset == nil { pendingCharset = word.charset }
                pendingBytes += word.bytes
                index = word.end
                literalStart = index
                lastWasWord = true
                continue
            }
            index += 1
            if lastWasWord, !bytes[index - 1].isASCIIWhitespace {
                lastWasWord = false
            }
        }
        flushPending()
        output += literal(bytes[literalStart...])
        return output
    }

    private static func containsEncodedWordStart(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2 else { return false }
        for index in 0..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "=") && bytes[index + 1] == UInt8(ascii: "?") {
            return true
        }
        return false
    }

    private static func literal(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return CharsetDecoder.decode(bytes, charset: "utf-8").text
    }

    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses `=?charset?X?text?=` starting at `start`; nil when malformed.
    static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            let byte = bytes[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 2 < bytes.count, index > charsetStart else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let mode = bytes[index + 1].asciiLowercased
        guard mode == UInt8(ascii: "b") || mode == UInt8(ascii: "q"), bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        index += 3
        let textStart = index
        while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "?") && bytes[index + 1] == UInt8(ascii: "=")) {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return nil }
            index += 1
        }
        guard index + 1 < bytes.count else { return nil }
        let text = bytes[textStart..<index]
        let decoded: [UInt8]
        if mode == UInt8(ascii: "b") {
            decoded = TransferDecoding.base64(text).bytes
        } else {
            decoded = qDecode(text)
        }
        return Word(charset: charset, bytes: decoded, end: index + 2)
    }

    private static func qDecode(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                output.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < text.endIndex, text[index + 1].isHexDigit, text[index + 2].isHexDigit {
                output.append(text[index + 1].hexValue << 4 | text[index + 2].hexValue)
                index += 3
                continue
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
