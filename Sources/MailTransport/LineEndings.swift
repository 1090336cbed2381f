import Foundation

/// SMTP and .eml files want CRLF everywhere; curl dot-stuffs but leaves bare LF (and bare CR)
/// alone, which servers reject or mangle.
enum LineEndings {
    static func crlf(_ data: Data) -> Data {
        var output = Data()
        output.reserveCapacity(data.count + data.count / 40)
        var previous: UInt8 = 0
        for (index, byte) in data.enumerated() {
            if byte == 0x0A && previous != 0x0D {
                output.append(0x0D)
            }
            output.append(byte)
            if byte == 0x0D {
                let next = index + 1 < data.count ? data[data.startIndex + index + 1] : 0
                if next != 0x0A { output.append(0x0A) }
            }
            previous = byte
        }
        return output
    }
}
