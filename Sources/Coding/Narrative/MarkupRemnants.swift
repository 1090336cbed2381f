/// HTML left in a pasted note ("<p><b>OPERATION:</b> Excision …</p>", "8.5&nbsp;x&nbsp;6&nbsp;cm"):
/// tags and character entities become spaces, byte positions kept (evidence quotes the note as
/// written). A block tag (`<p>`, `<br>`, `<div>`, `<li>`, `<tr>`, headings) ends its line, so a
/// heading after it opens its section; `&amp;` is an ampersand, `&lt;` / `&gt;` a comparison.
extension NarrativeAnalyzer {
    static func clearingMarkup(_ text: String) -> String {
        guard text.utf8.contains(lt) || text.utf8.contains(amp) else { return text }
        let bytes = Array(text.utf8)
        var output = bytes
        var changed = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == lt, let (length, block) = tag(bytes, at: index) {
                for position in index..<index + length { output[position] = 32 }
                if block { output[index] = 10 }
                changed = true
                index += length
                continue
            }
            if byte == amp, let (length, replacement) = entity(bytes, at: index) {
                for position in index..<index + length { output[position] = 32 }
                if let replacement { output[index] = replacement }
                changed = true
                index += length
                continue
            }
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"]
    static let inlineTags: Set<String> = ["b", "i", "u", "em", "strong", "span", "font", "small", "sup", "sub", "a", "tbody", "thead", "html", "body"]

    /// A tag at `index` ("<p>", "</b>", "<br/>", "<span style=…>"): its length and whether it ends a line.
    private static func tag(_ bytes: [UInt8], at index: Int) -> (Int, Bool)? {
        var position = index + 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "/") { position += 1 }
        var name: [UInt8] = []
        while position < bytes.count, name.count < 8, (bytes[position] | 0x20) >= 97 && (bytes[position] | 0x20) <= 122 || (bytes[position] >= 49 && bytes[position] <= 54 && !name.isEmpty) {
            name.append(bytes[position] | (bytes[position] >= 65 ? 0x20 : 0)); position += 1
        }
        let tagName = String(decoding: name, as: UTF8.self)
        let block = blockTags.contains(tagName)
        guard block || inlineTags.contains(tagName) else { return nil }
        // Attributes up to the closing ">", on the same line and not too long.
        let limit = min(bytes.count, position + 200)
        while position < limit, bytes[position] != UInt8(ascii: ">"), bytes[position] != 10, bytes[position] != lt {
            position += 1
        }
        guard position < limit, bytes[position] == UInt8(ascii: ">") else { return nil }
        return (position + 1 - index, block)
    }
    private static let lt = UInt8(ascii: "<")

    /// A character entity at `index` ("&nbsp;", "&amp;", "&#160;"): its length and the byte it stands for (nil: a space).
    private static func entity(_ bytes: [UInt8], at index: Int) -> (Int, UInt8?)? {
        var position = index + 1
        let limit = min(bytes.count, index + 9)
        var name: [UInt8] = []
        while position < limit, bytes[position] != UInt8(ascii: ";") {
            let byte = bytes[position]
            guard (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "#") else { return nil }
            name.append(byte); position += 1
        }
        guard position < limit, !name.isEmpty else { return nil }
        switch String(decoding: name, as: UTF8.self).lowercased() {
        case "nbsp", "#160", "ensp", "emsp", "thinsp", "quot", "#34", "apos", "#39", "rsquo", "lsquo", "ldquo", "rdquo": return (position + 1 - index, nil)
        case "amp", "#38": return (position + 1 - index, amp)
        case "lt", "#60": return (position + 1 - index, lt)
        case "gt", "#62": return (position + 1 - index, UInt8(ascii: ">"))
        case "ndash", "mdash", "#8211", "#8212": return (position + 1 - index, UInt8(ascii: "-"))
        default: return nil
        }
    }
    private static let amp = UInt8(ascii: "&")
}
