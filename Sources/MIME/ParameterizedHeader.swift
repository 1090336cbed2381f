/// A structured header value with parameters, as in Content-Type and Content-Disposition:
/// `text/plain; charset="utf-8"; format=flowed`. Handles RFC 2231 continuations and
/// `charset'language'percent-encoded` values, and the non-standard RFC 2047 encoded words that
/// Outlook and Gmail put inside quoted filenames.
struct ParameterizedHeader: Sendable, Hashable {
    /// Lowercased main value (`text/plain`, `attachment`).
    var value: String
    /// Lowercased parameter names to decoded values.
    var parameters: [String: String]

    init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    init(_ bytes: [UInt8]) {
        var scanner = Scanner(bytes: bytes)
        value = String(decoding: scanner.readUntilSemicolon(), as: UTF8.self)
            .trimmingASCIIWhitespace().lowercased()
        var pieces: [String: [(index: Int, extended: Bool, bytes: [UInt8])]] = [:]
        while scanner.skipSemicolon() {
            guard let (rawName, rawValue) = scanner.readParameter() else { continue }
            var name = rawName.lowercased()
            var extended = false
            var index = 0
            if name.hasSuffix("*") { extended = true; name.removeLast() }
            if let star = name.lastIndex(of: "*"), let number = Int(name[name.index(after: star)...]) {
                index = number
                name = String(name[..<star])
            }
            guard !name.isEmpty, index < 1_000 else { continue }
            pieces[name, default: []].append((index, extended, rawValue))
        }
        var parameters: [String: String] = [:]
        for (name, parts) in pieces {
            let sorted = parts.sorted { $0.index < $1.index }
            var charset: String?
            var collected: [UInt8] = []
            var anyExtended = false
            var seen = Set<Int>()
            for (position, part) in sorted.enumerated() where seen.insert(part.index).inserted {
                if part.extended {
                    anyExtended = true
                    var data = part.bytes[...]
                    if position == 0, let firstQuote = data.firstIndex(of: UInt8(ascii: "'")),
                       let secondQuote = data[(firstQuote + 1)...].firstIndex(of: UInt8(ascii: "'")) {
                        charset = String(decoding: data[..<firstQuote], as: UTF8.self)
                        data = data[(secondQuote + 1)...]
                    }
                    collected += Self.percentDecode(data)
                } else {
                    collected += part.bytes
                }
            }
            if anyExtended {
                let label = (charset?.isEmpty ?? true) ? "utf-8" : charset!
                parameters[name] = CharsetDecoder.decode(collected, charset: label).text
            } else {
                parameters[name] = EncodedWordDecoder.decode(collected)
            }
        }
        self.parameters = parameters
    }

    private static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
               bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit {
                output.append(bytes[index + 1].hexValue << 4 | bytes[index + 2].hexValue)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// Byte scanner for `value; name=value; name="quoted \"value\""`, skipping (comments).
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func readUntilSemicolon() -> [UInt8] {
            var output: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: ";") {
                if bytes[index] == UInt8(ascii: "(") { skipComment(); continue }
                if bytes[index] == UInt8(ascii: "\"") { output += readQuoted(); continue }
                output.append(bytes[index])
                index += 1
            }
            return output
        }

        mutating func skipSemicolon() -> Bool {
            while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
            guard index < bytes.count else { return false }
            index += 1
            return true
        }

        mutating func readParameter() -> (String, [UInt8])? {
            skipWhitespaceAndComments()
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).trimmingASCIIWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "="), !name.isEmpty else { return nil }
            index += 1
            skipWhitespaceAndComments()
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                return (name, readQuoted())
            }
            let valueStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
            // Unquoted values with spaces (`name=my file.txt`) are wrong but common: keep them whole.
            var value = Array(bytes[valueStart..<index])
            while let last = value.last, last.isASCIIWhitespace { value.removeLast() }
            return (name, value)
        }

        private mutating func readQuoted() -> [UInt8] {
            var output: [UInt8] = []
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    index += 1
                }
                output.append(bytes[index])
                index += 1
            }
            if index < bytes.count { index += 1 }
            return output
        }

        private mutating func skipWhitespaceAndComments() {
            while index < bytes.count {
                if bytes[index].isASCIIWhitespace { index += 1 }
                else if bytes[index] == UInt8(ascii: "(") { skipComment() }
                else { break }
            }
        }

        private mutating func skipComment() {
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\") { index += 1; continue }
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return } }
            }
        }
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        let last = bytes.lastIndex(where: { !$0.isASCIIWhitespace })!
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}

extension String {
    /// Concrete-String overload: walks the UTF-8 view in place (hot in narrative extraction).
    func trimmingASCIIWhitespace() -> String {
        let view = utf8
        guard let first = view.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        let last = view.lastIndex(where: { !$0.isASCIIWhitespace })!
        if first == view.startIndex && last == view.index(before: view.endIndex) { return self }
        return String(self[first...last])
    }
}
