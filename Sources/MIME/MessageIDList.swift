/// Message-ID, In-Reply-To, References: `<id>` tokens, returned without angle brackets.
/// Tolerates ids without brackets (some mailers) and comments or phrases between them.
enum MessageIDList {
    static func parse(_ bytes: [UInt8]) -> [String] {
        var ids: [String] = []
        var index = 0
        var sawAngle = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                sawAngle = true
                let start = index + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "<") { end += 1 }
                let id = String(decoding: bytes[start..<end].filter { !$0.isASCIIWhitespace }, as: UTF8.self)
                if !id.isEmpty { ids.append(id) }
                index = end
                if index < bytes.count, bytes[index] == UInt8(ascii: ">") { index += 1 }
            } else {
                index += 1
            }
        }
        if !sawAngle {
            // Bare ids: whitespace-separated tokens that look like addr-specs.
            ids = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                .map(String.init).filter { $0.contains("@") }
        }
        return ids
    }
}
