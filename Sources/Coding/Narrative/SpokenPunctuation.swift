/// Punctuation a surgeon dictated, written out as words by speech recognition.
extension NarrativeAnalyzer {
    /// Speech recognition writes the punctuation the surgeon spoke as words ("fixation of the left
    /// fibula period the wound was closed"): "period", "full stop", "new paragraph" end a sentence,
    /// "comma" and "semicolon" a clause, unless the word is the noun ("the postoperative period",
    /// "a period of immobilisation", "a 6 week period", "comma shaped").
    static func spokenPunctuation(_ raw: [Tokenizer.RawToken]) -> [Tokenizer.RawToken] {
        guard raw.contains(where: { $0.text == "period" || $0.text == "stop" || $0.text == "comma" || $0.text == "semicolon" || $0.text == "paragraph" }) else { return raw }
        var output: [Tokenizer.RawToken] = []
        output.reserveCapacity(raw.count)
        var pending: Tokenizer.Boundary?
        var index = 0
        while index < raw.count {
            let token = raw[index]
            var spoken: (length: Int, boundary: Tokenizer.Boundary)?
            let next = index + 1 < raw.count ? raw[index + 1].text : nil
            let before = output.last?.text
            if let before, token.boundary == .none, !Self.nounBeforePunctuationWord.contains(before), Double(before) == nil,
               next.map({ !["of", "was", "is", "in", "during", "shaped"].contains($0) }) ?? true {
                switch token.text {
                case "period": spoken = (1, .sentence)
                case "full" where next == "stop" && (index + 1 < raw.count && raw[index + 1].boundary == .none): spoken = (2, .sentence)
                case "new" where next == "paragraph" && (index + 1 < raw.count && raw[index + 1].boundary == .none): spoken = (2, .sentence)
                case "comma", "semicolon": spoken = (1, .clause)
                default: break
                }
            }
            if let spoken {
                pending = max(pending ?? .none, spoken.boundary)
                index += spoken.length
                continue
            }
            var copy = token
            if let boundary = pending, copy.boundary < boundary { copy.boundary = boundary }
            pending = nil
            output.append(copy)
            index += 1
        }
        return output
    }

    static let nounBeforePunctuationWord: Set<String> = [
        "a", "an", "the", "this", "that", "each", "every", "same", "whole", "entire", "postoperative", "perioperative", "preoperative",
        "operative", "post", "recovery", "healing", "waiting", "trial", "time", "short", "long", "brief", "initial", "early", "late",
        "global", "grace", "immobilization", "immobilisation", "observation", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "hour", "hours", "refractory", "latent", "menstrual", "full", "no", "any", "rest",
        "postop", "perioperatively", "prolonged", "rehabilitation", "neonatal", "followup", "follow",
    ]
}
