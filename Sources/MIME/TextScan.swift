import Foundation

/// Byte-level shortcuts for the recognisers narrative extraction runs on every line.
///
/// The recognisers were written on Swift Strings (Characters, `lowercased()`, Foundation's
/// `contains`), which cost an allocation and a Unicode-aware walk per call: most of the parse
/// time of an ordinary message. The rule here: a shortcut answers only where its answer is
/// provably the String answer (ASCII text, or a few non-ASCII scalars that have no case, no
/// decomposition and never combine); anything else goes the original way, so behaviour does
/// not change, only speed.
enum TextScan {
    /// Calls `body` with the string's UTF-8 bytes without copying them when the string is
    /// native (it is: everything here comes from decoding), else with a copy.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    static func isASCII(_ text: String) -> Bool { withBytes(text, isASCII) }

    /// True when every non-ASCII scalar is one of the punctuation mail text is full of (no-break
    /// space, Latin-1 signs, U+2010–U+2027 dashes/quotes/bullets/ellipsis, U+2030–U+205E, €).
    /// None has a case mapping or a canonical decomposition, none is a combining mark, a
    /// joiner or a prepend character: so `lowercased()` changes only ASCII letters, String
    /// equality is byte equality, and a literal match of an ASCII needle is also a
    /// canonical-equivalence match (what Foundation's `contains`/`range(of:)` do).
    static func isSearchStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            if byte == 0xC2, index + 1 < count, bytes[index + 1] >= 0xA0, bytes[index + 1] <= 0xBF, bytes[index + 1] != 0xAD {
                index += 2   // U+00A0–U+00BF without the soft hyphen (a format character)
                continue
            }
            if byte == 0xE2, index + 2 < count {
                let second = bytes[index + 1], third = bytes[index + 2]
                guard third >= 0x80 && third <= 0xBF else { return false }
                let scalar = 0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
                if second >= 0x80 && second <= 0x81 && ((scalar >= 0x2010 && scalar <= 0x2027) || (scalar >= 0x2030 && scalar <= 0x205E)) {
                    index += 3
                    continue
                }
                if second == 0x82 && third == 0xAC { index += 3; continue }   // U+20AC €
            }
            return false
        }
        return true
    }

    /// ASCII whitespace only (or empty): `trimmingASCIIWhitespace().isEmpty`, without the copy.
    static func isBlank(_ text: String) -> Bool {
        withBytes(text) { bytes in
            for byte in bytes where !byte.isASCIIWhitespace { return false }
            return true
        }
    }

    /// `trimmingASCIIWhitespace().hasPrefix(">")`, answered from bytes when it can be.
    static func startsWithQuote(_ text: String) -> Bool {
        let answer: Bool? = withBytes(text) { bytes in
            var index = 0
            while index < bytes.count, bytes[index].isASCIIWhitespace { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { return false }
            // ">" is a whole Character unless a combining mark follows it (">\u{338}" is "≯").
            return index + 1 == bytes.count || bytes[index + 1] < 0x80 ? true : nil
        }
        return answer ?? text.trimmingASCIIWhitespace().hasPrefix(">")
    }

    /// The first byte after leading bytes in `skipping`, ASCII-lowercased; nil when there is
    /// none. A caller may only conclude from an ASCII result: a non-ASCII byte means the String
    /// path must decide.
    static func firstByte(_ bytes: UnsafeBufferPointer<UInt8>, skipping: (UInt8) -> Bool) -> UInt8? {
        for byte in bytes where !skipping(byte) { return byte < 0x80 ? byte.asciiLowercased : byte }
        return nil
    }

    static func lastNonWhitespaceByte(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var index = bytes.count - 1
        while index >= 0 {
            if !bytes[index].isASCIIWhitespace { return bytes[index] }
            index -= 1
        }
        return nil
    }

    static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }
}

/// A fixed set of lowercase phrases searched for in text, as `phrases.contains { lower.contains($0) }`
/// does, in one pass over the bytes: candidates are bucketed by their first byte.
struct PhraseMatcher: Sendable {
    private let buckets: [[[UInt8]]]
    /// For the String route (Foundation's `contains` compares canonically equivalent text as
    /// equal, which bytes cannot speak for outside search-stable text).
    private let phrases: [String]

    init(_ phrases: [String]) {
        self.phrases = phrases
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for phrase in phrases where !phrase.isEmpty {
            let bytes = Array(phrase.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        self.buckets = buckets
    }

    /// Whether a phrase occurs in `bytes`: lowercased already, or ASCII-lowercased on the fly
    /// with `foldingASCIICase`.
    func occurs(in bytes: UnsafeBufferPointer<UInt8>, foldingASCIICase: Bool = false) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = foldingASCIICase ? bytes[index].asciiLowercased : bytes[index]
            let candidates = buckets[Int(byte)]
            if !candidates.isEmpty {
                for phrase in candidates where index + phrase.count <= count {
                    var offset = 1
                    while offset < phrase.count
                            && (foldingASCIICase ? bytes[index + offset].asciiLowercased : bytes[index + offset]) == phrase[offset] {
                        offset += 1
                    }
                    if offset == phrase.count { return true }
                }
            }
            index += 1
        }
        return false
    }

    /// `phrases.contains { text.lowercased().contains($0) }`: from bytes when the text is
    /// search-stable (see `TextScan.isSearchStable`), else by the String route.
    func occurs(inLowercased text: String) -> Bool {
        let fast: Bool? = TextScan.withBytes(text) { bytes in
            guard TextScan.isSearchStable(bytes) else { return nil }
            return occurs(in: bytes, foldingASCIICase: true)
        }
        if let fast { return fast }
        let lower = text.lowercased()
        return phrases.contains { lower.contains($0) }
    }
}
