/// One header field as it appeared: the name and the unfolded raw value bytes.
/// Values stay bytes so structured parsers (addresses, parameters) see them undecoded, as RFC 2047
/// requires; `decodedValue` is for unstructured use.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    /// Unfolded value, leading and trailing whitespace trimmed, still in transfer form.
    public var rawValue: [UInt8]

    public init(name: String, rawValue: [UInt8]) {
        self.name = name
        self.rawValue = rawValue
    }

    /// The value with encoded words decoded and 8-bit bytes read as UTF-8 (else Windows-1252).
    public var decodedValue: String {
        EncodedWordDecoder.decode(rawValue)
    }
}

extension Array where Element == HeaderField {
    func first(named name: String) -> HeaderField? {
        first { $0.name.caseInsensitiveEquals(name) }
    }

    func all(named name: String) -> [HeaderField] {
        filter { $0.name.caseInsensitiveEquals(name) }
    }
}

extension String {
    /// ASCII case-insensitive comparison: header names are ASCII, and this avoids locale rules.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0.asciiLowercased == $1.asciiLowercased }
    }
}

extension UInt8 {
    var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
    var isHexDigit: Bool { (self >= 0x30 && self <= 0x39) || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
    var hexValue: UInt8 {
        if self >= 0x30 && self <= 0x39 { return self - 0x30 }
        return (self | 0x20) - 0x61 + 10
    }
}
