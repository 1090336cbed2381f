/// Addresses we put on the wire: a strict addr-spec (dot-atom or quoted local part, dot-atom or
/// literal domain), no whitespace or controls. curl passes RCPT TO verbatim, so an address
/// carrying CR/LF or ">" could inject SMTP commands or headers; those are rejected here.
enum AddressValidator {
    private static let atomSpecials = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    static func isValid(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard local.count <= 64 else { return false }
        if local.first == UInt8(ascii: "\"") {
            guard local.count >= 2, local.last == UInt8(ascii: "\"") else { return false }
            let inner = local.dropFirst().dropLast()
            guard inner.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
        } else if !isDotAtom(local, allowUTF8: true) {
            return false
        }
        if domain.first == UInt8(ascii: "[") {
            return domain.last == UInt8(ascii: "]") && domain.dropFirst().dropLast().allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A)
            }
        }
        guard isDotAtom(domain, allowUTF8: true) else { return false }
        return domain.split(separator: UInt8(ascii: ".")).allSatisfy { label in
            label.count <= 63 && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { $0 >= 0x80 || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isDotAtom(_ bytes: ArraySlice<UInt8>, allowUTF8: Bool) -> Bool {
        guard !bytes.isEmpty, bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return false }
        var previousDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
                continue
            }
            previousDot = false
            let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            guard isAlnum || atomSpecials.contains(byte) || (allowUTF8 && byte >= 0x80) else { return false }
        }
        return true
    }
}
