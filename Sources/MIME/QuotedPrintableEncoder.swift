/// UTF-8 text to quoted-printable with CRLF line breaks and soft breaks at 76 columns.
/// Also encodes what trips up transports: trailing whitespace, a leading "From " (mbox
/// ">From" mangling) and a leading "." (SMTP dot-stuffing done wrong).
enum QuotedPrintableEncoder {
    static func encode(_ text: String) -> String {
        let normalized = LineEndings.normalize(text)
        var output = ""
        output.reserveCapacity(normalized.utf8.count + normalized.utf8.count / 8)
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            if number > 0 { output += "\r\n" }
            output += encodeLine(Array(line.utf8))
        }
        return output
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var tokens: [[UInt8]] = []
        tokens.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let mustEncode = byte == UInt8(ascii: "=") || byte >= 0x7F || (byte < 0x20 && byte != 0x09)
                || ((byte == 0x20 || byte == 0x09) && isLast)
                || (index == 0 && (byte == UInt8(ascii: ".") || (byte == UInt8(ascii: "F") && bytes.starts(with: Array("From ".utf8)))))
            tokens.append(mustEncode ? [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]] : [byte])
        }
        var output: [UInt8] = []
        var lineLength = 0
        for (index, token) in tokens.enumerated() {
            let isLast = index == tokens.count - 1
            // Room for the token plus a soft-break "=" unless this token ends the line.
            if lineLength + token.count > (isLast ? 76 : 75) {
                output += [UInt8(ascii: "="), 0x0D, 0x0A]
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
        return String(decoding: output, as: UTF8.self)
    }
}
