/// Decoded text uses "\n" only, whatever the sender's line endings (CRLF, bare CR from old Macs).
enum LineEndings {
    static func normalize(_ text: String) -> String {
        guard TextScan.withBytes(text, { TextScan.contains(0x0D, in: $0) }) else { return text }
        // On bytes: CRLF -> LF, then a lone CR -> LF. Foundation's replacingOccurrences (the
        // former implementation) compares canonically equivalent text as equal, so where a
        // scalar that might combine with the line break follows it, Foundation still decides.
        // Only ASCII and U+0080-U+017F (Latin-1 and Latin Extended-A: no combining marks) count
        // as certainly not combining; mail text practically never has anything else there.
        let bytes: [UInt8]? = TextScan.withBytes(text) { bytes in
            func safe(_ index: Int) -> Bool { index >= bytes.count || bytes[index] < 0x80 || (bytes[index] >= 0xC2 && bytes[index] <= 0xC5) }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0D {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    guard safe(index + 1) else { return nil }
                    output.append(0x0A)
                } else {
                    output.append(byte)
                }
                index += 1
            }
            return output
        }
        if let bytes { return String(decoding: bytes, as: UTF8.self) }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
