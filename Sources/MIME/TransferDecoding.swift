/// Content-Transfer-Encoding decoders. Tolerant by design: mail in the wild has base64 with
/// missing padding or stray characters and QP with bare `=`; decoding keeps what it can and
/// reports the damage instead of failing.
enum TransferDecoding {
    struct Result {
        var bytes: [UInt8]
        var warning: String?
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String) -> Result {
        switch encoding {
        case "base64": return base64(bytes)
        case "quoted-printable": return quotedPrintable(bytes)
        case "", "7bit", "8bit", "binary": return Result(bytes: Array(bytes))
        default:
            return Result(bytes: Array(bytes), warning: "unknown transfer encoding '\(encoding)'; read as-is")
        }
    }

    /// Decoded length without materialising the bytes: attachments are listed with their size,
    /// and a 50 MB attachment must not cost another 50 MB.
    static func decodedSize(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String) -> Int {
        switch encoding {
        case "base64":
            var symbols = 0
            for byte in bytes where base64Value[Int(byte)] < 64 { symbols += 1 }
            return symbols / 4 * 3 + max(0, symbols % 4 - 1)
        case "quoted-printable":
            return quotedPrintable(bytes).bytes.count
        default:
            return bytes.count
        }
    }

    private static let base64Value: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = UInt8(index)
        }
        // URL-safe alphabet shows up from some web mailers.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    static func base64<C: Collection>(_ bytes: C) -> Result where C.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var accumulator: UInt32 = 0
        var count = 0
        var stray = false
        var sawPadding = false
        for byte in bytes {
            let value = base64Value[Int(byte)]
            if value < 64 {
                if sawPadding { stray = true }   // data after padding: concatenated chunks, keep going
                accumulator = accumulator << 6 | UInt32(value)
                count += 1
                if count == 4 {
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    output.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    count = 0
                }
            } else if byte == UInt8(ascii: "=") {
                sawPadding = true
            } else if !byte.isASCIIWhitespace {
                stray = true
            }
        }
        switch count {
        case 2: output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        case 1: stray = true
        default: break
        }
        return Result(bytes: output, warning: stray ? "malformed base64 (stray characters or truncated); decoded what was readable" : nil)
    }

    static func quotedPrintable<C: Collection>(_ bytes: C) -> Result where C.Element == UInt8, C.Index == Int {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        var malformed = false
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                output.append(byte)
                index += 1
                continue
            }
            if index + 2 < end, bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit {
                output.append(bytes[index + 1].hexValue << 4 | bytes[index + 2].hexValue)
                index += 3
                continue
            }
            // Soft line break: "=" then optional trailing blanks then CRLF or LF (or end of data).
            var look = index + 1
            while look < end, bytes[look] == 0x20 || bytes[look] == 0x09 { look += 1 }
            if look == end { index = end; continue }
            if bytes[look] == 0x0A { index = look + 1; continue }
            if bytes[look] == 0x0D {
                index = look + 1
                if index < end, bytes[index] == 0x0A { index += 1 }
                continue
            }
            // A bare "=" (e.g. "x = 5" written by a broken client): keep it literally.
            malformed = true
            output.append(byte)
            index += 1
        }
        return Result(bytes: output, warning: malformed ? "malformed quoted-printable; kept undecodable '=' as text" : nil)
    }
}
