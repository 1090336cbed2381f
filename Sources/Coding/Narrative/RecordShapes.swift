/// What the shape of a pasted record says about the words in it: a FHIR resource's `status`, an
/// HL7 v2 message's type, an EHR template's unfilled placeholders. Read on the note's bytes once.
extension NarrativeAnalyzer {
    /// FHIR `status` values of an event that did not happen (yet): planned, not done, withdrawn.
    static let notDoneStatuses: Set<String> = ["preparation", "not-done", "entered-in-error", "on-hold", "draft", "planned",
                                               "proposed", "booked", "pending", "cancelled", "revoked"]
    /// FHIR resources that order or book a procedure rather than record one.
    static let requestResources: Set<String> = ["ServiceRequest", "Appointment", "CarePlan", "AppointmentResponse"]
    /// HL7 v2 message types (MSH-9) of orders and schedules, not of things done.
    static let orderMessageTypes: Set<String> = ["ORM", "OMG", "OML", "OMI", "OMS", "OMP", "OMB", "SIU", "SRM", "SRR", "REF", "RQA", "RRI"]

    /// The words of a record that tells no procedure done today are not today's procedure: a FHIR
    /// Procedure whose `status` is "preparation", "not-done" or "entered-in-error" (only that
    /// resource, in a Bundle), a FHIR ServiceRequest or Appointment, and an HL7 v2 order or
    /// scheduling message (ORM, OMG, SIU, ...). Marked as history, as a cancelled case is.
    func markRecordStatus(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard !tokens.isEmpty else { return }
        var spans: [ClosedRange<Int>] = []
        if Self.isOrderMessage(bytes) {
            spans.append(0...max(bytes.count - 1, 0))
        } else if let first = Self.find(Array("\"resourceType\"".utf8), in: bytes, from: 0) {
            spans = Self.notDoneResources(bytes, from: first)
        }
        guard !spans.isEmpty else { return }
        for index in tokens.indices where spans.contains(where: { $0.contains(tokens[index].start) }) {
            tokens[index].historical = true
        }
    }

    /// Whether the note is an HL7 v2 message ("MSH|^~\&|...") of an order or schedule type.
    static func isOrderMessage(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9 { index += 1 }
        guard index + 4 < bytes.count, bytes[index] == UInt8(ascii: "M"), bytes[index + 1] == UInt8(ascii: "S"),
              bytes[index + 2] == UInt8(ascii: "H") else { return false }
        let separator = bytes[index + 3]
        // MSH-9 is the eighth separated field after the segment name (MSH-1 is the separator itself).
        var field = 1
        var position = index + 4
        while position < bytes.count, bytes[position] != 10, bytes[position] != 13, field < 8 {
            if bytes[position] == separator { field += 1 }
            position += 1
        }
        guard field == 8 else { return false }
        var type: [UInt8] = []
        while position < bytes.count, type.count < 3, (bytes[position] >= 65 && bytes[position] <= 90) { type.append(bytes[position]); position += 1 }
        return orderMessageTypes.contains(String(decoding: type, as: UTF8.self))
    }

    /// The byte spans of the FHIR resources (JSON objects) that record no procedure done.
    static func notDoneResources(_ bytes: [UInt8], from start: Int) -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        for (key, values) in [("\"status\"", notDoneStatuses), ("\"resourceType\"", requestResources)] {
            let pattern = Array(key.utf8)
            var search = key == "\"status\"" ? 0 : start
            while let found = find(pattern, in: bytes, from: search) {
                search = found + pattern.count
                guard let value = stringValue(bytes, after: search), values.contains(value),
                      let object = enclosingObject(bytes, at: found) else { continue }
                spans.append(object)
            }
        }
        return spans
    }

    /// The string after `"key"` and its colon: `"status": "not-done"` → not-done.
    static func stringValue(_ bytes: [UInt8], after index: Int) -> String? {
        var position = index
        while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
        position += 1
        while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 || bytes[position] == 10 { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        var value: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), value.count < 40 { value.append(bytes[position]); position += 1 }
        return String(decoding: value, as: UTF8.self)
    }

    /// The `{ … }` object around `index` (braces inside strings are not told apart; records rarely have them).
    static func enclosingObject(_ bytes: [UInt8], at index: Int) -> ClosedRange<Int>? {
        var depth = 0
        var open = index - 1
        while open >= 0 {
            if bytes[open] == UInt8(ascii: "}") { depth += 1 } else if bytes[open] == UInt8(ascii: "{") {
                if depth == 0 { break }
                depth -= 1
            }
            open -= 1
        }
        guard open >= 0 else { return nil }
        depth = 0
        var close = open + 1
        while close < bytes.count {
            if bytes[close] == UInt8(ascii: "{") { depth += 1 } else if bytes[close] == UInt8(ascii: "}") {
                if depth == 0 { return open...close }
                depth -= 1
            }
            close += 1
        }
        return open...(bytes.count - 1)
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == head, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// HL7 v2 separates segments with a bare carriage return: a line break like any other.
    static func loneCarriageReturnsAsNewlines(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] == 13 && (index + 1 == bytes.count || bytes[index + 1] != 10) { bytes[index] = 10 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An EHR template's blanks are not facts. "Debridement of nonviable muscle: ***", "Laterality:
    /// ___": a field whose value is only a placeholder states nothing, so its label's words are
    /// uncertain. "{reamed/unreamed:***}", "{Left/Right:left}": the choices offered in a SmartList
    /// are not facts either; only a chosen value after the colon is.
    func markUnfilledFields(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard !tokens.isEmpty, bytes.contains(UInt8(ascii: "*")) || bytes.contains(UInt8(ascii: "_")) || bytes.contains(UInt8(ascii: "{")) else { return }
        var spans: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            // A field whose value is only a placeholder.
            if let colon = bytes[lineStart..<lineEnd].lastIndex(of: UInt8(ascii: ":")), colon > lineStart {
                let value = bytes[(colon + 1)..<lineEnd]
                // Only blanks after the colon, at least three of them ("***", "___").
                if value.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") }),
                   value.lazy.filter({ $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") }).count >= 3,
                   !bytes[lineStart..<colon].contains(UInt8(ascii: "{")) {
                    spans.append(lineStart..<colon)
                }
            }
            // SmartList choices: "{a/b:***}".
            var position = lineStart
            while position < lineEnd {
                if bytes[position] == UInt8(ascii: "{"), let close = bytes[position..<lineEnd].firstIndex(of: UInt8(ascii: "}")),
                   let colon = bytes[position..<close].firstIndex(of: UInt8(ascii: ":")) {
                    spans.append(position..<colon)
                    position = close
                }
                position += 1
            }
            lineStart = lineEnd + 1
        }
        guard !spans.isEmpty else { return }
        for index in tokens.indices where spans.contains(where: { $0.contains(tokens[index].start) }) {
            tokens[index].uncertain = true
        }
    }
}

/// A specimen line tells what was taken out: "Specimens: 1) subcutaneous lipoma, right anterior thigh,
/// 4.2 x 3.1 x 2.0 cm", "Specimen: distal femur 16.5 cm with a cuff of vastus intermedius". A mass or
/// lesion named in a specimen field was excised; a bone named there, in a note about a bone tumor,
/// was resected. Not a meniscus or a femoral head (an arthroscopy's fragments, a replacement's head),
/// nor hardware; dead muscle sent to pathology is a clause concept of its own (`debrided`).
extension NarrativeAnalyzer {
    static let specimenMasses: Set<String> = ["lipoma", "mass", "tumor", "tumour", "lesion", "cyst", "ganglion", "bursa", "neuroma",
                                              "schwannoma", "neurofibroma", "fibroma", "nodule", "osteochondroma", "exostosis",
                                              "angiolipoma", "hemangioma", "haemangioma", "sarcoma", "liposarcoma", "myxoma"]
    static let specimenBones: Set<String> = ["femur", "tibia", "fibula", "patella", "ilium", "acetabulum", "sacrum", "pelvis"]
    static let boneTumorWords: Set<String> = ["sarcoma", "osteosarcoma", "chondrosarcoma", "ewing", "ewings", "metastasis", "metastatic",
                                              "metastases", "adamantinoma", "chordoma", "myeloma", "plasmacytoma"]

    func addSpecimenExcisions(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard NarrativeAnalyzer.find(Array("pecimen".utf8), in: bytes, from: 0) != nil else { return }
        let boneTumor = tokens.contains { Self.boneTumorWords.contains($0.text) }
        // The fields: the words under a "Specimen(s):" heading, and a sentence's words after the
        // word "specimen(s)" said as its label.
        var fields: [ClosedRange<Int>] = []
        var index = 0
        while index < tokens.count {
            // A line's label: the bytes from the line's start to the word, ending in a colon.
            if index == 0 || (tokens[index - 1].end < tokens[index].start
                                && bytes[tokens[index - 1].end..<tokens[index].start].contains { $0 == 10 || $0 == 58 }) {
                var lineStart = tokens[index].start
                while lineStart > 0, bytes[lineStart - 1] != 10 { lineStart -= 1 }
                let label = String(decoding: bytes[lineStart..<tokens[index].start], as: UTF8.self).lowercased()
                if label.contains("specimen"), label.contains(":") {
                    var last = index
                    while last + 1 < tokens.count, tokens[last + 1].section == tokens[index].section,
                          tokens[index].section == .administrative || tokens[last + 1].sentence == tokens[index].sentence { last += 1 }
                    fields.append(index...last)
                    index = last + 1
                    continue
                }
            }
            if tokens[index].text == "specimen" || tokens[index].text == "specimens", index + 1 < tokens.count,
               tokens[index + 1].sentence == tokens[index].sentence, AnalyzedNarrative.colonAfter(index, tokens, bytes) {
                var last = index + 1
                while last + 1 < tokens.count, tokens[last + 1].sentence == tokens[index].sentence { last += 1 }
                fields.append((index + 1)...last)
                index = last + 1
                continue
            }
            index += 1
        }
        var insertions: [(after: Int, token: NarrativeToken)] = []
        for field in fields {
            if let mass = field.first(where: { Self.specimenMasses.contains(tokens[$0].text) }) {
                var token = tokens[mass]
                token.text = "excised"
                insertions.append((mass, token))
            } else if boneTumor, let bone = field.first(where: { Self.specimenBones.contains(tokens[$0].text) }) {
                var token = tokens[bone]
                token.text = "resected"
                insertions.append((bone, token))
            }
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) { tokens.insert(insertion.token, at: insertion.after + 1) }
    }
}

/// A diagnosis code written in a claim row, an HL7 segment or a coder's question ("2026-09-14,L,DHS
/// 135 deg 4-hole,S72.142A,Dr Ncube") names its condition as surely as the words would: the code's
/// description up to its first comma ("displaced intertrochanteric fracture of left femur") is added
/// after it, with its scope. Only codes of the tabular, and only of the chapters of injuries (S, T),
/// the musculoskeletal system (M) and congenital deformities (Q).
extension NarrativeAnalyzer {
    static let diagnosisCodeChapters: Set<Character> = ["s", "t", "m", "q"]

    func readDiagnosisCodes(_ tokens: inout [NarrativeToken]) {
        guard let table = diagnosisTable else { return }
        var insertions: [(after: Int, words: [NarrativeToken])] = []
        for index in tokens.indices {
            let text = tokens[index].text
            let utf8 = text.utf8
            // Most words fail on their second character: no copy of their bytes for them.
            guard utf8.count >= 5, utf8.count <= 8, let second = utf8.dropFirst().first, second >= 48, second <= 57,
                  let first = text.first, Self.diagnosisCodeChapters.contains(first) else { continue }
            let bytes = Array(utf8)
            // A letter, two digits (the first read above), then a dot and up to four letters or digits, or four to five of them undotted.
            guard bytes[2] >= 48, bytes[2] <= 57,
                  bytes.dropFirst(3).allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || $0 == 46 }),
                  bytes.filter({ $0 == 46 }).count <= 1, bytes.firstIndex(of: 46).map({ $0 == 3 }) ?? true,
                  let entry = table.entry(text) else { continue }
            let condition = entry.description.split(separator: ",", maxSplits: 1).first.map(String.init) ?? entry.description
            let words = condition.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            guard !words.isEmpty else { continue }
            insertions.append((index, words.map { word in
                var token = tokens[index]
                token.text = word
                return token
            }))
        }
        for insertion in insertions.reversed() { tokens.insert(contentsOf: insertion.words, at: insertion.after + 1) }
    }
}
