/// ICD-10-PCS statements told in an inpatient coder's words ("Replacement of Left Hip Joint with
/// Synthetic Substitute, Cemented, Open Approach"; "Detachment at Right Lower Leg, High"): the root
/// operation, the body part, the device and the approach say what a surgeon calls the operation.
/// The plain words of `Resources/lexicon/pcs-operations.tsv` are added after the body part, with
/// the root operation's scope, so the knowledge base's phrases read them.
extension NarrativeAnalyzer {
    /// Words of a PCS statement's shape: an approach ("open approach") or a device ("synthetic
    /// substitute", "internal fixation device"). Added to the vocabulary so they are never corrected.
    static let pcsShapeWords: Set<String> = ["approach", "substitute", "device", "pcs", "percutaneous", "external", "endoscopic"]
    static let pcsApproachWords: Set<String> = ["open", "percutaneous", "external", "endoscopic"]
    /// What may stand between the root operation and its body part: "of", "at", "from", a side, the
    /// device removed ("Removal of Synthetic Substitute from Left Knee Joint").
    static let pcsLinkWords: Set<String> = ["of", "at", "from", "on", "the", "left", "right", "bilateral", "synthetic", "substitute",
                                            "spacer", "and"]
    static let pcsSkippedInBodyPart: Set<String> = ["left", "right", "bilateral", "and", "of", "the"]

    func addPCSOperations(_ tokens: inout [NarrativeToken]) {
        let operations = lexicon.pcsOperations
        guard !operations.isEmpty, tokens.contains(where: { $0.text == "approach" || $0.text == "substitute" || $0.text == "device" }) else { return }
        let saysPCS = tokens.contains { $0.text == "pcs" }
        // A sentence has the PCS shape when it names an approach the PCS way or a PCS device.
        var shaped: Set<Int> = []
        for index in tokens.indices {
            let text = tokens[index].text
            if text == "approach", index > 0, Self.pcsApproachWords.contains(tokens[index - 1].text) { shaped.insert(tokens[index].sentence) }
            if text == "substitute" || (text == "device" && index > 0 && tokens[index - 1].text == "fixation") { shaped.insert(tokens[index].sentence) }
        }
        guard saysPCS || !shaped.isEmpty else { return }
        let roots = lexicon.pcsRoots
        // Each statement: root position, the end of its words (exclusive), the body part's last word.
        struct Statement { let root: Int; let end: Int; let bodyPartEnd: Int; let bodyPart: [String]; let operation: Int }
        func sentenceEnd(after index: Int) -> Int {
            var end = index + 1
            while end < tokens.count, tokens[end].sentence == tokens[index].sentence, !roots.contains(tokens[end].text) { end += 1 }
            return end
        }
        /// The body part's last word when `part` follows the root at `root` (only link words before it).
        func bodyPart(_ part: [String], after root: Int, before end: Int) -> Int? {
            var start = root + 1
            while start < end {
                var position = start
                var matched = 0
                while position < end, matched < part.count {
                    if tokens[position].text == part[matched] { matched += 1 } else if !Self.pcsSkippedInBodyPart.contains(tokens[position].text) { break }
                    position += 1
                }
                if matched == part.count { return position - 1 }
                guard Self.pcsLinkWords.contains(tokens[start].text) else { return nil }
                start += 1
            }
            return nil
        }
        func names(_ phrase: [String], from start: Int, to end: Int) -> Bool {
            guard let first = phrase.first else { return false }
            var index = start
            while index < end {
                if tokens[index].text == first {
                    var position = index + 1
                    var matched = 1
                    while position < end, matched < phrase.count {
                        if tokens[position].text == phrase[matched] { matched += 1 } else if !Lexicon.stopWords.contains(tokens[position].text) { break }
                        position += 1
                    }
                    if matched == phrase.count { return true }
                }
                index += 1
            }
            return false
        }
        var statements: [Statement] = []
        for index in tokens.indices where roots.contains(tokens[index].text) && (saysPCS || shaped.contains(tokens[index].sentence)) {
            let end = sentenceEnd(after: index)
            for (number, operation) in operations.enumerated() where operation.roots.contains(tokens[index].text) {
                var found: (part: [String], last: Int)?
                for part in operation.bodyParts where found == nil {
                    if let last = bodyPart(part, after: index, before: end) { found = (part, last) }
                }
                guard let (part, last) = found,
                      operation.with.allSatisfy({ group in group.contains { names($0, from: index, to: end) } }),
                      !operation.without.contains(where: { names($0, from: index, to: end) }) else { continue }
                statements.append(Statement(root: index, end: end, bodyPartEnd: last, bodyPart: part, operation: number))
            }
        }
        var insertions: [(after: Int, words: [NarrativeToken])] = []
        for statement in statements {
            let operation = operations[statement.operation]
            if operation.needsReplacement, !statements.contains(where: { other in
                tokens[other.root].text == "replacement" && other.bodyPart == statement.bodyPart
            }) { continue }
            let anchor = tokens[statement.bodyPartEnd]
            let words = operation.words.map { word -> NarrativeToken in
                var token = anchor
                token.text = word
                token.standFor(tokens[statement.root])
                return token
            }
            insertions.append((statement.bodyPartEnd, words))
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) { tokens.insert(contentsOf: insertion.words, at: insertion.after + 1) }
    }
}
