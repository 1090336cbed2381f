/// Check-box fields of an EHR template export ("Manipulation: [ ] Yes  [x] No",
/// "Condyles involved: (x) Medial  (x) Lateral", "Side: ☐ R ☒ L").
extension NarrativeAnalyzer {
    /// The text the tokenizer reads when the note has check boxes: an unticked box and the option
    /// written after it (up to the next box or the end of its line) become spaces, a ticked box
    /// becomes spaces and its option stays. So "Closed reduction performed: [ ] Yes  [x] No" reads
    /// "Closed reduction performed: no" (a negative field value), "Laterality: ( ) R  (x) L" reads
    /// "Laterality: L" and "(x) Medial (x) Lateral" reads "Medial and Lateral". Byte lengths are kept, so
    /// evidence still quotes the note as written. A line with a single box of either kind is left
    /// alone unless it is a field (a ":" before the box): "(x)" alone is no template.
    static func clearingCheckBoxes(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.contains(UInt8(ascii: "[")) || bytes.contains(UInt8(ascii: "(")) || bytes.contains(0xE2) else { return text }
        // A box at `index`: its length and whether it is ticked.
        func box(at index: Int) -> (length: Int, ticked: Bool)? {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") {
                let close = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
                // "[ ]", "[]", "[x]", "[X]", "[✓]" / "[✔]" (3 bytes each).
                if index + 1 < bytes.count, bytes[index + 1] == close { return (2, false) }
                if index + 2 < bytes.count, bytes[index + 2] == close {
                    switch bytes[index + 1] {
                    case 32: return (3, false)
                    case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "*"): return (3, true)
                    default: return nil
                    }
                }
                if index + 4 < bytes.count, bytes[index + 4] == close, bytes[index + 1] == 0xE2, bytes[index + 2] == 0x9C,
                   bytes[index + 3] == 0x93 || bytes[index + 3] == 0x94 {
                    return (5, true)
                }
                return nil
            }
            // ☐ E2 98 90 (empty), ☑ E2 98 91, ☒ E2 98 92 (ticked).
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x98 {
                switch bytes[index + 2] {
                case 0x90: return (3, false)
                case 0x91, 0x92: return (3, true)
                default: return nil
                }
            }
            return nil
        }
        var output = bytes
        var changed = false
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var boxes: [(start: Int, length: Int, ticked: Bool)] = []
            var index = lineStart
            while index < lineEnd {
                if let found = box(at: index) {
                    boxes.append((index, found.length, found.ticked))
                    index += found.length
                } else {
                    index += 1
                }
            }
            guard !boxes.isEmpty else { continue }
            if boxes.count == 1 {
                // One box: a field ("Cast applied: [x]") or nothing of a template.
                var look = boxes[0].start - 1
                while look >= lineStart, bytes[look] == 32 || bytes[look] == 9 { look -= 1 }
                guard look >= lineStart, bytes[look] == UInt8(ascii: ":") else { continue }
            }
            // A registry form writes each option before its box ("Procedure type: Primary TKA [X]
            // Revision [ ]  Conversion [ ]"): several boxes, the last one ends the line. An unticked
            // box then clears the words since the box before it (or the field's colon).
            var last = boxes[boxes.count - 1].start + boxes[boxes.count - 1].length
            while last < lineEnd, bytes[last] == 32 || bytes[last] == 9 || bytes[last] == 13 { last += 1 }
            if boxes.count >= 2, last == lineEnd, boxes[0].start > lineStart {
                var fieldEnd = lineStart
                for position in lineStart..<boxes[0].start where bytes[position] == UInt8(ascii: ":") { fieldEnd = position + 1 }
                for (number, found) in boxes.enumerated() {
                    let optionStart = number == 0 ? fieldEnd : boxes[number - 1].start + boxes[number - 1].length
                    let clearStart = found.ticked ? found.start : optionStart
                    for position in clearStart..<(found.start + found.length) where output[position] != 13 { output[position] = 32 }
                }
                changed = true
                continue
            }
            for (number, found) in boxes.enumerated() {
                let optionEnd = number + 1 < boxes.count ? boxes[number + 1].start : lineEnd
                let clearEnd = found.ticked ? found.start + found.length : optionEnd
                for position in found.start..<clearEnd where output[position] != 13 { output[position] = 32 }
                changed = true
                // Ticked options one after another are a list: "(x) Medial  (x) Lateral" reads
                // "Medial and Lateral", "( ) R (x) L" just "L".
                if found.ticked, number > 0, boxes[number - 1].ticked, found.length >= 3, found.start > lineStart,
                   bytes[found.start - 1] == 32, found.start + found.length < lineEnd, bytes[found.start + found.length] == 32 {
                    output[found.start] = UInt8(ascii: "a"); output[found.start + 1] = UInt8(ascii: "n"); output[found.start + 2] = UInt8(ascii: "d")
                }
            }
        }
        guard changed else { return text }
        return String(decoding: output, as: UTF8.self)
    }
}
