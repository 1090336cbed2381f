import Foundation

/// Bytes in a declared charset to a String. Never fails: an unknown or wrong label decodes
/// best-effort (UTF-8 when the bytes are valid UTF-8, else Windows-1252) and says so.
enum CharsetDecoder {
    struct Result {
        var text: String
        var warning: String?
    }

    static func decode<C: Collection>(_ bytes: C, charset label: String?) -> Result where C.Element == UInt8 {
        let name = canonicalName(label ?? "us-ascii")
        switch name {
        case "utf-8", "us-ascii":
            if let text = validUTF8(bytes) { return Result(text: text) }
            // Mislabelled 8-bit text (Outlook writing cp1252 under "us-ascii" or "utf-8") is
            // far more common than deliberate garbage; cp1252 maps every byte to something readable.
            return Result(text: singleByte(bytes, table: table("windows-1252")),
                          warning: "text labelled \(name) is not valid UTF-8; read as Windows-1252")
        case "iso-8859-1":
            // As every browser does (WHATWG): C1 control bytes in "latin1" mail are really cp1252
            // punctuation (smart quotes, dashes); the rest of ISO-8859-1 is identity with cp1252.
            return Result(text: singleByte(bytes, table: table("windows-1252")))
        case "utf-16", "utf-16le", "utf-16be":
            return decodeUTF16(Array(bytes), declared: name)
        default:
            if let upper = SingleByteCharsetTables.upperHalves[name] {
                _ = upper
                return Result(text: singleByte(bytes, table: table(name)))
            }
            if let encoding = foundationEncoding(name), let text = String(data: Data(bytes), encoding: encoding) {
                return Result(text: text)
            }
            let fallback = validUTF8(bytes) ?? singleByte(bytes, table: table("windows-1252"))
            return Result(text: fallback, warning: "unknown charset '\(label ?? "")'; decoded best-effort")
        }
    }

    /// True when `decode` understands the label without guessing.
    static func isKnown(_ label: String) -> Bool {
        let name = canonicalName(label)
        return ["utf-8", "us-ascii", "iso-8859-1", "utf-16", "utf-16le", "utf-16be"].contains(name)
            || SingleByteCharsetTables.upperHalves[name] != nil || foundationEncoding(name) != nil
    }

    static func validUTF8<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        // One validating pass (the standard library's), not a validation and then a decode.
        String(validating: bytes, as: UTF8.self)
    }

    private static func decodeUTF16(_ bytes: [UInt8], declared: String) -> Result {
        var bigEndian = declared != "utf-16le"
        var start = 0
        if bytes.count >= 2 {
            if bytes[0] == 0xFE && bytes[1] == 0xFF { bigEndian = true; start = 2 }
            else if bytes[0] == 0xFF && bytes[1] == 0xFE { bigEndian = false; start = 2 }
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = start
        while index + 1 < bytes.count {
            let high = UInt16(bytes[bigEndian ? index : index + 1])
            let low = UInt16(bytes[bigEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        let text = String(decoding: units, as: UTF16.self)
        return Result(text: text, warning: bytes.count % 2 == 1 ? "UTF-16 text has an odd number of bytes" : nil)
    }

    private static func singleByte<C: Collection>(_ bytes: C, table: [Unicode.Scalar]) -> String where C.Element == UInt8 {
        // Built as UTF-8 bytes: one String at the end instead of an append per scalar.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 { utf8.append(byte); continue }
            UTF8.encode(table[Int(byte) - 0x80]) { utf8.append($0) }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static let tables: [String: [Unicode.Scalar]] = SingleByteCharsetTables.upperHalves.mapValues { Array($0.unicodeScalars) }

    private static func table(_ name: String) -> [Unicode.Scalar] { tables[name]! }

    private static func foundationEncoding(_ name: String) -> String.Encoding? {
        switch name {
        case "shift_jis": .shiftJIS
        case "euc-jp": .japaneseEUC
        case "iso-2022-jp": .iso2022JP
        default: nil
        }
    }

    /// Lowercased canonical label for the aliases clients really write.
    static func canonicalName(_ label: String) -> String {
        // The labels nearly all mail carries, already canonical up to ASCII case: answered
        // without the Foundation trimming and the alias tables below (same result).
        if label.utf8.count <= 12, label.utf8.allSatisfy({ $0 < 0x80 }) {
            let lower = String(decoding: label.utf8.map(\.asciiLowercased), as: UTF8.self)
            if lower == "utf-8" || lower == "us-ascii" || lower == "iso-8859-1" || lower == "windows-1252" { return lower }
        }
        var name = label.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }   // RFC 2231 language suffix
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8": return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "646", "iso-ir-6", "cp367", "ibm367", "": return "us-ascii"
        case "latin1", "latin-1", "l1", "iso8859-1", "iso_8859-1", "iso-8859-1", "iso88591", "cp819", "ibm819",
             "iso_8859-1:1987", "iso-ir-100", "csisolatin1": return "iso-8859-1"
        case "latin2", "l2": return "iso-8859-2"
        case "latin3", "l3": return "iso-8859-3"
        case "latin4", "l4": return "iso-8859-4"
        case "cyrillic": return "iso-8859-5"
        case "arabic": return "iso-8859-6"
        case "greek", "greek8": return "iso-8859-7"
        case "hebrew": return "iso-8859-8"
        case "latin5", "l5": return "iso-8859-9"
        case "latin6", "l6": return "iso-8859-10"
        case "latin7", "l7": return "iso-8859-13"
        case "latin8", "l8": return "iso-8859-14"
        case "latin9", "l9", "latin-9": return "iso-8859-15"
        case "latin10", "l10": return "iso-8859-16"
        case "koi8r", "koi8_r", "cskoi8r", "koi": return "koi8-r"
        case "koi8u", "koi8_u": return "koi8-u"
        case "cp866", "866", "ibm866": return "ibm866"
        case "utf16", "ucs-2", "unicode": return "utf-16"
        case "utf16le", "ucs-2le": return "utf-16le"
        case "utf16be", "ucs-2be": return "utf-16be"
        case "sjis", "shift-jis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932": return "shift_jis"
        case "eucjp", "x-euc-jp": return "euc-jp"
        default: break
        }
        // iso8859-2, iso_8859-2, iso-8859-2:1987, iso88592 → iso-8859-2
        for prefix in ["iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso_8859_", "iso8859"] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            if !digits.isEmpty { return "iso-8859-" + digits }
        }
        // windows-1252, cp1252, win-1252, x-cp1252, ms-1252 → windows-1252
        for prefix in ["windows-", "cp-", "cp", "win-", "win", "x-cp", "ms-", "windows"] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count)
            if digits.count == 4, digits.hasPrefix("125"), digits.allSatisfy(\.isNumber) { return "windows-" + digits }
        }
        return name
    }
}
